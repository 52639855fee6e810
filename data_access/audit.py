"""The audit trail the PDPA security-measures notification expects: who did what, when, on what.

Sign-ins (success and failure), downloads, uploads and user changes. Details are scrubbed before
they are written: no password, secret or citizen ID ever reaches the log.
"""

from __future__ import annotations

import json
import re
import threading
from collections import deque
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Connection, func, select
from sqlalchemy.exc import OperationalError

from data_access.db import SQLITE_BUSY_MS, Database, is_locked
from data_access.schema import audit_log
from data_access.selection import Scope, ScopeError, Selection

SECRET_KEYS = re.compile(r"pass|secret|token|key|citizen", re.IGNORECASE)
THIRTEEN_DIGITS = re.compile(r"(?<!\d)\d(?:[- ]?\d){12}(?!\d)")


def record(
    conn: Connection,
    username: str,
    action: str,
    detail: dict | None = None,
    rows: int | None = None,
    at: datetime | None = None,
) -> None:
    """Write one entry inside the caller's transaction (so it commits or rolls back with the work)."""
    conn.execute(
        audit_log.insert().values(
            at=at or datetime.now(UTC),
            username=username[:128],
            action=action,
            detail=json.dumps(scrub(detail or {}), ensure_ascii=False, default=str),
            rows=rows,
        )
    )


# Entries that could not be written because another writer (a long SQLite import) held the
# database: kept in this process, oldest first, and written before the next entry that can be.
PENDING_LIMIT = 10_000
BUSY_WAIT_MS = 2_000
_pending: deque[tuple[datetime, str, str, dict | None, int | None]] = deque(maxlen=PENDING_LIMIT)
_pending_lock = threading.Lock()


def log(
    db: Database,
    username: str,
    action: str,
    detail: dict | None = None,
    rows: int | None = None,
    queue: bool = True,
) -> None:
    """Write one entry in its own transaction (downloads, sign-ins, page events). While a long
    SQLite import holds the write lock, the entry waits in this process instead of failing the
    user's action, and is written, with its own time, by the next entry that gets through. A
    short-lived process (a command) passes queue=False: it waits as long as any statement, then
    fails rather than exit with the entry unwritten."""
    entry = (datetime.now(UTC), username, action, detail, rows)
    with _pending_lock:
        waiting = [*_pending, entry]
        _pending.clear()
    try:
        with db.engine.begin() as conn:
            if db.is_sqlite and queue:
                conn.exec_driver_sql(f"PRAGMA busy_timeout = {BUSY_WAIT_MS}")
            try:
                for at, *fields in waiting:
                    record(conn, *fields, at=at)
            finally:
                if db.is_sqlite:  # the pooled connection keeps the usual patience for other work
                    conn.exec_driver_sql(f"PRAGMA busy_timeout = {SQLITE_BUSY_MS}")
    except OperationalError as error:
        if not (queue and is_locked(error)):
            raise
        with _pending_lock:
            _pending.extendleft(reversed(waiting))


def pending() -> int:
    """Entries waiting to be written (for tests and the admin page's honesty)."""
    return len(_pending)


def selection_detail(selection: Selection) -> dict:
    return {
        "fiscal_years": list(selection.fiscal_years),
        "regions": list(selection.regions),
        "provinces": list(selection.provinces),
        "skills": list(selection.skills),
        "as_of": selection.as_of.isoformat(),
    }


def scrub(value):
    """Drop secret-looking keys and mask anything shaped like a citizen ID."""
    if isinstance(value, dict):
        return {k: scrub(v) for k, v in value.items() if not SECRET_KEYS.search(str(k))}
    if isinstance(value, (list, tuple)):
        return [scrub(v) for v in value]
    if isinstance(value, str):
        return THIRTEEN_DIGITS.sub("[citizen-id]", value)
    return value


def actions(db: Database, scope: Scope) -> list[str]:
    """The kinds of entry in the log, for a filter."""
    _require_admin(scope)
    with db.engine.connect() as conn:
        return sorted(conn.execute(select(audit_log.c.action).distinct()).scalars())


def entries(db: Database, scope: Scope, action: str = "", user: str = "", limit: int = 5000) -> pd.DataFrame:
    """The newest entries first, optionally of one action and of users whose name contains `user`.
    Only an admin may read the audit log."""
    _require_admin(scope)
    a = audit_log.c
    query = select(audit_log).order_by(a.at.desc(), a.id.desc()).limit(limit)
    if action:
        query = query.where(a.action == action)
    if user:
        query = query.where(func.lower(a.username).contains(user.lower(), autoescape=True))
    with db.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return pd.DataFrame(rows, columns=[c.name for c in audit_log.columns])


def _require_admin(scope: Scope) -> None:
    if not scope.can_manage_users():
        raise ScopeError("only an admin may read the audit log")
