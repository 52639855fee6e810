"""Finding the contract's sheets and columns in a workbook as people really fill it in.

Sheets are found by name (Thai or English, or both as the template writes them). The header row
is the row among the first HEADER_SEARCH_ROWS that names the most columns of the sheet, so a
title row above it is fine. A row just below it that repeats the header names (a second header
row in the other language) is not data. Extra columns and unknown sheets become notes; a sheet
of any name laid out as NSO's labour force table is read by nso_table.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

from data_access.excel import column_letter
from data_access.importer import contract, nso_table
from data_access.importer.contract import Field, SheetSpec
from data_access.importer.nso_table import NsoSheet
from data_access.importer.parse import is_blank
from data_access.importer.problems import NOTE, Problem
from data_access.importer.workbook import Workbook

HEADER_SEARCH_ROWS = 30


@dataclass
class Table:
    """One contract sheet as found: where its header is and which column holds which field."""

    spec: SheetSpec
    sheet: str  # the name as written in the file
    header_row: int  # as Excel numbers it
    columns: dict[str, int]  # field name → 0-based column index
    headers: dict[str, str]  # field name → header as written
    rows: list[list]  # every row of the sheet from row 1
    unsaved: frozenset[str] = frozenset()  # cells holding a formula saved without its value

    def data_rows(self):
        """(Excel row number, row) for each non-empty row below the header (a formula saved without
        its value makes a row non-empty: it is refused, not skipped)."""
        unsaved_rows = {int(ref.lstrip(string.ascii_uppercase)) for ref in self.unsaved}
        last = max(len(self.rows), *unsaved_rows, 0)  # the reader drops trailing rows it sees empty
        for index in range(self.header_row, last):
            row = self.rows[index] if index < len(self.rows) else []
            if (_filled(row) or index + 1 in unsaved_rows) and not (
                index == self.header_row and self._repeats_header(row)
            ):
                yield index + 1, row

    def _repeats_header(self, row: list) -> bool:
        return all(is_blank(v) or contract.field_for(self.spec, v) is not None for v in row) and any(
            not is_blank(v) for v in row
        )

    def cell(self, field_name: str, excel_row: int) -> str:
        return f"{column_letter(self.columns[field_name])}{excel_row}"


def _filled(row: list) -> bool:
    """Any cell not blank; the first cell, nearly always filled, is tried before a scan of the row."""
    return bool(row) and not is_blank(row[0]) or any(not is_blank(v) for v in row)


def find_tables(book: Workbook) -> tuple[list[Table | NsoSheet], list[Problem]]:
    """Every contract sheet in the workbook, any sheet laid out as NSO's labour force table
    (found by its content, whatever its name), and the problems of layout (missing columns, …)."""
    tables: list[Table | NsoSheet] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    hidden = book.hidden_sheet_names
    for name in book.sheet_names:
        spec = contract.sheet_for(name)
        if name in hidden:  # what nobody reviewing the file can see is never imported
            if spec is not None:
                problems.append(Problem("hidden_sheet", sheet=name))
            continue
        if spec is None:
            rows = [] if contract.is_template_sheet(name) else book.rows(name)
            if nso_table.recognises(rows):
                tables.append(NsoSheet(name, rows))
            elif not contract.is_template_sheet(name):
                problems.append(Problem("unknown_sheet", sheet=name, severity=NOTE))
            continue
        if spec.name in seen:
            problems.append(Problem("duplicate_sheet", sheet=name, params={"other": seen[spec.name]}))
            continue
        seen[spec.name] = name
        table, found = _table(spec, name, book.rows(name), book.unsaved.get(name, frozenset()))
        problems += found
        if table is not None:
            tables.append(table)
    if not tables and not seen:
        problems.append(Problem("no_sheets"))
    return tables, problems


def _table(
    spec: SheetSpec, name: str, rows: list[list], unsaved: frozenset[str]
) -> tuple[Table | None, list[Problem]]:
    header_index = _header_index(spec, rows)
    if header_index is None:
        return None, [] if not any(any(not is_blank(v) for v in r) for r in rows) else [
            Problem("no_header", sheet=name)
        ]
    columns, headers, problems = {}, {}, []
    for c, value in enumerate(rows[header_index]):
        if is_blank(value):
            continue
        field = contract.field_for(spec, value)
        if field is None or field.name in columns:
            problems.append(
                Problem(
                    "unknown_column",
                    sheet=name,
                    row=header_index + 1,
                    column=str(value).strip(),
                    cell=f"{column_letter(c)}{header_index + 1}",
                    severity=NOTE,
                )
            )
            continue
        columns[field.name], headers[field.name] = c, str(value).strip()
    problems += [
        _missing(name, header_index + 1, f) for f in spec.fields if f.required and f.name not in columns
    ]
    return Table(spec, name, header_index + 1, columns, headers, rows, unsaved), problems


def _header_index(spec: SheetSpec, rows: list[list]) -> int | None:
    best, best_count = None, 0
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found = {f.name for v in row if not is_blank(v) and (f := contract.field_for(spec, v)) is not None}
        if len(found) > best_count:
            best, best_count = index, len(found)
    return best


def _missing(sheet: str, header_row: int, field: Field) -> Problem:
    return Problem(
        "missing_column",
        sheet=sheet,
        row=header_row,
        column=field.name,
        params={"en": field.name, "th": field.th},
    )
