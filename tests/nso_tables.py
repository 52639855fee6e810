"""NSO provincial labour force tables written by tests with openpyxl, laid out as NSO publishes
them: merged title and header cells, a blank spacer row and column, footnotes under the table,
numbers stored as text with thousands separators, `-` for zero.

`Quarter` holds one quarter's published figures; the totals are made from the parts, so a test
that wants a slip changes one figure after making it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace

import openpyxl

QUARTERS_TH = ("ไตรมาสที่ 1", "ไตรมาสที่ 2", "ไตรมาสที่ 3", "ไตรมาสที่ 4")


@dataclass(frozen=True)
class Quarter:
    employed: float
    unemployed: float
    seasonal: float = 0.0
    household: float = 100_000.0
    studies: float = 80_000.0
    others: float = 20_000.0
    current: float | None = None  # current labour force as published (default: the sum)
    labour_force: float | None = None
    not_in_lf: float | None = None

    def published(self) -> dict[str, float]:
        current = self.employed + self.unemployed if self.current is None else self.current
        labour_force = current + self.seasonal if self.labour_force is None else self.labour_force
        nilf = self.household + self.studies + self.others if self.not_in_lf is None else self.not_in_lf
        return {
            "labour_force": labour_force,
            "current": current,
            "employed": self.employed,
            "unemployed": self.unemployed,
            "seasonal": self.seasonal,
            "not_in_lf": nilf,
            "household": self.household,
            "studies": self.studies,
            "others": self.others,
        }

    def with_(self, **changes) -> Quarter:
        return replace(self, **changes)


COLUMNS = (
    "labour_force",
    "current",
    "employed",
    "unemployed",
    "seasonal",
    "not_in_lf",
    "household",
    "studies",
    "others",
)


def as_text(value: float) -> str:
    """A figure as NSO's files often store it: text with separators, `-` for zero."""
    return "-" if value == 0 else f"{value:,.2f}"


def _save(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _title(sheet, rows: list[str], last_column: int) -> None:
    for r, text in enumerate(rows, start=1):
        sheet.cell(r, 1, text)
        sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=last_column)


def periods_layout(
    years: dict[int, list[Quarter]],
    title: tuple[str, ...] = (
        "ตาราง 1 ประชากรอายุ 15 ปีขึ้นไป จำแนกตามสถานภาพแรงงาน เป็นรายไตรมาส จังหวัดเชียงใหม่",
        "Table 1 Population aged 15 years and over by labour force status, quarterly, Chiang Mai Province",
    ),
    year_rows: dict[int, dict[str, float]] | None = None,
    sheet_name: str = "ตาราง 1",
    text_numbers: bool = True,
    extra_rows: list[list] = (),
) -> openpyxl.Workbook:
    """Rows are periods: a year row (the mean of its quarters unless `year_rows` says otherwise)
    and its quarter rows. Column A labels in Thai, B is a blank spacer, C–K the figures, L the
    English labels. The header has the levels of DESIGN §9, with merged cells."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = sheet_name
    _title(sheet, list(title), 12)
    top = len(title) + 2  # a blank spacer row under the title
    header = [
        (0, 3, 11, "ประชากรอายุ 15 ปีขึ้นไป Population 15 years and over", 0),
        (1, 3, 7, "กำลังแรงงานรวม Total labour force", 0),
        (1, 8, 11, "ผู้ไม่อยู่ในกำลังแรงงาน Persons not in labour force", 0),
        (2, 3, 3, "รวม Total", 1),
        (2, 4, 6, "กำลังแรงงานปัจจุบัน Current labour force", 0),
        (2, 7, 7, "กำลังแรงงานที่รอฤดูกาล Seasonally inactive labour force", 1),
        (2, 8, 8, "รวม Total", 1),
        (2, 9, 9, "ทำงานบ้าน Household work", 1),
        (2, 10, 10, "เรียนหนังสือ Studies", 1),
        (2, 11, 11, "อื่นๆ Others", 1),
        (3, 4, 4, "รวม Total", 0),
        (3, 5, 5, "ผู้มีงานทำ Employed", 0),
        (3, 6, 6, "ผู้ว่างงาน Unemployed", 0),
    ]
    for level, first, last, text, down in header:
        sheet.cell(top + level, first, text)
        if last > first or down:
            sheet.merge_cells(
                start_row=top + level, start_column=first, end_row=top + level + down, end_column=last
            )
    sheet.cell(top, 1, "ปี/ไตรมาส")
    sheet.merge_cells(start_row=top, start_column=1, end_row=top + 3, end_column=1)
    sheet.cell(top, 12, "Year/Quarter")
    sheet.merge_cells(start_row=top, start_column=12, end_row=top + 3, end_column=12)
    r = top + 4
    for year, quarters in years.items():
        figures = [q.published() for q in quarters]
        mean = {k: sum(f[k] for f in figures) / len(figures) for k in COLUMNS}
        rows = [(str(year), (year_rows or {}).get(year, mean), str(year - 543))]
        rows += [(QUARTERS_TH[i], f, f"Quarter {i + 1}") for i, f in enumerate(figures)]
        for label, values, english in rows:
            sheet.cell(r, 1, label)
            for c, key in enumerate(COLUMNS, start=3):
                sheet.cell(r, c, as_text(values[key]) if text_numbers else values[key])
            sheet.cell(r, 12, english)
            r += 1
    for row in extra_rows:
        for c, value in enumerate(row, start=1):
            sheet.cell(r, c, value)
        r += 1
    r += 1
    sheet.cell(r, 1, "ที่มา: สำนักงานสถิติแห่งชาติ การสำรวจภาวะการทำงานของประชากร")
    sheet.cell(r + 1, 1, "หมายเหตุ: ผลรวมอาจไม่เท่ากับยอดรวมเนื่องจากการปัดเศษ")
    return book


STATUS_ROWS = (
    ("รวมยอด Total", None),
    ("กำลังแรงงานรวม Total labour force", "labour_force"),
    ("1. กำลังแรงงานปัจจุบัน Current labour force", "current"),
    ("1.1 ผู้มีงานทำ Employed", "employed"),
    ("1.2 ผู้ว่างงาน Unemployed", "unemployed"),
    ("2. กำลังแรงงานที่รอฤดูกาล Seasonally inactive labour force", "seasonal"),
    ("ผู้ไม่อยู่ในกำลังแรงงาน Persons not in labour force", "not_in_lf"),
    ("1. ทำงานบ้าน Household work", "household"),
    ("2. เรียนหนังสือ Studies", "studies"),
    ("3. อื่นๆ Others", "others"),
)


def statuses_layout(
    quarters: dict[int, Quarter],
    year: int = 2566,
    title: tuple[str, ...] = (
        "ตาราง 2 ประชากรอายุ 15 ปีขึ้นไป จำแนกตามสถานภาพแรงงานและเพศ จังหวัดเชียงใหม่ พ.ศ. 2566",
    ),
    sheet_name: str = "Sheet1",
    year_in_header: bool = False,
) -> openpyxl.Workbook:
    """Rows are statuses; each quarter has total / male / female columns (male 48 %, female the
    rest), with a blank spacer column between quarters. Numbers are stored as numbers here."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = sheet_name
    _title(sheet, list(title), 1 + 4 * len(quarters))
    top = len(title) + 2
    sheet.cell(top, 1, "สถานภาพแรงงาน Labour force status")
    sheet.merge_cells(start_row=top, start_column=1, end_row=top + 1, end_column=1)
    for i, (number, quarter) in enumerate(sorted(quarters.items())):
        first = 2 + 4 * i
        label = f"ไตรมาส {number}/{year}" if year_in_header else f"ไตรมาส {number} Quarter {number}"
        sheet.cell(top, first, label)
        sheet.merge_cells(start_row=top, start_column=first, end_row=top, end_column=first + 2)
        for k, name in enumerate(("รวม Total", "ชาย Male", "หญิง Female")):
            sheet.cell(top + 1, first + k, name)
        figures = quarter.published()
        pop15 = figures["labour_force"] + figures["not_in_lf"]
        for r, (_, key) in enumerate(STATUS_ROWS, start=top + 2):
            total = pop15 if key is None else figures[key]
            for k, share in enumerate((1.0, 0.48, 0.52)):
                sheet.cell(r, first + k, round(total * share, 2))
    for r, (label, _) in enumerate(STATUS_ROWS, start=top + 2):
        sheet.cell(r, 1, label)
    sheet.cell(top + 2 + len(STATUS_ROWS) + 1, 1, "ที่มา: สำนักงานสถิติแห่งชาติ")
    return book


def to_bytes(book) -> bytes:
    return _save(book)
