"""The import page as a person goes through it: one outcome at a time, every problem in full
and in order, the demo warning said plainly, a template of their own provinces (AppTest)."""

import io
import re

import openpyxl
import pytest

from data_access import reference, users
from data_access.db import Database
from data_access.importer.template import template_workbook
from tests.apptest import run_app
from tests.submission import small, xlsx

PAGE = "pages/data_import.py"


@pytest.fixture
def staff_db(tmp_path, monkeypatch):
    db = Database(f"sqlite:///{tmp_path / 'app.db'}")
    db.migrate()
    users.add(db, "cm_staff", "staff", "50", actor="test")
    monkeypatch.setenv("DATABASE_URL", db.url)
    yield db
    db.dispose()


def uploaded(data: bytes, lang: str = "th", user: str = "cm_staff"):
    at = run_app(page=PAGE, user=user, lang=lang)
    at.file_uploader(key="upload").upload("submission.xlsx", data, "application/octet-stream")
    return at.run()


def test_after_confirming_only_the_outcome_remains(staff_db):
    at = uploaded(xlsx(small()), lang="en")
    assert any("Confirming will make these changes" in m.value for m in at.markdown)
    at.button(key="confirm").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Imported (batch 1)"]
    assert "confirm" not in [b.key for b in at.button]
    assert not any("Confirming will make these changes" in m.value for m in at.markdown)
    tables = [d.value for d in at.dataframe]
    assert len(tables) == 2  # the changes once, then the history
    assert tables[0].columns[0] == "Sheet" and tables[1]["File"].tolist() == ["submission.xlsx"]


def test_the_same_file_again_changes_nothing_and_offers_no_confirm(staff_db):
    data = xlsx(small())
    first = uploaded(data)
    first.button(key="confirm").click().run()
    again = uploaded(data)
    assert [i.value for i in again.info] == ["ข้อมูลในไฟล์ตรงกับฐานข้อมูลทุกแถว ไม่มีสิ่งใดต้องเปลี่ยน"]
    assert "confirm" not in [b.key for b in again.button]
    [seen] = [w.value for w in again.warning]
    assert re.fullmatch(r"ไฟล์นี้เคยนำเข้าแล้วเมื่อ \d{1,2} \S+ 25\d\d \d\d:\d\d น\. โดย cm_staff", seen)


def test_problems_are_shown_in_full_in_order_and_in_thai(staff_db):
    sheets = small()
    sheets["participants"][1][5] = "lots"
    sheets["courses"][2][2] = "ลำพูน"
    sheets["courses"][1][7] = "many"
    at = uploaded(xlsx(sheets))
    problems = at.table[0].value  # st.table: text wraps, nothing is cut
    assert [e.value for e in at.error] == ["ไม่นำเข้า: พบข้อผิดพลาด 3 รายการ ไม่มีข้อมูลใดถูกบันทึก"]
    assert problems[["ชีต", "แถว"]].values.tolist() == [["หลักสูตร", 2], ["หลักสูตร", 3], ["ผู้เข้าอบรม", 2]]
    assert "budget_planned" not in problems["คอลัมน์"].tolist()
    assert problems["คอลัมน์"].iloc[0] == "งบประมาณที่ได้รับ"
    assert "None" not in problems.to_string() and not problems.isna().any().any()


def test_a_problem_about_the_whole_file_has_dashes_not_none(staff_db):
    at = uploaded(b"course_code,province\nC1,50\n")
    row = at.table[0].value.iloc[0]
    assert (row["ชีต"], row["แถว"], row["คอลัมน์"]) == ("—", "—", "—")


def test_importing_into_the_demo_database_is_warned_in_full_without_terminal_commands(demo_app):
    at = run_app(page=PAGE, user="demo_north_staff")
    at.file_uploader(key="upload").upload("submission.xlsx", xlsx(small()), "application/octet-stream")
    at.run()
    warning = [w.value for w in at.warning if "ฐานข้อมูลตัวอย่าง" in w.value]
    assert len(warning) == 1 and "ทุกคนที่ใช้บัญชีสาธิตอยู่ รวมทั้งท่าน จะออกจากระบบทันที" in warning[0]
    page_text = " ".join(str(e.value) for e in at.main if hasattr(e, "value"))
    assert "python -m" not in page_text and not at.table  # the note is not also a row of a table
    assert "confirm" in [b.key for b in at.button]


def test_the_uploader_speaks_thai(staff_db):
    at = run_app(page=PAGE, user="cm_staff")
    styles = " ".join(h.proto.body for h in at.get("html"))
    assert 'content: "เลือกไฟล์"' in styles and 'content: "ไม่เกิน 50 MB ต่อไฟล์ • XLSX"' in styles
    assert at.get("file_uploader")[0].help == "ไฟล์ .xlsx หนึ่งไฟล์ ขนาดไม่เกิน 50 MB ลากไฟล์มาวาง หรือคลิกเพื่อเลือกไฟล์"


def test_a_regions_template_lists_only_its_provinces():
    north = set(reference.provinces_of_region("north"))
    book = openpyxl.load_workbook(io.BytesIO(template_workbook(north)))
    lists = {
        column[0].value: [c.value for c in column[1:] if c.value] for column in book["รายการ (lists)"].columns
    }
    assert sorted(lists["province"]) == sorted(reference.province_name(c) for c in north)
    assert len(lists["province_or_all"]) == 10  # the nation and the nine
    everyone = openpyxl.load_workbook(io.BytesIO(template_workbook()))
    assert len([c for c in everyone["รายการ (lists)"]["A"][1:] if c.value]) == 77
