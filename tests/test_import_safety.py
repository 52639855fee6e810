"""Imports never land in the demo database, and the import history stays within the scope."""

from datetime import UTC, datetime

from sqlalchemy import func, select

from data_access import demo, pii
from data_access.db import Database, get_meta
from data_access.importer import history, pipeline
from data_access.schema import import_batches, participants
from data_access.selection import Scope
from tests.submission import small, xlsx
from ui.auth import resolve_mode

NATIONAL_STAFF = Scope("staff_all", "staff")
CHIANG_MAI_STAFF = Scope("staff_cm", "staff", frozenset({"50"}))


def test_a_real_submission_ends_password_less_demo_sign_in(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'demo.db'}")
    db.migrate()
    demo.generate(db, participants_total=1000, seed=1)
    assert demo.offers_demo_sign_in(db)
    assert db.meta(pii.FINGERPRINT_META) == pii.key_fingerprint(pii.citizen_id_key())
    outcome = pipeline.run(db, xlsx(small()), "real.xlsx", NATIONAL_STAFF)
    assert outcome.imported
    assert "demo_database" in [p.kind for p in outcome.notes]
    assert not demo.offers_demo_sign_in(db)
    assert demo.labelled_demo(db)  # still labelled: demo rows remain beside the real ones
    assert resolve_mode("auto", has_oidc=False, is_demo_database=demo.offers_demo_sign_in(db)) == "local"


def test_history_shows_only_batches_within_the_scope(sqlite_db):
    with sqlite_db.engine.begin() as conn:
        for name, provinces in (("cm.xlsx", "50"), ("north.xlsx", "50 51"), ("bkk.xlsx", "10")):
            conn.execute(
                import_batches.insert().values(
                    file_name=name,
                    sha256=name,
                    username="u",
                    imported_at=datetime.now(UTC),
                    province_codes=provinces,
                    row_counts="{}",
                )
            )
    assert history.recent(sqlite_db, CHIANG_MAI_STAFF)["file_name"].tolist() == ["cm.xlsx"]
    assert sorted(history.recent(sqlite_db, NATIONAL_STAFF)["file_name"]) == [
        "bkk.xlsx",
        "cm.xlsx",
        "north.xlsx",
    ]
    with sqlite_db.engine.connect() as conn:
        assert history.same_file(conn, "north.xlsx", CHIANG_MAI_STAFF) == []
        assert len(history.same_file(conn, "north.xlsx", NATIONAL_STAFF)) == 1


def test_a_missing_citizen_id_key_is_a_clear_problem_not_a_crash(sqlite_db, monkeypatch):
    monkeypatch.delenv("CITIZEN_ID_KEY")
    monkeypatch.setenv("DATABASE_URL", sqlite_db.url)
    outcome = pipeline.run(sqlite_db, xlsx(small()), "s.xlsx", NATIONAL_STAFF)
    assert [p.kind for p in outcome.errors] == ["citizen_id_key_missing"]
    assert "CITIZEN_ID_KEY" in outcome.errors[0].message("en")


def test_a_file_without_citizen_ids_needs_no_key(sqlite_db, monkeypatch):
    monkeypatch.delenv("CITIZEN_ID_KEY")
    monkeypatch.setenv("DATABASE_URL", sqlite_db.url)
    courses_only = {"courses": small()["courses"]}
    assert pipeline.run(sqlite_db, xlsx(courses_only), "c.xlsx", NATIONAL_STAFF).imported


def test_an_import_hashed_with_another_key_is_refused_not_counted_twice(db, monkeypatch):
    assert pipeline.run(db, xlsx(small()), "s.xlsx", NATIONAL_STAFF).imported
    with db.engine.connect() as conn:
        stored = get_meta(conn, pii.FINGERPRINT_META)
    assert stored == pii.key_fingerprint(pii.citizen_id_key()) and len(stored) == 32
    monkeypatch.setenv("CITIZEN_ID_KEY", "another-key-of-more-than-32-bytes-long")
    before = db.data_version()
    sheets = small()
    sheets["participants"][1][5] = 5500  # a change, so the import would write
    outcome = pipeline.run(db, xlsx(sheets), "s2.xlsx", NATIONAL_STAFF)
    assert [p.kind for p in outcome.errors] == ["citizen_id_key_changed"]
    assert "count the same people twice" in outcome.errors[0].message("en")
    assert "นับซ้ำ" in outcome.errors[0].message("th")
    assert db.data_version() == before
    with db.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(participants)).scalar() == 5


def test_a_file_without_citizen_ids_imports_whatever_the_key(db, monkeypatch):
    assert pipeline.run(db, xlsx(small()), "s.xlsx", NATIONAL_STAFF).imported
    monkeypatch.setenv("CITIZEN_ID_KEY", "another-key-of-more-than-32-bytes-long")
    courses_only = {"courses": small()["courses"]}
    courses_only["courses"][1][4] = "ปลูกผักอินทรีย์ รุ่น 2"
    assert pipeline.run(db, xlsx(courses_only), "c.xlsx", NATIONAL_STAFF).imported
