"""Excel writing as pure functions to bytes (XlsxWriter): formatted, frozen header, autofilter, no formulas.

Text that starts with = + - @ (or tab / carriage return) is written as a string cell with Excel's
quote prefix, never as a formula (OWASP formula injection, CWE-1236); numbers stay numeric cells.
"""

from __future__ import annotations

import io
import numbers
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd
import xlsxwriter

FONT = "TH Sarabun New"
FONT_SIZE = 14
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
NUMERIC_KINDS = ("int", "year", "baht", "money2", "number", "percent")


@dataclass(frozen=True)
class Column:
    """How one column is written: its header and its kind (text, int, baht, percent, date).

    `kind_from` names a frame column holding each row's kind instead, for a list of mixed values
    (a KPI summary: counts, rates and baht under one header)."""

    key: str
    header: str
    kind: str = "text"
    kind_from: str | None = None


def sheet_name(title: str) -> str:
    """A title Excel accepts as a sheet name: without []:*?/\\ and at most 31 characters."""
    return re.sub(r"[\[\]:*?/\\]", " ", title).strip()[:31].strip()


def write_workbook(sheets: Mapping[str, tuple[Sequence[Column], pd.DataFrame]]) -> bytes:
    """One sheet per entry: a header row, then the frame's rows, formatted by column kind."""

    def write(book, formats) -> None:
        for name, (columns, frame) in sheets.items():
            write_sheet(book, formats, name, columns, frame)

    return build(write)


def build(write: Callable[[xlsxwriter.Workbook, dict[str, object]], None]) -> bytes:
    """A workbook made by `write(book, formats)`, as bytes: for layouts beyond plain tables
    (a cover sheet, the submission template). Strings are never turned into formulas or links."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    write(book, _formats(book))
    book.close()
    return buffer.getvalue()


def _formats(book) -> dict[str, object]:
    base = {"font_name": FONT, "font_size": FONT_SIZE}
    return {
        "header": book.add_format(
            {**base, "bold": True, "bg_color": "#dde6f3", "border": 1, "text_wrap": True}
        ),
        "text": book.add_format(base),
        "int": book.add_format({**base, "num_format": "#,##0"}),
        "year": book.add_format({**base, "num_format": "0"}),
        "baht": book.add_format({**base, "num_format": "#,##0"}),
        "money2": book.add_format({**base, "num_format": "#,##0.00"}),
        "number": book.add_format({**base, "num_format": "#,##0.0"}),
        "percent": book.add_format({**base, "num_format": "0.0%"}),
        # Calendar 07 is the Thai Buddhist calendar: Excel and LibreOffice show 15/3/2566 (DESIGN §2).
        "date": book.add_format({**base, "num_format": "[$-1070000]d/m/yyyy"}),
        "title": book.add_format({**base, "bold": True, "font_size": 18}),
        "label": book.add_format({**base, "bold": True}),
        "note": book.add_format({**base, "italic": True, "font_color": "#5b6573", "text_wrap": True}),
        "text_cell": book.add_format({**base, "num_format": "@"}),
        "inert": book.add_format({**base, "quote_prefix": True}),
    }


def write_sheet(book, formats, name: str, columns: Sequence[Column], frame: pd.DataFrame, first_row: int = 0):
    sheet = book.add_worksheet(name[:31])
    for c, column in enumerate(columns):
        sheet.write_string(first_row, c, column.header, formats["header"])
        sheet.set_column(c, c, _width(column, frame))
    for r, row in enumerate(frame.itertuples(index=False), start=first_row + 1):
        values = dict(zip(frame.columns, row, strict=True))
        for c, column in enumerate(columns):
            kind = values[column.kind_from] if column.kind_from else column.kind
            write_cell(sheet, r, c, values.get(column.key), kind, formats)
    sheet.freeze_panes(first_row + 1, 0)
    if len(frame):
        sheet.autofilter(first_row, 0, first_row + len(frame), len(columns) - 1)
    return sheet


def _width(column: Column, frame: pd.DataFrame) -> int:
    """Wide enough for the header's longest word and the first 200 values as they are shown."""
    values = frame[column.key].head(200) if column.key in frame else []
    shown = [len(_as_shown(v, column.kind)) for v in values]
    longest_word = max((len(w) for w in column.header.split()), default=0)
    return min(max([longest_word, *shown, 8]) + 2, 60)


TYPICAL = {"percent": "100.0%", "number": "1,000.0", "money2": "100,000.00", "date": "30/12/2566"}


def _as_shown(value, kind: str) -> str:
    if kind in TYPICAL:
        return TYPICAL[kind]
    if kind in ("int", "baht") and isinstance(value, numbers.Real) and not pd.isna(value):
        return f"{value:,.0f}"
    return str(value)


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def write_cell(sheet, row: int, col: int, value, kind: str, formats) -> None:
    if value is None or value is pd.NaT or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        sheet.write_blank(row, col, None, formats["text"])
    elif kind in NUMERIC_KINDS and isinstance(value, (numbers.Real, Decimal)) and not isinstance(value, bool):
        sheet.write_number(row, col, float(value), formats[kind])
    elif kind == "date" and hasattr(value, "year"):
        sheet.write_datetime(row, col, pd.Timestamp(value).to_pydatetime(), formats["date"])
    else:
        text = str(value)
        # Excel's quote prefix keeps the text exactly as is and marks it as never-a-formula.
        sheet.write_string(row, col, text, formats["inert" if text.startswith(FORMULA_PREFIXES) else "text"])
