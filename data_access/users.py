"""User records: who someone is in the dashboard, and the Scope their role and codes give them."""

from __future__ import annotations

from sqlalchemy import select

from data_access.db import Database
from data_access.errors import UserError
from data_access.schema import users
from data_access.selection import Scope

SYSTEM = Scope("system", "admin")  # the operator at a terminal without --as


def scope_for(db: Database, username: str) -> Scope:
    """The Scope of an active user; a UserError for an unknown or disabled one."""
    with db.engine.connect() as conn:
        row = conn.execute(select(users).where(users.c.username == username)).mappings().first()
    if row is None:
        raise UserError(f"ไม่พบผู้ใช้ {username}", f"unknown user {username}")
    if row["disabled"]:
        raise UserError(f"ผู้ใช้ {username} ถูกระงับ", f"user {username} is disabled")
    return Scope.from_codes(row["username"], row["role"], row["scope"])
