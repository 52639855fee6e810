"""Each data row of a found sheet turned into a record of stored values, and a Problem per bad cell.

A record holds the columns the sheet has; an optional column left out of the sheet is left out of
the record (new rows then get the database's default, existing rows keep their value).

A row with a bad cell still yields a record of the cells that did parse, so that the checks across
rows and sheets (duplicates, unknown courses) can still speak about it; nothing is written from a
file with any error, so partial records never reach the database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from data_access.importer import labour_cells, parse
from data_access.importer.contract import Field
from data_access.importer.problems import Problem, Tally, show

if TYPE_CHECKING:  # headers finds the sheets this module reads (and reads nso_table, which needs us)
    from data_access.importer.headers import Table


PARSERS = {**parse.PARSERS, **labour_cells.PARSERS}


@dataclass
class Record:
    row: int  # as Excel numbers it
    values: dict  # field name → stored value, for the cells that parsed


@dataclass
class Sheet:
    """One contract sheet's records, with what is needed to point at a cell in a report."""

    table: Table
    records: list[Record]

    def problem(self, kind: str, record: Record, field_name: str, **params) -> Problem:
        """A problem about one record, pointing at the cell of `field_name` (masked if an ID)."""
        column = self.table.columns.get(field_name)
        rows = self.table.rows
        raw = None if column is None or record.row > len(rows) else _cell(rows[record.row - 1], column)
        return _problem(self.table, self.table.spec.field(field_name), record.row, raw, kind, params)


def read_sheet(table: Table, tick: Callable[[], None] | None = None) -> tuple[Sheet, list[Problem]]:
    records, problems = [], Tally()
    for excel_row, row in table.data_rows():
        record = Record(excel_row, {})
        for field in table.spec.fields:
            problem = _read_cell(table, field, row, record)
            if problem is not None:
                problems.add(problem)
        records.append(record)
        if tick is not None and len(records) % 5000 == 0:
            tick()
    return Sheet(table, records), problems.problems()


def _cell(row: list, column: int):
    return row[column] if column < len(row) else None


def _read_cell(table: Table, field: Field, row: list, record: Record) -> Problem | None:
    """Parses one cell into `record.values`. An optional column the sheet leaves out sets nothing,
    so a re-import without it keeps what the database has (a missing column is not "empty")."""
    column = table.columns.get(field.name)
    if column is None and not field.required:
        if field.name in table.spec.key:  # a key part is never unknown: it takes its default
            record.values[field.name] = field.default
        return None
    value = None if column is None else _cell(row, column)
    if parse.is_blank(value):
        if table.unsaved and column is not None and table.cell(field.name, record.row) in table.unsaved:
            return _problem(table, field, record.row, value, "formula_without_value", {})
        if field.required:
            return _problem(table, field, record.row, value, "required", {})
        record.values[field.name] = field.default
        return None
    try:
        if field.kind == "target_value":
            if "metric" not in record.values:
                return None
            record.values[field.name] = parse.target_value(value, record.values["metric"])
        else:
            record.values[field.name] = PARSERS[field.kind](value)
    except parse.Invalid as invalid:
        return _problem(table, field, record.row, value, invalid.kind, invalid.params)
    return None


def _problem(table: Table, field: Field, excel_row: int, value, kind: str, params: dict) -> Problem:
    return Problem(
        kind,
        sheet=table.sheet,
        row=excel_row,
        column=table.headers.get(field.name, f"{field.th} / {field.name}"),
        cell=table.cell(field.name, excel_row) if field.name in table.columns else "",
        shown=show(value, field.kind),
        params=params,
    )
