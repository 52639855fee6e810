"""The NSO provincial Labour Force Survey table as published (DESIGN §9), in either layout:

- rows are periods: a year row (the annual average) and its quarter rows; columns are labour
  force statuses under a header of several levels (merged cells, Thai and English in one cell
  or in a row each);
- rows are statuses (รวมยอด, กำลังแรงงานรวม, 1.1 ผู้มีงานทำ …); columns are quarters, each split
  into total / male / female (only totals are imported).

A sheet is such a table when its text names at least three labour force statuses. Columns and
rows are found by what their labels mean (`meaning`), never by position: a column's meaning is
the path of labels above it, each merged label spanning the columns beside it under the same
parent. The first row with three figures starts the data; the rows above it, up to a blank row
or a title, are the header; title rows (and, failing them, the file name) name the province.
Blank rows and columns, footnotes (ที่มา: …, หมายเหตุ: …) and text-only rows are skipped.

Figures are imported as published. Two things are said as notes, never errors: a year row more
than 1 % off the mean of its quarters, and a slip (a total that is not the sum of its parts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from data_access import reference
from data_access.excel import column_letter
from data_access.importer import labour_cells
from data_access.importer.labour import Value
from data_access.importer.parse import Invalid, is_blank
from data_access.importer.problems import NOTE, Problem
from data_access.importer.validate import place_label
from data_access.labour import catalogue, periods

SOURCE = catalogue.NSO_LFS
MIN_FIGURES = 3  # a data row has at least this many figures
YEAR_TOLERANCE = 0.01
RECOGNISE_ROWS = 40

# What a label means, tried in this order ("ผู้ว่างงาน" before "มีงานทำ" would not matter, but
# "unemployed" contains "employed" and "not in labour force" contains "labour force").
CONCEPTS = (
    ("nilf", ("ไม่อยู่ในกำลังแรงงาน", "not in labour force", "not in the labour force", "not in labor force")),
    ("seasonal", ("รอฤดูกาล", "seasonal")),
    ("unemployed", ("ว่างงาน", "unemployed")),
    ("employed", ("มีงานทำ", "employed")),
    ("current", ("ปัจจุบัน", "current")),
    ("lf", ("กำลังแรงงาน", "labour force", "labor force")),
    ("pop15", ("ประชากร", "population")),
    ("household", ("ทำงานบ้าน", "household")),
    ("studies", ("เรียน", "stud")),
    ("others", ("อื่น", "other")),
    ("total", ("รวม", "total")),
)
GENDERS = (("female", ("หญิง", "female")), ("male", ("ชาย", "male")), ("total", ("รวม", "total")))
LEAVES = {
    "employed": "lfs_employed",
    "unemployed": "lfs_unemployed",
    "seasonal": "lfs_seasonal",
    "household": "household",
    "studies": "studies",
    "others": "others",
}
TOTALS = {"pop15": "lfs_pop15", "lf": "lfs_labour_force", "current": "current", "nilf": "lfs_not_in_lf"}
# A total and its parts, for the slip notes ("current" is the current labour force: not stored).
SUMS = (
    ("lfs_pop15", ("lfs_labour_force", "lfs_not_in_lf")),
    ("lfs_labour_force", ("current", "lfs_seasonal")),
    ("current", ("lfs_employed", "lfs_unemployed")),
    ("lfs_not_in_lf", ("household", "studies", "others")),
)
SUM_WITHOUT_CURRENT = ("lfs_labour_force", ("lfs_employed", "lfs_unemployed", "lfs_seasonal"))
TITLE_WORDS = ("ตาราง", "table", "จำแนก", " by ", "จังหวัด", "province", "หน่วย", "unit", "ราชอาณาจักร")
NATION_WORDS = ("ทั่วราชอาณาจักร", "ทั้งประเทศ", "ทั่วประเทศ", "whole kingdom")
FOOTNOTE = re.compile(r"(ที่มา|หมายเหตุ|แหล่งที่มา|source|note|remark)s?\s*[:：]", re.IGNORECASE)
YEAR_LABEL = re.compile(r"(?:พ\.?ศ\.?|ค\.?ศ\.?)?\s*(\d{4})(?:\.0)?(?:\s*\(.*\))?")
QUARTER_LABEL = re.compile(rf"{labour_cells.QUARTER_WORD}\s*([1-4])(?!\d)")
AVERAGE_WORDS = ("เฉลี่ย", "average", "ทั้งปี", "annual")


@dataclass
class NsoSheet:
    """A sheet recognised as an NSO table: its name and every row from A1 down."""

    sheet: str
    rows: list[list]


def _text(cell: object) -> str:
    return labour_cells.normal(str(cell)) if not is_blank(cell) else ""


def concept(cell: object) -> str | None:
    text = _text(cell)
    return next((name for name, words in CONCEPTS if any(w in text for w in words)), None) if text else None


def _gender(text: str) -> str | None:
    return next((name for name, words in GENDERS if any(w in text for w in words)), None)


def meaning(path: list[str]) -> str | None:
    """What a column (layout 1) or a row (layout 2) holds, from the concepts of its labels."""
    if not path:
        return None
    last = path[-1]
    if last in LEAVES:
        return LEAVES[last]
    if last == "total":
        above = [c for c in path[:-1] if c != "total"]
        return TOTALS.get(above[-1]) if above else "lfs_pop15"
    return TOTALS.get(last)


def recognises(rows: list[list]) -> bool:
    found = {concept(cell) for row in rows[:RECOGNISE_ROWS] for cell in row if isinstance(cell, str)}
    return len(found & {"lf", "employed", "unemployed", "seasonal", "nilf", "current"}) >= MIN_FIGURES


def _cell(row: list, column: int):
    return row[column] if column < len(row) else None


def _filled(row: list) -> list[int]:
    return [c for c, v in enumerate(row) if not is_blank(v)]


def _figures(row: list) -> int:
    filled = _filled(row)
    return sum(labour_cells.is_number(row[c]) for c in filled[1:])


def _is_title(row: list) -> bool:
    filled = _filled(row)
    return len(filled) == 1 and any(w in _text(row[filled[0]]) for w in TITLE_WORDS)


def _is_footnote(row: list) -> bool:
    filled = _filled(row)
    return bool(filled) and FOOTNOTE.match(_text(row[filled[0]])) is not None


def _year_label(cell: object) -> int | None:
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        year = int(cell) if float(cell).is_integer() else None
    else:
        found = YEAR_LABEL.fullmatch(_text(cell)) if isinstance(cell, str) else None
        year = int(found[1]) if found else None
    if year is None or not (1950 <= year <= 2150 or 2450 <= year <= 2700):
        return None
    return periods.quarter(year, 1).year


def _quarter_label(cell: object) -> tuple[int | None, int] | None:
    """(year or None, quarter) from ไตรมาส 1/2566, ไตรมาสที่ 1, Quarter 1 …"""
    if not isinstance(cell, str):
        return None
    try:
        period = labour_cells.period(cell)
        return (period.year, period.quarter) if period.month is None else None
    except Invalid:
        found = QUARTER_LABEL.match(_text(cell))
        return (None, int(found[1])) if found else None


@dataclass
class _Layout:
    """Where the table is on its sheet."""

    sheet: str
    rows: list[list]
    header: list[int]  # 0-based rows of the header, top first
    titles: list[int]  # 0-based rows above the header
    first_data: int

    def paths(self) -> list[list[tuple[int, str]]]:
        """Each column's header labels, top first, as (row, text): a label spans the columns to its
        right that are blank in its row and share its parent labels."""
        width = max((len(self.rows[r]) for r in self.header), default=0)
        paths: list[list[tuple[int, str]]] = [[] for _ in range(width)]
        for r in self.header:
            current, parent = None, None
            for c in range(width):
                own = tuple(paths[c])
                if own != parent:
                    current, parent = None, own
                cell = _cell(self.rows[r], c)
                if not is_blank(cell):
                    current = (r, " ".join(str(cell).split()))
                if current is not None:
                    paths[c].append(current)
        return paths

    def where(self, row: int, column: int) -> str:
        return f"{column_letter(column)}{row + 1}"


def _layout(sheet: NsoSheet) -> _Layout | None:
    rows = sheet.rows
    first_data = next((r for r, row in enumerate(rows) if _figures(row) >= MIN_FIGURES), None)
    if first_data is None:
        return None
    r = first_data - 1
    while r >= 0 and not _filled(rows[r]):
        r -= 1
    header = []
    while r >= 0 and _filled(rows[r]) and not _is_title(rows[r]):
        header.insert(0, r)
        r -= 1
    titles = [t for t in range(r + 1) if _filled(rows[t])]
    return _Layout(sheet.sheet, rows, header, titles, first_data)


def place(layout: _Layout, file_name: str) -> str | None:
    """The province (or ALL) named in the title rows, else in the file name."""
    texts = [str(layout.rows[r][c]) for r in layout.titles for c in _filled(layout.rows[r])]
    for text in texts:
        if any(w in _text(text) for w in NATION_WORDS):
            return reference.NATIONAL
    found = {code for text in texts for code in _provinces_in(text)}
    if len(found) == 1:
        return found.pop()
    named = _provinces_in(PurePath(file_name).stem.replace("_", " ").replace("-", " "))
    return named.pop() if len(named) == 1 and not found else None


def _provinces_in(text: str) -> set[str]:
    """Provinces a title or file name names: จังหวัดเชียงใหม่, Chiang Mai Province, or a name alone."""
    found = {reference.resolve_province(m[1]) for m in re.finditer(r"จังหวัด\s*([^\s\d(),:;]+)", text)}
    for m in re.finditer(r"((?:[A-Za-z][A-Za-z.\-]*\s+){1,3})province", text, re.IGNORECASE):
        words = m[1].split()
        found |= {reference.resolve_province(" ".join(words[i:])) for i in range(len(words))}
    words = [w for w in re.split(r"[\s,:;()]+", text) if w and not re.fullmatch(r"[\d.\-/]+", w)]
    for i in range(len(words)):
        found |= {reference.resolve_province(" ".join(words[i : i + n])) for n in (1, 2, 3)}
    return found - {None}


def _column_label(path: list[tuple[int, str]]) -> str:
    labels = list(dict.fromkeys(text for _, text in path))
    if len(labels) > 1 and concept(labels[-1]) == "total":
        return f"{labels[-2]} > {labels[-1]}"
    return labels[-1] if labels else ""


class _Reader:
    """Collects the Values and Problems of one sheet."""

    def __init__(self, layout: _Layout, province: str):
        self.layout = layout
        self.province = province
        self.values: list[Value] = []
        self.problems: list[Problem] = []

    def problem(self, kind: str, row: int | None = None, column: int | None = None, label="", **params):
        cell = self.layout.where(row, column) if row is not None and column is not None else ""
        severity = NOTE if kind in ("nso_year_differs", "nso_slip", "nso_read") else "error"
        excel_row = None if row is None else row + 1
        self.problems.append(
            Problem(
                kind,
                sheet=self.layout.sheet,
                row=excel_row,
                column=label,
                cell=cell,
                params=params,
                severity=severity,
            )
        )

    def figure(self, row: int, column: int, label: str) -> float | None:
        cell = _cell(self.layout.rows[row], column)
        if is_blank(cell):
            return None
        try:
            return labour_cells.value(cell)
        except Invalid as invalid:
            shown = " ".join(str(cell).split())[:80]
            self.problems.append(
                Problem(
                    invalid.kind,
                    sheet=self.layout.sheet,
                    row=row + 1,
                    column=label,
                    cell=self.layout.where(row, column),
                    shown=shown,
                    params=invalid.params,
                )
            )
            return None

    def store(self, period: periods.Period, figures: dict[str, tuple[float, int, int, str]]) -> None:
        """figures: meaning → (value, row, column, label). Population 15+ without a column of its
        own is the labour force plus persons not in the labour force."""
        if "lfs_pop15" not in figures and {"lfs_labour_force", "lfs_not_in_lf"} <= set(figures):
            lf, nilf = figures["lfs_labour_force"], figures["lfs_not_in_lf"]
            figures = {**figures, "lfs_pop15": (lf[0] + nilf[0], *lf[1:])}
        for code in catalogue.LFS:
            if code in figures:
                value, row, column, label = figures[code]
                self.values.append(
                    Value(
                        self.province,
                        code,
                        period,
                        value,
                        SOURCE,
                        self.layout.sheet,
                        row + 1,
                        self.layout.where(row, column),
                        label,
                    )
                )

    def slips(self, figures: dict[str, tuple[float, int, int, str]], where: str) -> None:
        rules = [*SUMS, *([] if "current" in figures else [SUM_WITHOUT_CURRENT])]
        for total, parts in rules:
            if total not in figures or not all(p in figures for p in parts):
                continue
            published, row, column, label = figures[total]
            summed = sum(figures[p][0] for p in parts)
            if abs(published - summed) > max(2.0, 1e-4 * abs(published)):
                self.problem(
                    "nso_slip",
                    row,
                    column,
                    label,
                    where=where,
                    total=label,
                    parts=", ".join(figures[p][3] for p in parts),
                    published=f"{published:,.2f}",
                    summed=f"{summed:,.2f}",
                )

    def year_check(self, year: int, published: dict, quarters: list[dict]) -> None:
        """A year's published average against the mean of its quarters in the table."""
        off = []
        for code, (value, row, column, label) in published.items():
            seen = [q[code][0] for q in quarters if code in q]
            if seen:
                mean = sum(seen) / len(seen)
                if abs(value - mean) > YEAR_TOLERANCE * abs(mean):
                    off.append((row, column, label))
        if off:
            row, column, _ = off[0]
            labels = ", ".join(label for _, _, label in off)
            self.problem("nso_year_differs", row, column, labels, year=year, columns=labels)


def read(sheet: NsoSheet, file_name: str) -> tuple[list[Value], list[Problem]]:
    layout = _layout(sheet)
    if layout is None:
        return [], [Problem("nso_no_data", sheet=sheet.sheet)]
    province = place(layout, file_name)
    if province is None:
        return [], [Problem("nso_no_province", sheet=sheet.sheet, params={"file": file_name})]
    reader = _Reader(layout, province)
    first = layout.rows[layout.first_data]
    label = _cell(first, _filled(first)[0])
    by_periods = _year_label(label) is not None or _quarter_label(label) is not None
    (_read_period_rows if by_periods else _read_status_rows)(reader)
    if not reader.problems or all(not p.is_error for p in reader.problems):
        reader.problem("nso_read", place=place_label(province), n=len(reader.values))
    return reader.values, reader.problems


def _data_rows(layout: _Layout):
    """(0-based row, its label's column) for each row below the header that holds figures."""
    for r in range(layout.first_data, len(layout.rows)):
        row = layout.rows[r]
        filled = _filled(row)
        if not filled or _is_footnote(row) or _figures(row) == 0:
            continue
        yield r, filled[0]


def _read_period_rows(reader: _Reader) -> None:
    """Layout 1: a year row, then its quarter rows; columns by their header path."""
    layout = reader.layout
    columns = _status_columns(reader)
    if not columns:
        return
    year, year_row, quarters = None, None, []
    for r, at in _data_rows(layout):
        label = layout.rows[r][at]
        figures = _row_figures(reader, r, columns)
        if (found := _year_label(label)) is not None:
            if year_row is not None:
                reader.year_check(year, year_row, quarters)
            year, year_row, quarters = found, figures, []
        elif (quarter := _quarter_label(label)) is not None:
            quarter_year = quarter[0] or year
            if quarter_year is None:
                reader.problem("nso_quarter_without_year", r, at, str(label))
                continue
            period = periods.quarter(quarter_year, quarter[1])
            reader.store(period, figures)
            reader.slips(figures, period.code)
            quarters.append(figures)
        else:
            reader.problem("nso_unknown_row", r, at, " ".join(str(label).split())[:80])
    if year_row is not None:
        reader.year_check(year, year_row, quarters)


def _status_columns(reader: _Reader) -> dict[int, tuple[str, str]]:
    """Column → (meaning, header label) for every column whose header path means a status."""
    layout = reader.layout
    label_column = _filled(layout.rows[layout.first_data])[0]
    columns, seen = {}, set()
    for c, path in enumerate(layout.paths()):
        if not _has_figures(layout, c):
            continue
        found = meaning([k for _, text in path if (k := concept(text))]) if c != label_column else None
        if found is not None and found not in seen:
            seen.add(found)
            columns[c] = (found, _column_label(path))
    if not seen & set(catalogue.LFS):
        reader.problem("nso_no_columns")
        return {}
    return columns


def _has_figures(layout: _Layout, column: int) -> bool:
    return any(labour_cells.is_number(_cell(row, column)) for row in layout.rows[layout.first_data :])


def _row_figures(reader: _Reader, r: int, columns: dict[int, tuple[str, str]]) -> dict:
    figures = {}
    for c, (code, label) in columns.items():
        value = reader.figure(r, c, label)
        if value is not None:
            figures[code] = (value, r, c, label)
    return figures


def _read_status_rows(reader: _Reader) -> None:
    """Layout 2: a row per status; columns are quarters (the totals of total/male/female)."""
    layout = reader.layout
    quarters, years = _period_columns(reader)
    if not quarters:
        return
    rows: dict[str, tuple[int, str]] = {}
    for r, at in _data_rows(layout):
        label = " ".join(str(layout.rows[r][at]).split())
        found = meaning([k] if (k := concept(label)) else [])
        if found is None:
            reader.problem("nso_unknown_row", r, at, label[:80])
        elif found not in rows:
            rows[found] = (r, label)
    by_quarter = {}
    for c, period in quarters.items():
        figures = {}
        for code, (r, label) in rows.items():
            value = reader.figure(r, c, label)
            if value is not None:
                figures[code] = (value, r, c, label)
        reader.store(period, figures)
        reader.slips(figures, period.code)
        by_quarter[period] = figures
    for c, year in years.items():
        published = {}
        for code, (r, label) in rows.items():
            value = reader.figure(r, c, label)
            if value is not None:
                published[code] = (value, r, c, label)
        reader.year_check(year, published, [f for p, f in by_quarter.items() if p.year == year])


def _period_columns(reader: _Reader) -> tuple[dict[int, periods.Period], dict[int, int]]:
    """Quarter columns (totals only) and annual-average columns, from the header labels and, for
    a quarter named without its year, the one year the title gives."""
    layout = reader.layout
    title_years = {
        y for r in layout.titles for c in _filled(layout.rows[r]) for y in _years_in(str(layout.rows[r][c]))
    }
    quarters, years = {}, {}
    label_column = _filled(layout.rows[layout.first_data])[0]
    for c, path in enumerate(layout.paths()):
        if c == label_column or not path or not _has_figures(layout, c):
            continue
        year, quarter, gender, average = None, None, None, False
        for _, text in path:
            if (found := _quarter_label(text)) is not None:
                year, quarter = found[0] or year, found[1]
            elif (found_year := _year_label(text)) is not None:
                year = found_year
            else:
                lowered = labour_cells.normal(text)
                gender = _gender(lowered) or gender
                average = average or any(w in lowered for w in AVERAGE_WORDS)
        if gender not in (None, "total"):
            continue
        if quarter is None and year is not None:
            years[c] = year
            continue
        if year is None and len(title_years) == 1:
            year = next(iter(title_years))
        if quarter is None and average and year is not None:
            years[c] = year
        elif quarter is not None and year is None:
            reader.problem("nso_no_year", path[-1][0], c, path[-1][1])
        elif quarter is not None and quarters.get(c) is None:
            quarters[c] = periods.quarter(year, quarter)
    if not quarters and not any(p.is_error for p in reader.problems):
        reader.problem("nso_no_columns")
    return quarters, years


def _years_in(text: str) -> set[int]:
    return {
        periods.quarter(int(y), 1).year
        for y in re.findall(r"(?<!\d)(25\d\d|20\d\d)(?!\d)", reference.thai_digits_to_arabic(text))
    }
