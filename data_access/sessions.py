"""Signed-in browsers: a session survives a reload or a new tab until it is revoked or left idle.

The browser holds a random token in a cookie; the table holds only its SHA-256 (a 256-bit random
token cannot be guessed from its hash, unlike a citizen ID). A session starts in the page's own
server run, which cannot set a cookie: it gets a one-time hand-over code, valid for a minute,
that the page trades for the token at a same-origin endpoint (ui.session_cookie). A session ends
on sign-out, when its user is disabled or their password changes, when demo sign-in ends, or
after `idle` without a run; an ended session never signs anyone in again.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, select, update

from data_access.db import Database
from data_access.schema import user_sessions

HANDOVER_SECONDS = 60
ENDINGS = ("sign_out", "expired", "disabled", "password", "demo_ended")


@dataclass(frozen=True)
class Started:
    id: int
    handover_code: str


@dataclass(frozen=True)
class Session:
    id: int
    username: str
    method: str
    ended: str | None  # one of ENDINGS once it signs nobody in; None while it does


def start(db: Database, username: str, method: str, now: datetime | None = None) -> Started:
    """A new session for a user who has just signed in (by `method`: password or demo)."""
    now = now or datetime.now(UTC)
    code = secrets.token_urlsafe(32)
    with db.engine.begin() as conn:
        result = conn.execute(
            user_sessions.insert().values(
                username=username,
                method=method,
                handover_hash=_digest(code),
                handover_until=now + timedelta(seconds=HANDOVER_SECONDS),
                created_at=now,
                last_seen_at=now,
            )
        )
    return Started(result.inserted_primary_key[0], code)


def redeem(db: Database, code: str, now: datetime | None = None) -> str | None:
    """The cookie token for a hand-over code, once: None for an unknown, used or stale code."""
    now = now or datetime.now(UTC)
    token = secrets.token_urlsafe(32)
    with db.engine.begin() as conn:
        row = (
            conn.execute(select(user_sessions).where(user_sessions.c.handover_hash == _digest(code)))
            .mappings()
            .first()
        )
        if row is None or row["revoked_at"] is not None or _aware(row["handover_until"]) < now:
            return None
        conn.execute(
            update(user_sessions)
            .where(user_sessions.c.id == row["id"])
            .values(token_hash=_digest(token), handover_hash=None, handover_until=None)
        )
    return token


def by_id(db: Database, session_id: int, idle: timedelta, now: datetime | None = None) -> Session | None:
    return _find(db, user_sessions.c.id == session_id, idle, now)


def by_token(db: Database, token: str, idle: timedelta, now: datetime | None = None) -> Session | None:
    return _find(db, user_sessions.c.token_hash == _digest(token), idle, now)


def _find(db: Database, where, idle: timedelta, now: datetime | None) -> Session | None:
    """The session, marked expired when it has been idle too long, its last run noted otherwise.
    The note is written at most every tenth of the idle window, not on every run."""
    now = now or datetime.now(UTC)
    with db.engine.begin() as conn:
        row = conn.execute(select(user_sessions).where(where)).mappings().first()
        if row is None:
            return None
        ended = row["revoked_reason"] if row["revoked_at"] is not None else None
        last_seen = _aware(row["last_seen_at"])
        if ended is None and now - last_seen > idle:
            ended = "expired"
            _revoke(conn, user_sessions.c.id == row["id"], ended, now)
        elif ended is None and now - last_seen > idle / 10:
            conn.execute(
                update(user_sessions).where(user_sessions.c.id == row["id"]).values(last_seen_at=now)
            )
    return Session(row["id"], row["username"], row["method"], ended)


def idle_for(db: Database, session_id: int, now: datetime | None = None) -> timedelta | None:
    """How long since the session's last run (None once it has ended): read only, for a timer
    that must not count as activity."""
    now = now or datetime.now(UTC)
    with db.engine.connect() as conn:
        row = conn.execute(
            select(user_sessions.c.last_seen_at, user_sessions.c.revoked_at).where(
                user_sessions.c.id == session_id
            )
        ).first()
    if row is None or row.revoked_at is not None:
        return None
    return now - _aware(row.last_seen_at)


def end(db: Database, session_id: int, reason: str, now: datetime | None = None) -> None:
    with db.engine.begin() as conn:
        _revoke(conn, user_sessions.c.id == session_id, reason, now or datetime.now(UTC))


def end_by_token(db: Database, token: str, reason: str) -> None:
    with db.engine.begin() as conn:
        _revoke(conn, user_sessions.c.token_hash == _digest(token), reason, datetime.now(UTC))


def end_for_user(conn: Connection, username: str, reason: str) -> None:
    """Every open session of a user, inside the caller's transaction (disable, password change)."""
    _revoke(conn, user_sessions.c.username == username, reason, datetime.now(UTC))


def _revoke(conn: Connection, where, reason: str, now: datetime) -> None:
    if reason not in ENDINGS:
        raise ValueError(f"unknown session ending {reason!r}")
    conn.execute(
        update(user_sessions)
        .where(where, user_sessions.c.revoked_at.is_(None))
        .values(revoked_at=now, revoked_reason=reason, handover_hash=None, handover_until=None)
    )


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
