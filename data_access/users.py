"""User records: who someone is in the dashboard, the Scope their role gives them, local passwords.

Passwords are Argon2id hashes (argon2-cffi); after MAX_FAILURES wrong passwords in a row an account
is locked for LOCK_MINUTES. Single sign-on users are matched by e-mail and need no password.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, func, select, update

from data_access import audit, sessions
from data_access.db import Database
from data_access.errors import UserError
from data_access.schema import users
from data_access.selection import ROLES, Scope, ScopeError

SYSTEM = Scope("system", "admin")  # the operator at a terminal without --as
MAX_FAILURES = 5
LOCK_MINUTES = 15
MIN_PASSWORD_LENGTH = 10
_hasher = PasswordHasher()


@dataclass(frozen=True)
class User:
    username: str
    display_name: str
    email: str | None
    role: str
    scope_codes: str
    disabled: bool
    has_password: bool

    @property
    def scope(self) -> Scope:
        return Scope.from_codes(self.username, self.role, self.scope_codes)


def _user(row) -> User:
    return User(
        row["username"],
        row["display_name"],
        row["email"],
        row["role"],
        row["scope"],
        bool(row["disabled"]),
        row["password_hash"] is not None,
    )


def get(db: Database, username: str) -> User | None:
    with db.engine.connect() as conn:
        row = conn.execute(select(users).where(users.c.username == username)).mappings().first()
    return None if row is None else _user(row)


def by_email(db: Database, email: str) -> User | None:
    with db.engine.connect() as conn:
        query = select(users).where(func.lower(users.c.email) == email.strip().lower())
        row = conn.execute(query).mappings().first()
    return None if row is None else _user(row)


def scope_for(db: Database, username: str) -> Scope:
    """The Scope of an active user; a UserError for an unknown or disabled one."""
    user = get(db, username)
    if user is None:
        raise UserError("error.unknown_user", user=username)
    if user.disabled:
        raise UserError("error.user_disabled", user=username)
    return user.scope


def list_users(db: Database, scope: Scope) -> list[User]:
    """Every account. Only an admin may list them."""
    if not scope.can_manage_users():
        raise ScopeError("only an admin may list users")
    with db.engine.connect() as conn:
        rows = conn.execute(select(users).order_by(users.c.username)).mappings().all()
    return [_user(r) for r in rows]


def add(
    db: Database,
    username: str,
    role: str,
    scope_codes: str = "",
    *,
    actor: str,
    password: str | None = None,
    email: str | None = None,
    display_name: str = "",
) -> User:
    """Create a user; the role and scope are checked before anything is written."""
    if role not in ROLES:
        raise UserError("error.unknown_role", role=role, roles=", ".join(ROLES))
    try:
        Scope.from_codes(username, role, scope_codes)
    except ValueError as error:
        raise UserError("error.invalid_scope", detail=str(error)) from None
    if get(db, username) is not None:
        raise UserError("error.user_exists", user=username)
    with db.engine.begin() as conn:
        conn.execute(
            users.insert().values(
                username=username,
                display_name=display_name or username,
                email=email or None,
                role=role,
                scope=scope_codes,
                password_hash=_hash(password) if password else None,
                created_at=datetime.now(UTC),
            )
        )
        audit.record(conn, actor, "user_add", {"user": username, "role": role, "scope": scope_codes})
    return get(db, username)


def set_password(db: Database, username: str, password: str, *, actor: str) -> None:
    _require(db, username)
    with db.engine.begin() as conn:
        conn.execute(
            update(users)
            .where(users.c.username == username)
            .values(password_hash=_hash(password), failed_attempts=0, locked_until=None)
        )
        sessions.end_for_user(conn, username, "password")
        audit.record(conn, actor, "user_set_password", {"user": username})


def set_disabled(db: Database, username: str, disabled: bool, *, actor: str) -> None:
    _require(db, username)
    with db.engine.begin() as conn:
        conn.execute(update(users).where(users.c.username == username).values(disabled=disabled))
        if disabled:
            sessions.end_for_user(conn, username, "disabled")
        audit.record(conn, actor, "user_disable" if disabled else "user_enable", {"user": username})


def _require(db: Database, username: str) -> None:
    if get(db, username) is None:
        raise UserError("error.unknown_user", user=username)


def _hash(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError("error.password_short", n=MIN_PASSWORD_LENGTH)
    return _hasher.hash(password)


class SignInError(UserError):
    """Wrong name or password, disabled, or locked: worded so it never tells which names exist."""


def sign_in(db: Database, username: str, password: str, now: datetime | None = None) -> User:
    """Check a local password, counting failures and locking after MAX_FAILURES; audit either way."""
    now = now or datetime.now(UTC)
    with db.engine.begin() as conn:
        row = _locked_row(conn, username)
        error = _refusal(row, now)
        if error is None and not _password_matches(row["password_hash"], password):
            _count_failure(conn, row, now)
            error = _wrong_password()
        if error is not None:
            # Only a known name is logged: what a user typed may be their password in the wrong box.
            known = row["username"] if row is not None else "?"
            audit.record(conn, known, "sign_in_failed", {"method": "password"}, at=now)
        else:
            conn.execute(
                update(users).where(users.c.id == row["id"]).values(failed_attempts=0, locked_until=None)
            )
            audit.record(conn, username, "sign_in", {"method": "password"}, at=now)
    if error is not None:
        raise error
    return _user(row)


def _locked_row(conn: Connection, username: str):
    """The account's row, read by an UPDATE that changes nothing: it takes the row's lock on
    PostgreSQL and the write lock on SQLite, so parallel guesses are counted one after another
    and the lockout is checked against every failure before it."""
    touch = (
        update(users)
        .where(users.c.username == username)
        .values(failed_attempts=users.c.failed_attempts)
        .returning(*users.c)
    )
    return conn.execute(touch).mappings().first()


def _refusal(row, now: datetime) -> SignInError | None:
    """Unknown, disabled and locked accounts are refused with the wrong-password message, so a
    refusal never tells which names exist."""
    if row is None or row["disabled"] or row["password_hash"] is None:
        return _wrong_password()
    locked = row["locked_until"]
    if locked is not None and _aware(locked) > now:
        return _wrong_password()
    return None


def _count_failure(conn: Connection, row, now: datetime) -> None:
    failures = row["failed_attempts"] + 1
    locked = now + timedelta(minutes=LOCK_MINUTES) if failures >= MAX_FAILURES else None
    conn.execute(
        update(users)
        .where(users.c.id == row["id"])
        .values(failed_attempts=0 if locked else failures, locked_until=locked)
    )


def _password_matches(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def _wrong_password() -> SignInError:
    return SignInError("error.wrong_password", failures=MAX_FAILURES, minutes=LOCK_MINUTES)


def _aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
