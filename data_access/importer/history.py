"""The import history (import_batches): one row per upload written, with the file's SHA-256, who,
when, the provinces it spoke about and its row counts, so a re-upload can be recognised."""

from __future__ import annotations

import json
from datetime import datetime

import pandas as pd
from sqlalchemy import Connection, select

from data_access import fiscal
from data_access.db import Database
from data_access.schema import import_batches
from data_access.selection import Scope


def local_time(when: datetime) -> datetime:
    return fiscal.bangkok(when)


def within(scope: Scope, province_codes: str) -> bool:
    """An import is the scope's to see only if every province it spoke about is in the scope: a
    batch's file name, uploader and row counts describe all of its provinces at once."""
    return scope.is_national or set(province_codes.split()) <= scope.provinces


def same_file(conn: Connection, sha256: str, scope: Scope) -> list[dict]:
    """Earlier imports of exactly these bytes that the scope may see."""
    b = import_batches.c
    query = select(b.id, b.file_name, b.username, b.imported_at, b.province_codes).where(b.sha256 == sha256)
    rows = conn.execute(query.order_by(b.id)).mappings()
    return [
        {**row, "imported_at": local_time(row["imported_at"])}
        for row in rows
        if within(scope, row["province_codes"])
    ]


def recent(db: Database, scope: Scope, limit: int = 50) -> pd.DataFrame:
    """The latest imports within the scope (every one for a national scope), with the total of
    new and updated rows. Batches are few (one per upload), so the scope is applied here."""
    b = import_batches.c
    query = select(b.id, b.file_name, b.sha256, b.username, b.imported_at, b.province_codes, b.row_counts)
    with db.engine.connect() as conn:
        rows = conn.execute(query.order_by(b.id.desc())).mappings().all()
    kept = [dict(r) for r in rows if within(scope, r["province_codes"])][:limit]
    for row in kept:
        row["imported_at"] = local_time(row["imported_at"])
        counts = json.loads(row.pop("row_counts") or "{}").values()
        row["new"] = sum(c.get("new", 0) for c in counts)
        row["updated"] = sum(c.get("updated", 0) for c in counts)
    columns = ["id", "file_name", "sha256", "username", "imported_at", "province_codes", "new", "updated"]
    return pd.DataFrame(kept, columns=columns)
