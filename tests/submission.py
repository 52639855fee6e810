"""Submission workbooks written by tests with openpyxl, the way a provincial office's Excel saves them.

`xlsx({"courses": [header, row, …]})` gives the bytes of a workbook; `small()` is a complete,
valid submission for Chiang Mai (50), FY2566, whose KPIs are computed by hand in
tests/test_import_end_to_end.py.
"""

from __future__ import annotations

import io
from datetime import date

import openpyxl

from data_access import importer
from data_access.users import SYSTEM
from tests.builder import citizen_id

COURSES = [
    "course_code",
    "fiscal_year",
    "province",
    "skill_category",
    "course_name",
    "start_date",
    "end_date",
]
PARTICIPANTS = ["course_code", "citizen_id", "gender", "birth_year", "completed", "income_before"]
FOLLOWUPS = [
    "course_code",
    "citizen_id",
    "followup_date",
    "uses_skill",
    "occupation",
    "income_after",
    "collector",
]


def xlsx(sheets: dict[str, list[list]], above: dict[str, list[list]] | None = None) -> bytes:
    """A workbook with one sheet per entry; `above` puts rows (a title) above a sheet's header."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in (above or {}).get(name, []) + rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def small() -> dict[str, list[list]]:
    """Two skill courses and one employment course in Chiang Mai, FY2566."""
    a, b, c = citizen_id("a"), citizen_id("b"), citizen_id("c")
    d, e = citizen_id("d"), citizen_id("e")
    return {
        "courses": [
            [*COURSES, "budget_planned", "activity_type"],
            ["CM-01", 2566, "เชียงใหม่", "เกษตรกรรม", "ปลูกผักอินทรีย์", "1/12/2565", "5/12/2565", 50000, ""],
            [
                "CM-02",
                2023,
                "Chiang Mai",
                "FOOD",
                "ขนมไทย",
                date(2023, 1, 10),
                date(2023, 1, 14),
                40000,
                "skill",
            ],
            [
                "CM-03",
                "๒๕๖๖",
                "50",
                "SERVICE",
                "จ้างงานเร่งด่วน",
                "2023-02-01",
                "2023-02-28",
                30000,
                "employment",
            ],
        ],
        "participants": [
            PARTICIPANTS,
            ["CM-01", a, "หญิง", 2530, "ผ่าน", "5,000"],
            ["CM-01", b, "ชาย", 1990, "Y", 6000],
            ["CM-01", c, "F", 2535, "ไม่ผ่าน", 4000],
            ["CM-02", d, "M", 2520, 1, "๑๐,๐๐๐"],
            ["CM-03", e, "X", 2540, "TRUE", 3000],
        ],
        "followups": [
            FOLLOWUPS,
            ["CM-01", a, "1/3/2566", "ไม่ใช่", "ลูกจ้าง", 4500, "อาสาสมัครแรงงาน"],
            ["CM-01", a, "15 มิ.ย. 66", "ใช่", "อาชีพอิสระ", 8000, "บัณฑิตแรงงาน"],
            ["CM-01", b, date(2023, 5, 1), "มี", "self-employed", 7000, "staff"],
            ["CM-02", d, "2023-05-01", "N", "ว่างงาน", 9000, "volunteer"],
            ["CM-03", e, "1/5/2566", "yes", "employed", 9000, "เจ้าหน้าที่"],
        ],
        "disbursements": [
            ["course_code", "date", "amount"],
            ["CM-01", "1/12/2565", "20,000"],
            ["CM-01", "10/1/2566", 25000],
            ["CM-02", "15 ม.ค. 66", 30000],
            ["CM-03", date(2023, 3, 1), 25000],
        ],
        "allocations": [
            ["fiscal_year", "province", "amount", "round", "date"],
            [2566, "จ.เชียงใหม่", 100000, 1, "1/11/2565"],
            [2566, "เชียงใหม่", 50000, 2, "1/2/2566"],
        ],
        "targets": [
            ["fiscal_year", "province", "metric", "value"],
            [2566, "เชียงใหม่", "participants", 10],
            [2566, "เชียงใหม่", "skill_use_rate", "85%"],
            [2566, "เชียงใหม่", "disbursement_q2", 54],
        ],
        "field_staff": [
            ["fiscal_year", "province", "labour_volunteers", "labour_graduates"],
            [2566, "เชียงใหม่", 120, 3],
        ],
    }


def check(db, sheets: dict[str, list[list]], scope=SYSTEM, above=None, name="submission.xlsx"):
    return importer.check(db, xlsx(sheets, above), name, scope)


def run(db, sheets: dict[str, list[list]], scope=SYSTEM, above=None, name="submission.xlsx"):
    return importer.run(db, xlsx(sheets, above), name, scope)


def kinds(outcome) -> list[str]:
    return [p.kind for p in outcome.problems]
