"""Issue 12: a long SQLite import holds the write lock for minutes. Sign-in and download audit
entries wait in the process instead of failing the user's action; what must not wait (a command,
a password check that has to count a failure) says in Thai and English that an import is being
saved, never a traceback."""

import sqlite3
import time
from contextlib import contextmanager

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from streamlit.testing.v1 import AppTest

from data_access import audit
from data_access import db as db_module
from data_access.cli import main
from data_access.db import Database
from data_access.schema import audit_log


@contextmanager
def write_lock_held(database: Database):
    """Another connection holds SQLite's write lock, as a long import's transaction does."""
    other = sqlite3.connect(database.engine.url.database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def logged(database: Database) -> list[tuple[str, str]]:
    with database.engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.execute(select(audit_log.c.username, audit_log.c.action).order_by(audit_log.c.id))
        ]


def test_an_audit_entry_waits_while_an_import_holds_the_database_and_is_written_after(sqlite_db):
    with write_lock_held(sqlite_db):
        began = time.perf_counter()
        audit.log(sqlite_db, "head_cm", "sign_in", {"method": "demo"})
        waited = time.perf_counter() - began
        assert audit.pending() == 1 and logged(sqlite_db) == []
    assert waited < audit.BUSY_WAIT_MS / 1000 + 3  # not the 30 s every other statement may wait
    audit.log(sqlite_db, "exec", "download", {"file": "x.xlsx"})
    assert audit.pending() == 0
    assert logged(sqlite_db) == [("head_cm", "sign_in"), ("exec", "download")]  # in the order they happened


def test_a_command_does_not_queue_its_entry_it_fails_in_both_languages(sqlite_db, monkeypatch, capsys):
    monkeypatch.setattr(db_module, "SQLITE_BUSY_MS", 300)  # a command waits as long as any statement
    monkeypatch.setenv("DATABASE_URL", sqlite_db.url)
    monkeypatch.setattr(db_module, "_default", None)
    with write_lock_held(sqlite_db):
        code = main(["users", "add", "someone", "--role", "executive"])
    out, err = capsys.readouterr()
    assert code == 2 and audit.pending() == 0
    assert "Traceback" not in err
    assert "ฐานข้อมูลกำลังบันทึกข้อมูลนำเข้าชุดใหญ่อยู่" in err
    assert "Error: the database is busy saving a large import, so this command could not run" in err


def _page_that_meets_a_locked_database():
    import sqlite3 as driver

    from sqlalchemy.exc import OperationalError as Locked

    from ui.outage import notice_when_unreachable

    with notice_when_unreachable():
        raise Locked("INSERT INTO audit_log …", {}, driver.OperationalError("database is locked"))


def test_a_page_held_up_by_an_import_says_so_not_that_the_database_is_unreachable():
    at = AppTest.from_function(_page_that_meets_a_locked_database).run(timeout=60)
    assert not at.exception
    assert [e.value for e in at.error] == [
        "ฐานข้อมูลกำลังบันทึกข้อมูลนำเข้าชุดใหญ่ จึงยังทำรายการนี้ไม่ได้ ระบบจะลองใหม่เองทุก 10 วินาที "
        "ข้อมูลที่บันทึกไว้ไม่สูญหาย\n\n"
        "The database is busy saving a large import, so this could not be done yet; the dashboard "
        "retries by itself every 10 seconds. Nothing saved is lost."
    ]


def test_other_database_errors_are_not_mistaken_for_a_lock(tmp_path):
    error = OperationalError("SELECT 1", {}, sqlite3.OperationalError("no such table: x"))
    assert not db_module.is_locked(error)
    with pytest.raises(OperationalError):
        audit.log(Database(f"sqlite:///{tmp_path}"), "u", "sign_in")  # a folder is no database
    assert audit.pending() == 0
