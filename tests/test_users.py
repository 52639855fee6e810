"""Local accounts: Argon2 hashes, lockout, disabling, and the `users` command (DESIGN §7–§8)."""

import io
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from data_access import audit, users
from data_access.cli import main
from data_access.errors import UserError
from data_access.schema import users as users_table
from data_access.selection import Scope, ScopeError

PASSWORD = "correct horse battery"


@pytest.fixture
def accounts(db):
    users.add(db, "head50", "provincial", "50", actor="test", password=PASSWORD)
    users.add(db, "north", "staff", "north", actor="test", password=PASSWORD)
    return db


def stored_hash(db, name):
    with db.engine.connect() as conn:
        return conn.execute(
            select(users_table.c.password_hash).where(users_table.c.username == name)
        ).scalar()


def test_password_is_stored_as_an_argon2_hash_only(accounts):
    stored = stored_hash(accounts, "head50")
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored
    assert stored != stored_hash(accounts, "north")  # salted: same password, different hash


def test_sign_in_with_the_right_password(accounts):
    user = users.sign_in(accounts, "head50", PASSWORD)
    assert user.scope == Scope("head50", "provincial", frozenset({"50"}))


def test_wrong_password_and_unknown_user_get_the_same_message(accounts):
    with pytest.raises(UserError) as wrong:
        users.sign_in(accounts, "head50", "nope")
    with pytest.raises(UserError) as unknown:
        users.sign_in(accounts, "ghost", "nope")
    said = "wrong username or password (an account is locked for 15 minutes after 5 wrong passwords in a row)"
    assert wrong.value.en == unknown.value.en == said


def test_lockout_after_repeated_failures_then_release(accounts):
    start = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
    for _ in range(users.MAX_FAILURES):
        with pytest.raises(UserError):
            users.sign_in(accounts, "head50", "bad password", now=start)
    with pytest.raises(UserError) as locked:
        users.sign_in(accounts, "head50", PASSWORD, now=start + timedelta(minutes=1))
    with pytest.raises(UserError) as unknown:
        users.sign_in(accounts, "ghost", PASSWORD, now=start + timedelta(minutes=1))
    assert locked.value.th == unknown.value.th  # a lock does not tell that the name exists
    assert locked.value.en == unknown.value.en
    later = start + timedelta(minutes=users.LOCK_MINUTES + 1)
    assert users.sign_in(accounts, "head50", PASSWORD, now=later).username == "head50"


def test_disabled_user_cannot_sign_in_or_act(accounts):
    users.set_disabled(accounts, "north", True, actor="test")
    with pytest.raises(UserError):
        users.sign_in(accounts, "north", PASSWORD)
    with pytest.raises(UserError):
        users.scope_for(accounts, "north")


def test_sign_ins_are_audited_without_the_password(accounts):
    users.sign_in(accounts, "head50", PASSWORD)
    with pytest.raises(UserError):
        users.sign_in(accounts, "head50", "typo-secret")
    log = audit.entries(accounts, Scope("admin", "admin"))
    assert {"sign_in", "sign_in_failed", "user_add"} <= set(log["action"])
    assert not log["detail"].str.contains("typo-secret|correct horse").any()


def test_short_passwords_and_bad_scopes_are_refused(db):
    with pytest.raises(UserError):
        users.add(db, "x", "staff", "north", actor="t", password="short")
    with pytest.raises(UserError):
        users.add(db, "y", "provincial", "north", actor="t")  # a provincial head has one province
    with pytest.raises(UserError):
        users.add(db, "z", "staff", "Atlantis", actor="t")


def test_only_admins_read_the_audit_log(accounts):
    with pytest.raises(ScopeError):
        audit.entries(accounts, Scope("head50", "provincial", frozenset({"50"})))


def test_audit_scrubs_secrets_and_citizen_ids():
    cleaned = audit.scrub({"password": "x", "note": "id 1101700203450 and 1-1017-00203-45-0", "rows": 3})
    assert cleaned == {"note": "id [citizen-id] and [citizen-id]", "rows": 3}


@pytest.fixture
def cli(db, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db.url)
    return db


def test_users_command_adds_lists_disables_and_sets_passwords(cli, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["users", "add", "cm", "--role", "provincial", "--scope", "เชียงใหม่", "--password-stdin"]) == 0
    assert main(["users", "add", "boss", "--role", "executive", "--email", "Boss@mol.go.th"]) == 0
    capsys.readouterr()
    assert main(["users", "list", "--json"]) == 0
    listed = {u["username"]: u for u in json.loads(capsys.readouterr().out)}
    assert listed["boss"]["password"] is False and listed["cm"]["password"] is True
    assert users.by_email(cli, "boss@MOL.go.th").username == "boss"
    assert main(["users", "disable", "cm"]) == 0
    assert users.get(cli, "cm").disabled
    monkeypatch.setattr("sys.stdin", io.StringIO("another long password\n"))
    assert main(["users", "set-password", "boss", "--password-stdin"]) == 0
    assert users.sign_in(cli, "boss", "another long password").role == "executive"


def test_users_command_as_a_non_admin_is_refused(cli, capsys):
    users.add(cli, "north", "staff", "north", actor="t")
    assert main(["users", "--as", "north", "add", "x", "--role", "admin"]) == 2
    assert "only an admin may manage users" in capsys.readouterr().err
    assert users.get(cli, "x") is None


def test_only_admins_list_users_and_the_log_filters_in_sql(accounts):
    with pytest.raises(ScopeError):
        users.list_users(accounts, Scope("north", "staff", frozenset({"50"})))
    admin = Scope("admin", "admin")
    assert [u.username for u in users.list_users(accounts, admin)] == ["head50", "north"]
    users.sign_in(accounts, "head50", PASSWORD)
    signed = audit.entries(accounts, admin, action="sign_in", user="HEAD")
    assert signed["username"].tolist() == ["head50"]
    assert "sign_in" in audit.actions(accounts, admin)


def test_a_failed_sign_in_never_logs_what_was_typed_as_a_name(accounts):
    with pytest.raises(UserError):
        users.sign_in(accounts, "my-secret-password", "x")
    entry = audit.entries(accounts, Scope("admin", "admin"), action="sign_in_failed").iloc[0]
    assert entry["username"] == "?"


def test_parallel_wrong_guesses_are_all_counted_and_lock_the_account(accounts):
    """30 wrong guesses at once are all counted, so the right password is refused afterwards."""
    barrier = threading.Barrier(10)

    def guess(password):
        barrier.wait()
        try:
            users.sign_in(accounts, "head50", password)
        except UserError:
            return False
        return True

    with ThreadPoolExecutor(max_workers=10) as pool:
        outcomes = list(pool.map(guess, ["bad password"] * 30))
    assert not any(outcomes)
    with accounts.engine.connect() as conn:
        row = conn.execute(
            select(users_table.c.failed_attempts, users_table.c.locked_until).where(
                users_table.c.username == "head50"
            )
        ).one()
    assert row.locked_until is not None
    with pytest.raises(UserError):
        users.sign_in(accounts, "head50", PASSWORD)
    failed = audit.entries(accounts, Scope("admin", "admin"))
    assert (failed["action"] == "sign_in_failed").sum() == 31
