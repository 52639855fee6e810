"""Every way a labour file is refused (DESIGN §9): the problem named, where it is, in Thai and
English, every problem at once, and nothing written."""

import openpyxl
import pytest
from sqlalchemy import func, select

from data_access import importer
from data_access.schema import labour_values
from data_access.users import SYSTEM
from tests.nso_tables import Quarter, periods_layout, statuses_layout, to_bytes
from tests.submission import kinds, xlsx

LONG = ["province", "period", "indicator", "value"]
Q = Quarter(employed=900_000, unemployed=18_000, seasonal=5_000)


def long_sheet(db, *rows):
    return importer.run(db, xlsx({"labour_indicators": [LONG, *rows]}), "long.xlsx", SYSTEM)


def nothing_written(db) -> bool:
    with db.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(labour_values)).scalar() == 0


@pytest.mark.parametrize(
    ("row", "kind", "cell", "english", "thai"),
    [
        (
            ["50", "2566Q1", "unemployment", 5],
            "unknown_indicator",
            "C2",
            "Unknown labour indicator",
            "ไม่รู้จักตัวชี้วัด",
        ),
        (
            ["50", "2566Q1", "unemployment_rate", 0.04],
            "unknown_indicator",
            "C2",
            "Unknown labour indicator",
            "ตัวชี้วัด",
        ),
        (["50", "2566Q5", "lfs_unemployed", 5], "bad_period", "B2", "Not a valid period", "งวดไม่ถูกต้อง"),
        (["50", "ฤดูร้อน 2566", "lfs_unemployed", 5], "bad_period", "B2", "Not a valid period", "งวดไม่ถูกต้อง"),
        (
            ["50", "2566-03", "lfs_unemployed", 5],
            "period_not_quarter",
            "B2",
            "This indicator is quarterly",
            "รายไตรมาส",
        ),
        (
            ["50", "2566Q1", "doe_vacancies", 5],
            "period_not_month",
            "B2",
            "This indicator is monthly",
            "รายเดือน",
        ),
        (["50", "2566Q1", "lfs_unemployed", -5], "negative", "D2", "The value is negative", "ค่าติดลบ"),
        (["50", "2566Q1", "lfs_unemployed", "n/a"], "bad_number", "D2", "Not a number", "ไม่ใช่ตัวเลข"),
        (
            ["50", "2566Q1", "lfs_unemployed", None],
            "required",
            "D2",
            "This cell must not be empty",
            "ต้องกรอก",
        ),
        (
            ["Atlantis", "2566Q1", "lfs_unemployed", 5],
            "unknown_province",
            "A2",
            "Unknown province",
            "ไม่รู้จักจังหวัด",
        ),
    ],
)
def test_a_bad_cell_of_the_long_sheet_is_named_and_nothing_is_written(db, row, kind, cell, english, thai):
    outcome = long_sheet(db, ["50", "2566Q2", "lfs_unemployed", 7], row)
    assert kinds(outcome) == [kind]
    (problem,) = outcome.errors
    assert (problem.sheet, problem.row, problem.cell) == ("labour_indicators", 3, cell.replace("2", "3"))
    assert problem.message("en").startswith(english) and thai in problem.message("th")
    assert problem.fix("en") and problem.fix("th")
    assert not outcome.imported and nothing_written(db)


def test_a_figure_given_twice_names_both_places(db):
    outcome = long_sheet(db, ["50", "2566Q1", "lfs_unemployed", 7], ["เชียงใหม่", "Q1/2566", "ผู้ว่างงาน", 8])
    (problem,) = outcome.errors
    assert problem.kind == "duplicate_value" and problem.cell == "D3"
    assert problem.message("en") == (
        "This figure (same place, indicator and period) is also given at labour_indicators!D2"
    )
    assert nothing_written(db)


def test_a_figure_in_both_an_nso_table_and_the_long_sheet_is_a_duplicate(sqlite_db):
    book = periods_layout({2566: [Q]})
    long = book.create_sheet("labour_indicators")
    for row in (LONG, ["50", "2566Q1", "lfs_unemployed", 18_000]):
        long.append(row)
    outcome = importer.check(sqlite_db, to_bytes(book), "both.xlsx", SYSTEM)
    (problem,) = outcome.errors
    assert problem.kind == "duplicate_value" and problem.sheet == "labour_indicators"
    assert "ตาราง 1!F9" in problem.message("th")


def test_a_long_sheet_without_its_value_column_says_which_column_is_missing(db):
    outcome = importer.run(
        db, xlsx({"labour_indicators": [LONG[:3], ["50", "2566Q1", "lfs_unemployed"]]}), "x.xlsx", SYSTEM
    )
    assert kinds(outcome) == ["missing_column", "required"]  # and the row that lacks it
    assert outcome.errors[0].message("en") == "A required column is missing: ค่า (value)"
    assert nothing_written(db)


def test_every_problem_of_a_labour_file_is_reported_at_once(db):
    outcome = long_sheet(
        db,
        ["50", "2566Q9", "lfs_unemployed", 5],
        ["50", "2566Q1", "who knows", 5],
        ["Atlantis", "2566Q1", "lfs_unemployed", "-3"],
    )
    assert sorted(kinds(outcome)) == ["bad_period", "negative", "unknown_indicator", "unknown_province"]
    assert nothing_written(db)


def test_an_nso_table_naming_no_province_anywhere_is_refused(db):
    book = periods_layout({2566: [Q]}, title=("ตาราง 1 สถานภาพแรงงาน",))
    outcome = importer.run(db, to_bytes(book), "table1.xlsx", SYSTEM)
    (problem,) = outcome.errors
    assert problem.kind == "nso_no_province" and problem.sheet == "ตาราง 1"
    assert problem.message("en") == (
        "No province is named, neither in the table's title nor in the file name table1.xlsx"
    )
    assert "ไม่พบชื่อจังหวัด" in problem.message("th") and nothing_written(db)


def test_quarter_rows_above_any_year_row_are_refused(db):
    book = periods_layout({2566: [Q]})
    sheet = book.active
    sheet.delete_rows(8)  # the year row 2566: its quarter now has no year
    outcome = importer.run(db, to_bytes(book), "lfs.xlsx", SYSTEM)
    (problem,) = outcome.errors
    assert (problem.kind, problem.cell) == ("nso_quarter_without_year", "A8")
    assert "no year row above it" in problem.message("en") and "ไม่มีแถวปี" in problem.message("th")
    assert nothing_written(db)


def test_a_row_of_figures_under_an_unknown_label_is_refused(db):
    book = periods_layout({2566: [Q]}, extra_rows=[["ประมาณการ", None, "1", "2", "3"]])
    outcome = importer.run(db, to_bytes(book), "lfs.xlsx", SYSTEM)
    (problem,) = outcome.errors
    assert (problem.kind, problem.cell, problem.column) == ("nso_unknown_row", "A10", "ประมาณการ")
    assert problem.message("en") == "This row has figures but names no known period or labour force status"
    assert nothing_written(db)


def test_a_figure_that_is_not_a_number_is_named_by_its_cell_and_column(db):
    book = periods_layout({2566: [Q]})
    book.active["F9"] = "18,000 (p)"
    outcome = importer.run(db, to_bytes(book), "lfs.xlsx", SYSTEM)
    (problem,) = outcome.errors
    assert (problem.kind, problem.cell, problem.shown) == ("bad_number", "F9", "18,000 (p)")
    assert problem.column == "ผู้ว่างงาน Unemployed"
    assert nothing_written(db)


def test_quarter_columns_without_a_year_in_header_or_title_are_refused(db):
    book = statuses_layout({1: Q, 2: Q}, title=("ตาราง 2 สถานภาพแรงงานและเพศ จังหวัดเชียงใหม่",))
    outcome = importer.run(db, to_bytes(book), "lfs.xlsx", SYSTEM)
    assert kinds(outcome) == ["nso_no_year", "nso_no_year"]
    assert [p.cell for p in outcome.errors] == ["B4", "F4"]
    assert outcome.errors[0].message("en") == "This quarter column does not say its year"
    assert nothing_written(db)


def test_a_sheet_that_only_mentions_the_labour_force_is_not_taken_for_a_table(sqlite_db):
    book = openpyxl.Workbook()
    book.active.title = "notes"
    book.active.append(["กำลังแรงงาน ผู้มีงานทำ ผู้ว่างงาน: ดูตารางที่แนบ"])
    outcome = importer.check(sqlite_db, to_bytes(book), "x.xlsx", SYSTEM)
    assert kinds(outcome) == ["no_sheets", "unknown_sheet"]


def test_a_table_header_without_figures_under_it_is_refused(sqlite_db):
    book = openpyxl.Workbook()
    book.active.title = "ตาราง 1"
    book.active.append(["ปี", "กำลังแรงงานรวม", "ผู้มีงานทำ", "ผู้ว่างงาน"])
    book.active.append(["2566", "รอข้อมูล"])
    outcome = importer.check(sqlite_db, to_bytes(book), "เชียงใหม่.xlsx", SYSTEM)
    assert kinds(outcome) == ["nso_no_data"]
    assert (
        outcome.errors[0].message("en")
        == "This sheet looks like an NSO labour force table but has no rows of figures"
    )
