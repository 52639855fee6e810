"""The audit trail the PDPA security-measures notification expects: who did what, when, on what.

Sign-ins (success and failure), downloads, uploads and user changes. Details are scrubbed before
they are written: no password, secret or citizen ID ever reaches the log.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Connection, select

from data_access.db import Database
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


def log(
    db: Database, username: str, action: str, detail: dict | None = None, rows: int | None = None
) -> None:
    """Write one entry in its own transaction (downloads, page events)."""
    with db.engine.begin() as conn:
        record(conn, username, action, detail, rows)


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


def entries(db: Database, scope: Scope, limit: int = 5000) -> pd.DataFrame:
    """The newest entries first. Only an admin may read the audit log."""
    if not scope.can_manage_users():
        raise ScopeError("only an admin may read the audit log")
    query = select(audit_log).order_by(audit_log.c.at.desc(), audit_log.c.id.desc()).limit(limit)
    with db.engine.connect() as conn:
        frame = pd.DataFrame(
            conn.execute(query).mappings().all(), columns=[c.name for c in audit_log.columns]
        )
    return frame
