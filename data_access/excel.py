"""Excel writing as pure functions to bytes (XlsxWriter): formatted, frozen header, autofilter, no formulas.

Text that starts with = + - @ (or tab / carriage return) is written as a string cell with Excel's
quote prefix, never as a formula (OWASP formula injection, CWE-1236); numbers stay numeric cells.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
import xlsxwriter

FONT = "TH Sarabun New"
FONT_SIZE = 14
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    """How one column is written: its header and its kind (text, int, baht, percent, date)."""

    key: str
    header: str
    kind: str = "text"


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
        "baht": book.add_format({**base, "num_format": "#,##0"}),
        "money2": book.add_format({**base, "num_format": "#,##0.00"}),
        "number": book.add_format({**base, "num_format": "#,##0.0"}),
        "percent": book.add_format({**base, "num_format": "0.0%"}),
        "date": book.add_format({**base, "num_format": "d/m/yyyy"}),
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
        width = max(
            [len(column.header)] + [len(str(v)) for v in frame[column.key].head(200)]
            if column.key in frame
            else [10]
        )
        sheet.set_column(c, c, min(max(width + 2, 10), 60))
    for r, row in enumerate(frame.itertuples(index=False), start=first_row + 1):
        values = dict(zip(frame.columns, row, strict=True))
        for c, column in enumerate(columns):
            write_cell(sheet, r, c, values.get(column.key), column.kind, formats)
    sheet.freeze_panes(first_row + 1, 0)
    if len(frame):
        sheet.autofilter(first_row, 0, first_row + len(frame), len(columns) - 1)
    return sheet


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def write_cell(sheet, row: int, col: int, value, kind: str, formats) -> None:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        sheet.write_blank(row, col, None, formats["text"])
    elif kind in ("int", "baht", "money2", "number", "percent") and isinstance(value, (int, float)):
        sheet.write_number(row, col, float(value), formats[kind])
    elif kind == "date" and hasattr(value, "year"):
        sheet.write_datetime(row, col, pd.Timestamp(value).to_pydatetime(), formats["date"])
    else:
        text = str(value)
        # Excel's quote prefix keeps the text exactly as is and marks it as never-a-formula.
        sheet.write_string(row, col, text, formats["inert" if text.startswith(FORMULA_PREFIXES) else "text"])
