"""Importing labour figures (DESIGN §9), on SQLite and PostgreSQL: NSO's provincial table in both
layouts as published (merged cells, spacer rows and columns, footnotes, numbers as text, `-`),
the long sheet in every period spelling, and the guarantees every submission has: all or
nothing, re-import writes nothing, scope, audit and import history."""

import json

import pytest
from sqlalchemy import func, select

from data_access import importer
from data_access.importer import report
from data_access.schema import audit_log, courses, import_batches, labour_values
from data_access.selection import Scope
from data_access.users import SYSTEM
from tests.nso_tables import Quarter, periods_layout, statuses_layout, to_bytes
from tests.submission import kinds, small, xlsx

NORTH_STAFF = Scope("north_staff", "staff", frozenset({"50", "51", "52", "53", "54", "55", "56", "57", "58"}))
Q = Quarter(employed=900_000.25, unemployed=18_240.5, seasonal=5_000)
LONG = ["province", "period", "indicator", "value"]


def stored(db) -> dict[tuple[str, str, str], float]:
    with db.engine.connect() as conn:
        rows = conn.execute(select(labour_values)).mappings().all()
    return {(r["province_code"], r["indicator"], r["period"]): r["value"] for r in rows}


def count(db, table) -> int:
    with db.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar()


def test_a_table_with_rows_of_periods_imports_its_quarters_as_published(db):
    quarters = [Q, Q.with_(unemployed=20_000.75), Q.with_(seasonal=0), Q]
    outcome = importer.run(db, to_bytes(periods_layout({2566: quarters})), "lfs.xlsx", SYSTEM)
    assert outcome.imported and outcome.errors == []
    assert kinds(outcome) == ["nso_read"]
    figures = stored(db)
    assert len(figures) == 4 * 6  # six indicators a quarter; the year row is not a quarter
    assert figures[("50", "lfs_unemployed", "2566Q1")] == 18_240.5  # decimals kept
    assert figures[("50", "lfs_unemployed", "2566Q2")] == 20_000.75
    assert figures[("50", "lfs_seasonal", "2566Q3")] == 0  # "-" is 0
    assert figures[("50", "lfs_employed", "2566Q4")] == 900_000.25  # "900,000.25" as text
    assert figures[("50", "lfs_labour_force", "2566Q1")] == 900_000.25 + 18_240.5 + 5_000
    assert figures[("50", "lfs_not_in_lf", "2566Q1")] == 200_000
    # No column of its own: population 15+ is the labour force plus those not in it.
    assert figures[("50", "lfs_pop15", "2566Q1")] == 900_000.25 + 18_240.5 + 5_000 + 200_000


def test_a_table_with_rows_of_statuses_imports_the_totals_not_male_or_female(db):
    book = statuses_layout({1: Q, 2: Q.with_(unemployed=9_999.5)})
    outcome = importer.run(db, to_bytes(book), "Book1.xlsx", SYSTEM)
    assert outcome.imported and kinds(outcome) == ["nso_read"]
    figures = stored(db)
    assert len(figures) == 2 * 6
    assert figures[("50", "lfs_unemployed", "2566Q2")] == 9_999.5  # the year is the title's
    assert figures[("50", "lfs_pop15", "2566Q1")] == Q.employed + Q.unemployed + Q.seasonal + 200_000
    assert figures[("50", "lfs_seasonal", "2566Q1")] == 5_000


def test_quarters_named_with_their_year_in_the_header_need_no_year_in_the_title(db):
    book = statuses_layout({3: Q}, year=2023, title=("Chiang Mai Province",), year_in_header=True)
    assert importer.run(db, to_bytes(book), "lfs.xlsx", SYSTEM).imported
    assert ("50", "lfs_employed", "2566Q3") in stored(db)  # CE 2023 is BE 2566


def test_the_province_comes_from_the_file_name_when_the_title_names_none(db):
    book = periods_layout({2565: [Q] * 4}, title=("ตาราง 1 ประชากรอายุ 15 ปีขึ้นไป จำแนกตามสถานภาพแรงงาน",))
    outcome = importer.run(db, to_bytes(book), "lfs_lamphun_2565.xlsx", SYSTEM)
    assert outcome.imported
    assert {key[0] for key in stored(db)} == {"51"}


def test_a_whole_kingdom_table_is_the_nation(db):
    book = periods_layout({2566: [Q] * 4}, title=("ตาราง 1 สถานภาพแรงงาน ทั่วราชอาณาจักร",))
    assert importer.run(db, to_bytes(book), "kingdom.xlsx", SYSTEM).imported
    assert {key[0] for key in stored(db)} == {"ALL"}


def test_a_year_row_far_from_the_mean_of_its_quarters_is_a_note_not_an_error(db):
    year_row = {**Q.published(), "unemployed": Q.unemployed * 1.05}
    book = periods_layout({2566: [Q] * 4}, year_rows={2566: year_row})
    outcome = importer.run(db, to_bytes(book), "lfs.xlsx", SYSTEM)
    assert outcome.imported
    (note,) = [p for p in outcome.notes if p.kind == "nso_year_differs"]
    assert (note.row, note.cell) == (8, "F8") and "ผู้ว่างงาน Unemployed" in note.column
    assert "2566" in note.message("en") and "more than 1%" in note.message("en")


def test_a_year_row_within_one_percent_says_nothing(db):
    year_row = {**Q.published(), "unemployed": Q.unemployed * 1.005}
    outcome = importer.run(
        db, to_bytes(periods_layout({2566: [Q] * 4}, year_rows={2566: year_row})), "a.xlsx", SYSTEM
    )
    assert kinds(outcome) == ["nso_read"]


def test_a_slip_is_imported_as_published_with_a_note_naming_row_and_columns(db):
    slipped = Q.with_(current=Q.employed + Q.unemployed + 1_000)  # the current labour force total is off
    outcome = importer.run(db, to_bytes(periods_layout({2566: [Q, slipped, Q, Q]})), "lfs.xlsx", SYSTEM)
    assert outcome.imported
    (note,) = [p for p in outcome.notes if p.kind == "nso_slip"]
    assert (note.sheet, note.row, note.cell) == ("ตาราง 1", 10, "D10")
    english = note.message("en")
    assert english.startswith("2566Q2: the total กำลังแรงงานปัจจุบัน Current labour force > รวม Total")
    assert "ผู้มีงานทำ Employed, ผู้ว่างงาน Unemployed" in english and "imported as published" in english
    # The published labour force total (itself consistent with the slipped subtotal) is kept.
    assert stored(db)[("50", "lfs_labour_force", "2566Q2")] == Q.employed + Q.unemployed + 1_000 + Q.seasonal


def test_the_long_sheet_reads_every_period_spelling_in_be_or_ce(db):
    rows = [
        LONG,
        ["เชียงใหม่", "2566Q1", "lfs_unemployed", "18,240.5"],
        ["50", "Q2/2566", "ผู้ว่างงาน", 18_000],
        ["จ.เชียงใหม่", "ไตรมาส 3/2566", "Unemployed", 17_000],
        ["Chiang Mai", "ไตรมาสที่ 4/2023", "unemployed", "-"],
        ["50", "2566-03", "doe_placements", 120],
        ["50", "04/2566", "การบรรจุงาน", 130],
        ["50", "พ.ค. 2566", "placements", 140],
        ["50", "มิ.ย. 66", "doe_placements", 150],
        ["50", "2023-07", "doe_placements", 160],
        ["ทั้งประเทศ", "2566Q1", "ผู้ว่างงาน", 400_000],
    ]
    outcome = importer.run(db, xlsx({"labour_indicators": rows}), "long.xlsx", SYSTEM)
    assert outcome.imported and outcome.problems == []
    assert outcome.counts()["labour_indicators"]["new"] == 10
    figures = stored(db)
    assert [figures[("50", "lfs_unemployed", f"2566Q{q}")] for q in (1, 2, 3, 4)] == [
        18_240.5,
        18_000,
        17_000,
        0,
    ]
    assert [figures[("50", "doe_placements", f"2566-{m:02d}")] for m in (3, 4, 5, 6, 7)] == [
        120,
        130,
        140,
        150,
        160,
    ]
    assert figures[("ALL", "lfs_unemployed", "2566Q1")] == 400_000
    with db.engine.connect() as conn:
        sources = set(conn.execute(select(labour_values.c.source)).scalars())
    assert sources == {"nso_lfs", "doe"}  # no source column: the indicator's own source


def test_the_long_sheet_is_found_by_its_thai_name_with_a_title_row_and_thai_headers(db):
    rows = [["จังหวัด", "งวด", "ตัวชี้วัด", "ค่า", "แหล่งข้อมูล"], ["ลำพูน", "2566Q1", "ผู้มีงานทำ", "1,234.5", "สสช."]]
    outcome = importer.run(
        db,
        xlsx({"ข้อมูลสถานการณ์แรงงาน": rows}, {"ข้อมูลสถานการณ์แรงงาน": [["สถานการณ์แรงงาน ลำพูน"]]}),
        "x.xlsx",
        SYSTEM,
    )
    assert outcome.imported
    with db.engine.connect() as conn:
        row = conn.execute(select(labour_values)).mappings().one()
    assert (row["province_code"], row["value"], row["source"], row["year"], row["quarter"]) == (
        "51",
        1234.5,
        "สสช.",
        2566,
        1,
    )


def test_a_workbook_may_carry_a_submission_and_a_long_labour_sheet(db):
    sheets = {**small(), "labour_indicators": [LONG, ["50", "2566Q1", "lfs_unemployed", 18_240.5]]}
    outcome = importer.run(db, xlsx(sheets), "both.xlsx", SYSTEM)
    assert outcome.imported
    assert outcome.counts()["labour_indicators"]["new"] == 1 and outcome.counts()["courses"]["new"] == 3
    assert count(db, courses) == 3 and count(db, labour_values) == 1


def test_a_bad_labour_row_keeps_the_whole_workbook_out(db):
    sheets = {**small(), "labour_indicators": [LONG, ["50", "2566Q1", "lfs_unemployed", "many"]]}
    outcome = importer.run(db, xlsx(sheets), "both.xlsx", SYSTEM)
    assert not outcome.imported and kinds(outcome) == ["bad_number"]
    assert count(db, courses) == 0 and count(db, labour_values) == 0 and count(db, import_batches) == 0


def test_reimporting_a_table_writes_nothing_and_keeps_the_data_version(db):
    data = to_bytes(periods_layout({2566: [Q] * 4}))
    importer.run(db, data, "lfs.xlsx", SYSTEM)
    version, figures = db.data_version(), stored(db)
    batches = count(db, import_batches)
    again = importer.run(db, data, "lfs.xlsx", SYSTEM)
    assert not again.imported and again.unchanged and again.changed_rows == 0
    assert again.counts()["labour_indicators"] == {"new": 0, "updated": 0, "unchanged": 24, "removed": 0}
    assert db.data_version() == version and stored(db) == figures and count(db, import_batches) == batches
    assert "already imported" in report.text_report(again)
    assert "nothing would change" in report.text_report(again)


def test_a_corrected_figure_updates_its_row(db):
    importer.run(
        db, xlsx({"labour_indicators": [LONG, ["50", "2566Q1", "lfs_unemployed", 100]]}), "a.xlsx", SYSTEM
    )
    version = db.data_version()
    fixed = importer.run(
        db, xlsx({"labour_indicators": [LONG, ["50", "2566Q1", "lfs_unemployed", 110]]}), "b.xlsx", SYSTEM
    )
    assert fixed.counts()["labour_indicators"]["updated"] == 1
    assert stored(db) == {("50", "lfs_unemployed", "2566Q1"): 110} and db.data_version() == version + 1


def test_staff_import_their_provinces_and_the_history_and_audit_say_so(db):
    outcome = importer.run(db, to_bytes(periods_layout({2566: [Q] * 4})), "lfs.xlsx", NORTH_STAFF)
    assert outcome.imported
    with db.engine.connect() as conn:
        batch = conn.execute(select(import_batches)).mappings().one()
        entry = conn.execute(select(audit_log).where(audit_log.c.action == "upload")).mappings().one()
        stamped = set(conn.execute(select(labour_values.c.batch_id)).scalars())
    assert (batch["username"], batch["province_codes"]) == ("north_staff", "50")
    assert json.loads(batch["row_counts"])["labour_indicators"]["new"] == 24
    assert stamped == {batch["id"]}
    assert entry["username"] == "north_staff" and entry["rows"] == 24


@pytest.mark.parametrize(
    ("rows", "name"),
    [
        ([LONG, ["กรุงเทพมหานคร", "2566Q1", "lfs_unemployed", 5]], "กรุงเทพมหานคร / Bangkok"),
        ([LONG, ["ALL", "2566Q1", "lfs_unemployed", 5]], "ทั้งประเทศ / Whole country"),
    ],
)
def test_staff_may_not_import_another_province_or_the_nation(db, rows, name):
    outcome = importer.run(db, xlsx({"labour_indicators": rows}), "x.xlsx", NORTH_STAFF)
    assert not outcome.imported and kinds(outcome) == ["out_of_scope"]
    assert outcome.errors[0].message("en") == f"{name} is outside your scope"
    assert count(db, labour_values) == 0


def test_a_table_of_another_province_is_out_of_a_staff_members_scope(db):
    book = periods_layout({2566: [Q]}, title=("ตาราง 1 สถานภาพแรงงาน จังหวัดภูเก็ต",))
    outcome = importer.run(db, to_bytes(book), "phuket.xlsx", NORTH_STAFF)
    assert not outcome.imported
    (error,) = outcome.errors  # once for the table, at its first figure
    assert error.kind == "out_of_scope" and error.message("en") == "ภูเก็ต / Phuket is outside your scope"
    assert error.where() == "ตาราง 1!C8 (กำลังแรงงานรวม Total labour force > รวม Total)"
