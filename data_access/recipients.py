"""Who receives each province's report pack by e-mail, and what was last delivered to them.

Managed like user accounts (`recipients add | list | remove | disable | enable`, admins only, every
change in the audit log). An address is one mailbox — no display name, no second address, no line
break — so it can never add a header or a recipient to the message it is put in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import and_, delete, select, update

from data_access import audit
from data_access.db import Database
from data_access.errors import UserError
from data_access.schema import report_recipients
from data_access.selection import Scope

ADDRESS = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+"
)
MAX_ADDRESS = 254


@dataclass(frozen=True)
class Recipient:
    id: int
    province_code: str
    email: str
    name: str
    disabled: bool
    sent_digest: str | None
    sent_at: datetime | None
    last_error: str | None


def _recipient(row) -> Recipient:
    return Recipient(
        row["id"],
        row["province_code"],
        row["email"],
        row["name"],
        bool(row["disabled"]),
        row["sent_digest"],
        row["sent_at"],
        row["last_error"],
    )


def valid_address(email: str) -> str:
    address = email.strip()
    if len(address) > MAX_ADDRESS or not ADDRESS.fullmatch(address):
        raise UserError("error.invalid_email", value=email)
    return address


def _require_admin(scope: Scope) -> None:
    if not scope.can_manage_users():
        raise UserError("error.admin_only_recipients")


def add(db: Database, province: str, email: str, name: str = "", *, actor: Scope) -> Recipient:
    _require_admin(actor)
    address = valid_address(email)
    with db.engine.begin() as conn:
        if conn.execute(select(report_recipients.c.id).where(_one(province, address))).first():
            raise UserError("error.recipient_exists", email=address, province=province)
        conn.execute(
            report_recipients.insert().values(
                province_code=province, email=address, name=name.strip(), created_at=datetime.now(UTC)
            )
        )
        audit.record(conn, actor.username, "recipient_add", {"province": province, "email": address})
        row = conn.execute(select(report_recipients).where(_one(province, address))).mappings().one()
    return _recipient(row)


def remove(db: Database, province: str, email: str, *, actor: Scope) -> None:
    _change(db, province, email, actor, "recipient_remove", None)


def set_disabled(db: Database, province: str, email: str, disabled: bool, *, actor: Scope) -> None:
    action = "recipient_disable" if disabled else "recipient_enable"
    _change(db, province, email, actor, action, {"disabled": disabled})


def _change(db, province, email, actor: Scope, action: str, values: dict | None) -> None:
    _require_admin(actor)
    address = email.strip()
    with db.engine.begin() as conn:
        where = _one(province, address)
        statement = (
            delete(report_recipients) if values is None else update(report_recipients).values(**values)
        )
        if not conn.execute(statement.where(where)).rowcount:
            raise UserError("error.unknown_recipient", email=address, province=province)
        audit.record(conn, actor.username, action, {"province": province, "email": address})


def _one(province: str, email: str):
    r = report_recipients.c
    return and_(r.province_code == province, r.email == email)


def list_recipients(db: Database, scope: Scope, province: str | None = None) -> list[Recipient]:
    """Every recipient (of one province), for an admin."""
    _require_admin(scope)
    r = report_recipients.c
    query = select(report_recipients).order_by(r.province_code, r.email)
    if province:
        query = query.where(r.province_code == province)
    with db.engine.connect() as conn:
        return [_recipient(row) for row in conn.execute(query).mappings()]


def of_province(db: Database, province: str) -> list[Recipient]:
    """The enabled recipients of one province: whom its pack is sent to."""
    r = report_recipients.c
    query = (
        select(report_recipients).where(r.province_code == province, r.disabled.is_(False)).order_by(r.email)
    )
    with db.engine.connect() as conn:
        return [_recipient(row) for row in conn.execute(query).mappings()]


def mark_sent(db: Database, recipient: Recipient, digest: str, at: datetime) -> None:
    _mark(db, recipient, sent_digest=digest, sent_at=at, last_error=None, tried_at=at)


def mark_failed(db: Database, recipient: Recipient, error: str, at: datetime) -> None:
    """The delivery is left as it was (so the next run tries again) with the error beside it."""
    _mark(db, recipient, last_error=error[:2000], tried_at=at)


def _mark(db: Database, recipient: Recipient, **values) -> None:
    with db.engine.begin() as conn:
        conn.execute(update(report_recipients).where(report_recipients.c.id == recipient.id).values(**values))
