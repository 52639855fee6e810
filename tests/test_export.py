"""The summary workbook, cell by cell, on the hand-made dataset of tests/test_kpis.py (FY2566)."""

import io
import os
import subprocess
import zipfile
from datetime import UTC, date, datetime

import openpyxl
import pandas as pd
import pytest

from data_access import excel, exporter, kpi_definitions, kpi_words, reference
from data_access.cli import main
from data_access.schema import users
from data_access.selection import Scope, Selection
from tests.builder import Dataset
from tests.conftest import require_tool
from tests.test_kpis import hand_made, out_of_year_payments

AS_OF = date(2023, 9, 30)
EXECUTIVE = Scope("exec", "executive")
NORTH_STAFF = Scope("cm_staff", "staff", frozenset({"50", "51"}))
WHEN = datetime(2024, 1, 2, 2, 30, tzinfo=UTC)  # 09:30 in Bangkok


def workbook(db, scope=EXECUTIVE, lang="th", is_demo=False, **selection) -> openpyxl.Workbook:
    request = exporter.Request(
        Selection(fiscal_years=(2566,), as_of=AS_OF, **selection), scope, lang, scope.username, WHEN, is_demo
    )
    return openpyxl.load_workbook(io.BytesIO(exporter.summary_workbook(db, request)))


def rows(sheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


@pytest.fixture
def data(db):
    return hand_made().load(db)


def test_the_sheets_in_order(data):
    assert workbook(data).sheetnames == [
        "ปก",
        "ตัวชี้วัด",
        "รายภาค",
        "รายจังหวัด",
        "รายประเภททักษะ",
        "เบิกจ่ายรายเดือน",
        "รายการหลักสูตร",
        "นิยามตัวชี้วัด",
    ]
    assert workbook(data, lang="en").sheetnames[:3] == ["Cover", "KPIs", "By region"]


def test_the_workbook_ends_with_every_kpis_definition(data):
    rows = list(workbook(data, lang="en")["KPI definitions"].values)
    assert rows[0] == ("Indicator", "Definition")
    assert len(rows) == 1 + len(kpi_definitions.KPI_KEYS)
    defined = dict(rows[1:])
    assert defined["Skill-use rate"] == kpi_words.definition("skill_use_rate", "en")
    assert defined["Skill-use rate"].startswith("Completers whose latest follow-up says they use the skill")


def test_the_cover_says_what_who_when_and_whether_demo(data):
    cover = {
        label: value
        for label, value in rows(workbook(data, scope=NORTH_STAFF, is_demo=True, provinces=("50",))["ปก"])[2:]
    }
    assert cover == {
        "ปีงบประมาณ": "2566",
        "ภาค": "ทั้งหมด",
        "จังหวัด": "เชียงใหม่",
        "ประเภททักษะ": "ทั้งหมด",
        "ขอบเขตสิทธิ์ของผู้ส่งออก": "เชียงใหม่, ลำพูน",
        "ข้อมูล ณ วันที่": "30 ก.ย. 2566",
        "ส่งออกโดย": "cm_staff",
        "ส่งออกเมื่อ": "2 ม.ค. 2567 09:30 น.",
        "ข้อมูลตัวอย่าง (สาธิต)": "ใช่ — ข้อมูลสาธิต ไม่ใช่ข้อมูลจริง",
    }


def test_the_kpi_sheet_cell_by_cell(data):
    sheet = workbook(data, provinces=("50",))["ตัวชี้วัด"]
    values = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}
    assert values["ผู้เข้าอบรม"].value == 6 and values["ผู้เข้าอบรม"].number_format == "#,##0"
    assert values["อัตราผ่านการอบรม"].value == pytest.approx(5 / 6)
    assert values["อัตราผ่านการอบรม"].number_format == "0.0%"
    assert values["งบจัดสรร"].value == 150000 and values["งบจัดสรร"].number_format == "#,##0"
    assert values["เบิกจ่าย"].value == 75000
    assert values["รายได้ก่อนอบรม (มัธยฐาน)"].value == 6000
    assert values["ระยะเวลาคืนทุน"].value == pytest.approx(15000 / ((3000 + 500 - 1000) / 3))
    assert values["อัตราการมีงานทำ"].value == pytest.approx(3 / 4)
    assert values["อัตราการมีงานทำ"].number_format == "0.0%"
    assert len(values) == 20


def test_no_data_is_an_empty_cell_never_zero_percent(data):
    sheet = workbook(data, provinces=("52",))["ตัวชี้วัด"]
    values = {row[0]: row[1] for row in rows(sheet)[1:]}
    assert values["ผู้เข้าอบรม"] == 0 and values["อัตราผ่านการอบรม"] is None


def test_by_province_lists_every_province_of_the_scope(data):
    everyone = rows(workbook(data)["รายจังหวัด"])
    assert len(everyone) == 1 + 77
    assert everyone[0][:4] == ("รหัสจังหวัด", "จังหวัด", "ภาค", "ผู้เข้าอบรม")
    chiang_mai = next(r for r in everyone if r[0] == "50")
    assert chiang_mai[1:6] == ("เชียงใหม่", "ภาคเหนือ", 6, 10, 0.6)
    mine = rows(workbook(data, scope=NORTH_STAFF)["รายจังหวัด"])
    assert [r[0] for r in mine[1:]] == ["50", "51"]


def test_a_scoped_workbook_holds_nothing_of_other_provinces(db):
    hand_made().course("BKK", province="10").participant("BKK", "z").load(db)
    book = workbook(db, scope=NORTH_STAFF)
    text = " ".join(str(v) for sheet in book for row in rows(sheet) for v in row if v is not None)
    assert "กรุงเทพมหานคร" not in text and "BKK" not in text
    assert "ภาคกลาง" not in text  # only the region the scope lies in
    kpi = {r[0]: r[1] for r in rows(book["ตัวชี้วัด"])[1:]}
    assert kpi["ผู้เข้าอบรม"] == 6


def test_by_region_and_by_skill(data):
    regions = {r[0]: r for r in rows(workbook(data)["รายภาค"])[1:]}
    assert regions["ภาคเหนือ"][1] == 6 and regions["ภาคกลาง"][1] == 0
    skills = {r[0]: r for r in rows(workbook(data, lang="en")["By skill category"])[1:]}
    assert skills["Agriculture"][1] == 4 and skills["Food processing"][1] == 1  # as on screen


def test_a_region_row_is_written_only_for_a_region_held_whole(data):
    assert "รายภาค" not in workbook(data, scope=NORTH_STAFF).sheetnames  # two of the North's nine
    assert "รายภาค" not in workbook(data, provinces=("50",)).sheetnames
    north = Scope("north_staff", "staff", frozenset(reference.provinces_of_region("north")))
    regions = rows(workbook(data, scope=north)["รายภาค"])[1:]
    assert [(r[0], r[1]) for r in regions] == [("ภาคเหนือ", 6)]


def test_kpi_columns_keep_numbers_numeric_in_excel():
    keys = (
        "participants",
        "paired",
        "target_participants",
        "skill_use_rate",
        "income_gain_mean",
        "payback_months",
    )
    kinds = {c.key: c.kind for c in exporter.kpi_columns(keys, "en")}
    assert kinds == {
        "participants": "int",
        "paired": "int",
        "target_participants": "int",
        "skill_use_rate": "percent",
        "income_gain_mean": "baht",
        "payback_months": "number",
    }


def test_money_and_duration_headers_carry_their_unit():
    headers = [
        c.header for c in exporter.kpi_columns(("disbursed", "income_gain_mean", "payback_months"), "en")
    ]
    assert headers == ["Disbursed (baht)", "Income gain (mean) (baht/month)", "Payback (months)"]
    rate, count = exporter.kpi_columns(("disbursement_rate", "participants"), "th")
    assert (rate.header, count.header) == ("อัตราการเบิกจ่าย", "ผู้เข้าอบรม")  # their cells say % or are counts


def test_one_provinces_workbook_sets_it_beside_its_region_and_the_nation(data):
    book = workbook(data, lang="en", provinces=("50",))
    assert "Beside region and nation" in book.sheetnames
    table = rows(book["Beside region and nation"])
    assert table[0] == (
        "Indicator",
        "Unit",
        "Chiang Mai",
        "North",
        "Whole country",
        "Against the region",
        "Against the nation",
    )
    by_name = {r[0]: r[1:] for r in table[1:]}
    # Chiang Mai 75,000 of 150,000 baht; the North adds Lamphun's 1,000 of 20,000
    assert by_name["Disbursement rate"][:3] == ("%", 0.5, pytest.approx(76000 / 170000))
    assert by_name["Disbursement rate"][4:] == ("▲ better", "▲ better")
    assert by_name["Disbursed"][:2] == ("baht", 75000)
    assert "Beside region and nation" not in workbook(data, lang="en").sheetnames  # the whole country
    assert "Beside region and nation" not in workbook(data, lang="en", scope=NORTH_STAFF).sheetnames


def test_budget_by_month_with_be_month_names(data):
    sheet = rows(workbook(data)["เบิกจ่ายรายเดือน"])
    assert sheet[0] == ("ปีงบประมาณ", "เดือน", "เบิกจ่ายในเดือน (บาท)", "เบิกจ่ายสะสม (บาท)")
    assert sheet[1:] == [
        (2566, "พ.ย. 2565", 40000, 40000),
        (2566, "ม.ค. 2566", 10000, 50000),
        (2566, "ก.พ. 2566", 5000, 55000),
        (2566, "มี.ค. 2566", 1000, 56000),
        (2566, "ก.ย. 2566", 20000, 76000),
    ]


def test_a_payment_outside_the_fiscal_year_is_listed_under_its_own_month(db):
    selection = Selection(fiscal_years=(2566,), as_of=date(2024, 9, 30))
    request = exporter.Request(selection, EXECUTIVE, "en", "x", WHEN, False)
    book = openpyxl.load_workbook(io.BytesIO(exporter.summary_workbook(out_of_year_payments(db), request)))
    sheet = rows(book["Budget by month"])
    assert sheet[1:] == [
        (2566, "Aug 2565", 2000, 2000),
        (2566, "Nov 2565", 10000, 12000),
        (2566, "Nov 2566", 5000, 17000),
    ]


def test_the_course_list(db):
    Dataset().course("A", province="50", start=date(2023, 3, 15), end=date(2023, 3, 19)).participant(
        "A", "p"
    ).disbursement("A", date(2023, 3, 20), 9000).load(db)
    sheet = workbook(db)["รายการหลักสูตร"]
    header, first = rows(sheet)[:2]
    assert header[:7] == (
        "รหัสหลักสูตร",
        "ปีงบประมาณ",
        "จังหวัด",
        "ประเภททักษะ",
        "ประเภทกิจกรรม",
        "ชื่อหลักสูตร",
        "วันเริ่ม",
    )
    assert first[:6] == ("A", 2566, "เชียงใหม่", "เกษตรกรรม", "พัฒนาทักษะฝีมือ", "course A")
    assert first[6] == datetime(2023, 3, 15)
    assert sheet["G2"].number_format == "[$-1070000]d/m/yyyy"  # shown as 15/3/2566
    assert first[-4:] == (1, 1, 0, 9000)


def test_a_course_not_started_by_the_as_of_date_is_marked(db):
    Dataset().course("A", province="50", start=date(2023, 3, 15), end=date(2023, 3, 19)).course(
        "B", province="50", start=date(2023, 10, 1), end=date(2023, 10, 20), fy=2566
    ).load(db)
    header, *courses = rows(workbook(db)["รายการหลักสูตร"])
    status = header.index("สถานะ")
    assert {row[0]: row[status] for row in courses} == {"A": None, "B": "ยังไม่เริ่ม"}


def test_formatting_font_frozen_header_filter_and_widths(data):
    book = workbook(data)
    for sheet in book.worksheets[1:]:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref.startswith("A1:")
        assert sheet["A2"].font.name == "TH Sarabun New" and sheet["A1"].font.b
        widths = [d.width for d in sheet.column_dimensions.values() if d.width]
        assert widths and all(8 <= w <= 62 for w in widths)
    assert book["ปก"]["A1"].font.name == "TH Sarabun New"


def test_text_that_looks_like_a_formula_stays_text(db):
    names = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2", "@SUM(1)"]
    data = Dataset()
    for i, name in enumerate(names):
        data.course(f"F{i}", name=name)
    data.load(db)
    request = exporter.Request(
        Selection(fiscal_years=(2566,), as_of=AS_OF), EXECUTIVE, "th", "x", WHEN, False
    )
    raw = exporter.summary_workbook(db, request)
    sheet = openpyxl.load_workbook(io.BytesIO(raw))["รายการหลักสูตร"]
    cells = {sheet.cell(r, 6).value: sheet.cell(r, 6) for r in range(2, 6)}
    assert set(cells) == set(names)
    assert all(c.data_type == "s" and c.quotePrefix for c in cells.values())
    xml = b"".join(
        zipfile.ZipFile(io.BytesIO(raw)).read(n) for n in zipfile.ZipFile(io.BytesIO(raw)).namelist()
    )
    assert b"<f>" not in xml and b"<f " not in xml


def test_numbers_stay_numbers_and_missing_stays_blank():
    frame = pd.DataFrame({"n": [pd.NA, 3, 2.5], "s": ["=1", None, "ok"]})
    raw = excel.write_workbook({"x": ([excel.Column("n", "n", "int"), excel.Column("s", "s")], frame)})
    sheet = openpyxl.load_workbook(io.BytesIO(raw))["x"]
    assert [sheet.cell(r, 1).value for r in (2, 3, 4)] == [None, 3, 2.5]
    assert sheet["B2"].value == "=1" and sheet["B2"].data_type == "s"


@pytest.fixture
def cli(data, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", data.url)
    with data.engine.begin() as conn:
        conn.execute(
            users.insert().values(username="cm_staff", role="staff", scope="50", created_at=datetime.now(UTC))
        )
    return data


def test_export_command_writes_the_workbook_for_the_users_scope(cli, tmp_path, capsys):
    out = tmp_path / "summary.xlsx"
    assert (
        main(["export", "--out", str(out), "--fy", "2566", "--as", "cm_staff", "--as-of", "2023-09-30"]) == 0
    )
    assert str(out) in capsys.readouterr().out
    book = openpyxl.load_workbook(out)
    assert [r[0] for r in rows(book["รายจังหวัด"])[1:]] == ["50"]


def test_export_command_in_english_with_names(cli, tmp_path):
    out = tmp_path / "summary.xlsx"
    assert main(["export", "--out", str(out), "--fy", "2023", "--region", "ภาคเหนือ", "--lang", "en"]) == 0
    book = openpyxl.load_workbook(out)
    cover = {r[0]: r[1] for r in rows(book["Cover"])[2:]}
    assert cover["Fiscal years"] == "2566" and cover["Regions"] == "North"
    assert len(rows(book["By province"])) == 1 + 9


def test_export_command_refuses_an_unknown_province(cli, tmp_path, capsys):
    assert main(["export", "--out", str(tmp_path / "x.xlsx"), "--province", "Atlantis"]) == 2


def test_the_workbook_opens_cleanly_in_libreoffice(data, tmp_path):
    soffice = require_tool("soffice", "libreoffice-calc-nogui")
    request = exporter.Request(
        Selection(fiscal_years=(2566,), as_of=AS_OF), EXECUTIVE, "th", "x", WHEN, False
    )
    source = tmp_path / "summary.xlsx"
    source.write_bytes(exporter.summary_workbook(data, request))
    env = {**os.environ, "HOME": str(tmp_path)}  # a profile of its own: parallel tests do not collide
    done = subprocess.run(
        [soffice, "--headless", "--convert-to", "html", "--outdir", str(tmp_path / "out"), str(source)],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "out" / "summary.html").read_text(encoding="utf-8", errors="replace")
    assert "เชียงใหม่" in html and "30 ก.ย. 2566" in html
