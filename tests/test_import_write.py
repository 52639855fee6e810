"""Writing a submission, on SQLite and PostgreSQL: upsert keys, idempotence, all or nothing
(including a failure or a kill half-way through), derived tables and the import history."""

import json
import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from sqlalchemy import func, select

from data_access import importer, kpis
from data_access.db import set_meta
from data_access.importer import report, write
from data_access.schema import (
    allocations,
    course_outcome,
    courses,
    disbursements,
    field_staff,
    followups,
    import_batches,
    participants,
    targets,
)
from data_access.selection import Scope, Selection
from data_access.users import SYSTEM
from tests.builder import citizen_id
from tests.submission import run, small, xlsx

PROJECT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLES = (courses, participants, followups, disbursements, allocations, targets, field_staff, import_batches)


def row_counts(db) -> dict[str, int]:
    with db.engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar() for t in TABLES}


def test_reimporting_the_same_file_changes_nothing_and_records_no_batch(db):
    first = run(db, small())
    before, version = row_counts(db), db.data_version()
    second = run(db, small())
    assert first.imported and not second.imported and second.unchanged and not second.errors
    assert row_counts(db) == before and db.data_version() == version
    assert all(c["new"] == 0 and c["updated"] == 0 and c["removed"] == 0 for c in second.counts().values())
    assert second.counts()["participants"]["unchanged"] == 5
    assert (
        "ข้อมูลในไฟล์ตรงกับฐานข้อมูลทุกแถว ไม่มีสิ่งใดต้องเปลี่ยน / "
        "Every row already matches the database; nothing would change"
    ) in report.text_report(second)


def test_the_same_file_again_is_recognised(db):
    data = xlsx(small())  # once: openpyxl stamps the saving time into the file
    importer.run(db, data, "submission.xlsx", SYSTEM)
    again = importer.run(db, data, "renamed copy.xlsx", SYSTEM)
    (seen,) = again.previous
    assert seen["file_name"] == "submission.xlsx" and seen["username"] == "system"
    assert "already imported" in report.text_report(again)


def test_changed_rows_are_updated_not_added(db):
    run(db, small())
    sheets = small()
    sheets["courses"][1][4] = "ปลูกผักอินทรีย์ (แก้ไขชื่อ)"
    sheets["participants"][1][5] = 5500
    sheets["followups"][2][5] = 8800
    outcome = run(db, sheets)
    counts = outcome.counts()
    assert [counts[s]["updated"] for s in ("courses", "participants", "followups")] == [1, 1, 1]
    assert row_counts(db)["participants"] == 5
    with db.engine.connect() as conn:
        assert conn.execute(select(func.max(followups.c.income_after))).scalar() == 9000
        names = set(conn.execute(select(courses.c.course_name)).scalars())
    assert "ปลูกผักอินทรีย์ (แก้ไขชื่อ)" in names


def test_a_courses_disbursements_in_the_file_replace_its_old_ones(db):
    run(db, small())
    corrected = {
        "disbursements": [
            ["course_code", "date", "amount"],
            ["CM-01", "1/12/2565", 21000],
            ["CM-01", "10/1/2566", 25000],
        ]
    }
    outcome = run(db, corrected)
    assert outcome.counts()["disbursements"] == {"new": 1, "updated": 0, "unchanged": 1, "removed": 1}
    with db.engine.connect() as conn:
        total = conn.execute(select(func.sum(disbursements.c.amount))).scalar()
    assert float(total) == 21000 + 25000 + 30000 + 25000  # CM-02 and CM-03 keep theirs


def test_allocation_rounds_add_up_and_a_round_is_updated_in_place(db):
    header = ["fiscal_year", "province", "amount", "round"]
    run(db, {"allocations": [header, [2566, "50", 100000, 1]]})
    run(db, {"allocations": [header, [2566, "50", 50000, 2]]})
    outcome = run(db, {"allocations": [header, [2566, "50", 120000, 1]]})
    assert outcome.counts()["allocations"]["updated"] == 1
    with db.engine.connect() as conn:
        rows = sorted(conn.execute(select(allocations.c["round"], allocations.c.amount)).all())
    assert [(r, float(a)) for r, a in rows] == [("1", 120000), ("2", 50000)]


def test_moving_a_course_rebuilds_its_old_partition_too(db):
    run(db, small())
    moved = small()
    moved["courses"][1][2] = "ลำพูน"
    run(db, moved)
    with db.engine.connect() as conn:
        where = conn.execute(
            select(course_outcome.c.province_code, func.sum(course_outcome.c.participants)).group_by(
                course_outcome.c.province_code
            )
        ).all()
    assert dict(where) == {"50": 2, "51": 3}


def test_the_import_history_records_file_hash_user_provinces_and_counts(db):
    outcome = run(db, small())
    with db.engine.connect() as conn:
        batch = conn.execute(select(import_batches)).mappings().one()
    assert batch["sha256"] == outcome.sha256 and len(batch["sha256"]) == 64
    assert (batch["file_name"], batch["username"], batch["province_codes"]) == (
        "submission.xlsx",
        "system",
        "50",
    )
    assert json.loads(batch["row_counts"])["participants"]["new"] == 5
    with db.engine.connect() as conn:
        stamped = set(conn.execute(select(participants.c.batch_id)).scalars())
    assert stamped == {batch["id"]}


def test_an_import_bumps_the_data_version(db):
    before = db.data_version()
    run(db, small())
    assert db.data_version() == before + 1


def test_a_failure_half_way_through_writes_nothing(db, monkeypatch):
    def broken(*_args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(write, "_write_followups", broken)
    version = db.data_version()
    with pytest.raises(RuntimeError):
        run(db, small())
    assert set(row_counts(db).values()) == {0}
    assert db.data_version() == version


KILL_MID_WRITE = """
import os, signal, sys
from data_access.importer import write
original = write._write_followups
def killed(*args):
    original(*args)
    os.kill(os.getpid(), signal.SIGKILL)
write._write_followups = killed
from data_access.cli import main
sys.exit(main(["import", sys.argv[1]]))
"""


def test_a_kill_half_way_through_writes_nothing(db, tmp_path):
    path = tmp_path / "submission.xlsx"
    path.write_bytes(xlsx(small()))
    env = {
        **os.environ,
        "DATABASE_URL": db.url,
        "CITIZEN_ID_KEY": "test-key-0123456789abcdef0123456789abcdef",
    }
    done = subprocess.run(
        [sys.executable, "-c", KILL_MID_WRITE, str(path)],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == -9
    db.dispose()
    assert set(row_counts(db).values()) == {0}


def test_kpis_read_the_imported_data(db):
    run(db, small())
    got = kpis.kpi_summary(
        db, Selection(fiscal_years=(2566,), provinces=("50",), as_of=date(2023, 9, 30)), SYSTEM
    )
    assert got["participants"] == 5 and got["disbursed"] == 100000


def test_a_column_left_out_keeps_what_the_database_has(db):
    run(db, small())
    only_required = {
        "participants": [["course_code", "citizen_id", "completed"], ["CM-01", citizen_id("a"), "ผ่าน"]]
    }
    outcome = run(db, only_required)
    assert outcome.counts()["participants"] == {"new": 0, "updated": 0, "unchanged": 1, "removed": 0}
    with db.engine.connect() as conn:
        kept = conn.execute(
            select(participants.c.gender, participants.c.income_before).order_by(participants.c.id)
        ).first()
    assert (kept.gender, float(kept.income_before)) == ("F", 5000)


def test_an_empty_cell_does_clear_a_value(db):
    run(db, small())
    cleared = small()
    cleared["participants"][1][5] = ""
    assert run(db, cleared).counts()["participants"]["updated"] == 1
    with db.engine.connect() as conn:
        assert conn.execute(select(func.count()).where(participants.c.income_before.is_(None))).scalar() == 1


def test_a_second_import_is_told_who_is_importing_and_waits_for_nothing(db):
    """Issue 12: a second import during a long one hung or failed with `database is locked`."""
    started, finish = threading.Event(), threading.Event()

    def slow_progress(fraction, stage):
        if stage == "import.stage.check" and not started.is_set():
            started.set()
            finish.wait(30)  # the first import holds its transaction here

    first = ThreadPoolExecutor(max_workers=1).submit(
        importer.run,
        db,
        xlsx(small()),
        "first.xlsx",
        Scope("head_cm", "staff", frozenset({"50"})),
        slow_progress,
    )
    assert started.wait(30)
    began = time.perf_counter()
    second = importer.run(db, xlsx(small()), "second.xlsx", SYSTEM)
    assert time.perf_counter() - began < 5
    finish.set()
    assert first.result(60).imported
    assert not second.imported
    (problem,) = second.problems
    assert problem.kind == "import_running" and problem.params["user"] == "head_cm"
    assert problem.message("en").startswith("Another import is running (by head_cm, since ")
    again = importer.run(db, xlsx(small()), "second.xlsx", SYSTEM)  # once it is done: read, not refused
    assert again.unchanged and not again.problems
    assert db.meta("import_running") is None


def test_a_name_left_by_a_killed_import_does_not_stop_the_next(db):
    with db.engine.begin() as conn:
        set_meta(conn, "import_running", '{"user": "gone", "since": "2026-01-01T00:00:00+00:00"}')
    assert importer.run(db, xlsx(small()), "next.xlsx", SYSTEM).imported
