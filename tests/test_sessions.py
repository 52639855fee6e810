"""The session store on both backends: tokens, hand-over codes, endings and the idle window."""

import hashlib
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from data_access import sessions, users
from data_access.schema import user_sessions

IDLE = timedelta(minutes=30)
T0 = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)


def signed_in(db, name="head", now=T0):
    if users.get(db, name) is None:
        users.add(db, name, "provincial", "50", actor="test", password="a long enough pw")
    started = sessions.start(db, name, "password", now=now)
    return started, sessions.redeem(db, started.handover_code, now=now + timedelta(seconds=2))


def test_the_cookie_token_names_its_session_and_user(db):
    started, token = signed_in(db)
    found = sessions.by_token(db, token, IDLE, now=T0 + timedelta(minutes=1))
    assert (found.id, found.username, found.method, found.ended) == (started.id, "head", "password", None)
    assert sessions.by_token(db, token + "x", IDLE, now=T0) is None


def test_only_hashes_are_stored(db):
    started, token = signed_in(db)
    with db.engine.connect() as conn:
        row = conn.execute(select(user_sessions)).mappings().one()
    assert row["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert token not in {str(v) for v in row.values()}
    assert started.handover_code not in {str(v) for v in row.values()}
    assert row["handover_hash"] is None  # spent


def test_a_handover_code_works_once_and_only_for_a_minute(db):
    started, token = signed_in(db)
    assert token is not None
    assert sessions.redeem(db, started.handover_code, now=T0 + timedelta(seconds=3)) is None
    late = sessions.start(db, "head", "password", now=T0)
    assert sessions.redeem(db, late.handover_code, now=T0 + timedelta(seconds=61)) is None
    assert sessions.redeem(db, "made-up", now=T0) is None


def test_a_token_copied_after_sign_out_is_refused(db):
    started, token = signed_in(db)
    sessions.end(db, started.id, "sign_out", now=T0 + timedelta(minutes=5))
    assert sessions.by_token(db, token, IDLE, now=T0 + timedelta(minutes=6)).ended == "sign_out"
    assert sessions.by_id(db, started.id, IDLE, now=T0 + timedelta(minutes=6)).ended == "sign_out"


def test_a_session_left_idle_expires_and_stays_expired(db):
    started, token = signed_in(db)
    assert sessions.by_token(db, token, IDLE, now=T0 + timedelta(minutes=31)).ended == "expired"
    assert sessions.by_token(db, token, IDLE, now=T0 + timedelta(minutes=32)).ended == "expired"


def test_each_run_moves_the_idle_window(db):
    started, token = signed_in(db)
    assert sessions.by_id(db, started.id, IDLE, now=T0 + timedelta(minutes=20)).ended is None
    assert sessions.by_id(db, started.id, IDLE, now=T0 + timedelta(minutes=45)).ended is None
    assert sessions.idle_for(db, started.id, now=T0 + timedelta(minutes=50)) == timedelta(minutes=5)


def test_the_idle_timer_reads_without_counting_as_activity(db):
    started, _ = signed_in(db)
    assert sessions.idle_for(db, started.id, now=T0 + timedelta(minutes=29)) == timedelta(minutes=29)
    assert sessions.idle_for(db, started.id, now=T0 + timedelta(minutes=29)) == timedelta(minutes=29)
    sessions.end(db, started.id, "expired", now=T0 + timedelta(minutes=31))
    assert sessions.idle_for(db, started.id, now=T0 + timedelta(minutes=32)) is None


def test_disabling_a_user_or_changing_the_password_ends_their_sessions(db):
    first, first_token = signed_in(db, "head")
    other, other_token = signed_in(db, "staff1")
    users.set_password(db, "head", "another long pw", actor="admin")
    assert sessions.by_token(db, first_token, IDLE, now=T0).ended == "password"
    users.set_disabled(db, "staff1", True, actor="admin")
    assert sessions.by_token(db, other_token, IDLE, now=T0).ended == "disabled"
    users.set_disabled(db, "staff1", False, actor="admin")
    assert sessions.by_token(db, other_token, IDLE, now=T0).ended == "disabled"  # enabling reopens nothing
