"""The import, quality and downloads pages with AppTest (through tests/apptest.run_app), and the
import page's pieces on their own."""

import pytest

from data_access import users
from data_access.db import Database
from data_access.selection import Scope
from tests.apptest import run_app
from tests.submission import check, small, xlsx
from ui import import_view

STAFF = Scope("demo_staff", "staff", frozenset({"50"}))
PAGES = ("pages/data_import.py", "pages/data_quality.py", "pages/downloads.py")


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    """An empty database with a Chiang Mai staff member and an executive (local accounts)."""
    db = Database(f"sqlite:///{tmp_path / 'app.db'}")
    db.migrate()
    users.add(db, "demo_staff", "staff", "50", actor="test")
    users.add(db, "demo_exec", "executive", actor="test")
    monkeypatch.setenv("DATABASE_URL", db.url)
    yield db
    db.dispose()


@pytest.fixture
def as_staff(app_db):
    return app_db


@pytest.mark.parametrize("page", PAGES)
def test_the_pages_run(app_db, page):
    at = run_app(page=page, user="demo_staff")
    assert not at.exception
    assert at.title


def test_a_role_without_upload_has_no_import_page(app_db):
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        run_app(page="pages/data_import.py", user="demo_exec")


def upload(at, data: bytes, name: str = "submission.xlsx"):
    at.file_uploader(key="upload").upload(name, data, "application/octet-stream")
    return at.run()


def test_upload_shows_the_changes_and_imports_on_confirm(as_staff):
    at = upload(run_app(page="pages/data_import.py", user="demo_staff", lang="en"), xlsx(small()))
    assert not at.exception
    changes = at.dataframe[0].value
    assert list(changes.columns) == ["Sheet", "New", "Updated", "Unchanged", "Removed (replaced)"]
    assert dict(zip(changes["Sheet"], changes["New"], strict=True))["participants"] == 5
    at.button(key="confirm").click().run()
    assert not at.exception
    assert any("Imported" in s.value for s in at.success)
    history = at.dataframe[-1].value
    assert history["File"].tolist() == ["submission.xlsx"]


def test_upload_of_a_bad_file_lists_every_problem_and_offers_the_error_workbook(as_staff):
    sheets = small()
    sheets["courses"][2][2] = "ลำพูน"
    sheets["participants"][1][5] = "lots"
    at = upload(run_app(page="pages/data_import.py", user="demo_staff"), xlsx(sheets))
    assert not at.exception
    assert any("พบข้อผิดพลาด 2 รายการ" in e.value for e in at.error)
    problems = at.table[0].value
    assert set(problems["แถว"]) == {3, 2}
    assert "ดาวน์โหลดรายการปัญหา (Excel)" in [b.label for b in at.get("download_button")]
    assert not at.button  # nothing to confirm


def test_upload_of_a_renamed_csv_is_refused_with_a_message(as_staff):
    at = upload(
        run_app(page="pages/data_import.py", user="demo_staff", lang="en"), b"course_code,province\nC1,50\n"
    )
    assert [e.value for e in at.error] == ["Not imported: 1 problem found; nothing was written"]
    assert "CSV" in at.table[0].value["Problem"].iloc[0]


def test_problems_and_changes_tables_speak_the_readers_language(sqlite_db):
    sheets = small()
    sheets["followups"][1][2] = "someday"
    outcome = check(sqlite_db, sheets, scope=STAFF)
    english = import_view.problems_table(outcome, "en")
    assert list(english.columns) == ["Sheet", "Row", "Column", "Value", "Problem", "How to fix"]
    assert english.iloc[0].tolist()[:5] == ["followups", 2, "followup_date", "someday", "Not a valid date"]
    thai = import_view.problems_table(outcome, "th")
    assert thai.iloc[0]["ปัญหา"] == "วันที่ไม่ถูกต้อง"
    good = check(sqlite_db, small(), scope=STAFF)
    table = import_view.changes_table(good, "th")
    assert table.iloc[0].tolist() == ["หลักสูตร", 3, 0, 0, 0]
