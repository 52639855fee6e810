"""One import at a time, and the second is told who is importing and since when.

An import writes its name in `meta` (a short transaction of its own) before its long one, and
clears it after. A name left behind by an import that was killed is recognised as stale: the
running import holds the database's write lock (SQLite) or the data version's row lock
(PostgreSQL, `write.lock`) for its whole transaction, so a name whose lock is free names nobody.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.exc import OperationalError

from data_access import fiscal
from data_access.db import Database, ensure_meta, get_meta, set_meta
from data_access.schema import meta

KEY = "import_running"
SQLITE_BUSY_MS = 30_000  # as the engine connects (db.Database)


def holder(db: Database) -> dict | None:
    """{"user", "since"} of the import running now, or None (reads only; never waits)."""
    recorded = db.meta(KEY)
    if recorded is None or not _import_lock_held(db):
        return None
    found = json.loads(recorded)
    return {
        "user": found["user"],
        "since": fiscal.bangkok(datetime.fromisoformat(found["since"])).strftime("%H:%M"),
    }


def claim(db: Database, username: str) -> str:
    """Write this import's name; returns what to give `release`."""
    mine = json.dumps({"user": username, "since": datetime.now(UTC).isoformat(timespec="seconds")})
    with db.engine.begin() as conn:
        set_meta(conn, KEY, mine)
        ensure_meta(conn, "data_version", "0")  # the row whose lock says an import is running
    return mine


def release(db: Database, mine: str) -> None:
    """Clear the name if it is still this import's (a later import may have replaced a stale one)."""
    with db.engine.begin() as conn:
        if get_meta(conn, KEY) == mine:
            conn.execute(delete(meta).where(meta.c.key == KEY))


def _import_lock_held(db: Database) -> bool:
    if db.is_sqlite:
        raw = db.engine.raw_connection()
        cursor = raw.driver_connection.cursor()
        try:
            cursor.execute("PRAGMA busy_timeout = 100")
            cursor.execute("BEGIN IMMEDIATE")
            cursor.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError:  # database is locked: a writer holds it
            return True
        finally:
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_MS}")
            raw.close()
    with db.engine.connect() as conn:
        try:
            conn.execute(
                select(meta.c.value).where(meta.c.key == "data_version").with_for_update(nowait=True)
            )
            return False
        except OperationalError:  # could not lock the row: an import holds it
            return True
        finally:
            conn.rollback()
