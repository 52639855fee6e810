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


@dataclass(slots=True)
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


def read_sheet(table: Table, tick: Callable[[float], None] | None = None) -> tuple[Sheet, list[Problem]]:
    """Column by column (a field's lookups and parser found once, not once per cell); problems are
    then put back in row order, as a person reads the sheet."""
    rows = list(table.data_rows())
    records = [Record(excel_row, {}) for excel_row, _ in rows]
    problems = Tally()
    for field in table.spec.fields:
        for problem in _read_column(table, field, rows, records):
            problems.add(problem)
        if tick is not None:  # the rows' share of this field
            tick(len(rows) / len(table.spec.fields))
    order = {table.headers.get(f.name, f"{f.th} / {f.name}"): i for i, f in enumerate(table.spec.fields)}
    problems.kept.sort(key=lambda p: (p.row or 0, order.get(p.column, 0)))
    return Sheet(table, records), problems.problems()


def _cell(row: list, column: int):
    return row[column] if column < len(row) else None


def _read_column(table: Table, field: Field, rows: list, records: list[Record]):
    """Parses one field's cells into each record's values, yielding a Problem per bad cell. An
    optional column the sheet leaves out sets nothing, so a re-import without it keeps what the
    database has (a missing column is not "empty"); a key part left out takes its default."""
    name = field.name
    column = table.columns.get(name)
    if column is None and not field.required:
        if name in table.spec.key:
            for record in records:
                record.values[name] = field.default
        return
    parser = None if field.kind == "target_value" else PARSERS[field.kind]
    for (_, row), record in zip(rows, records, strict=True):
        value = None if column is None or column >= len(row) else row[column]
        if value is None or (value.__class__ is str and not value.strip()):  # parse.is_blank, inline
            if table.unsaved and column is not None and table.cell(name, record.row) in table.unsaved:
                yield _problem(table, field, record.row, value, "formula_without_value", {})
            elif field.required:
                yield _problem(table, field, record.row, value, "required", {})
            else:
                record.values[name] = field.default
            continue
        try:
            if parser is not None:
                record.values[name] = parser(value)
            elif "metric" in record.values:
                record.values[name] = parse.target_value(value, record.values["metric"])
        except parse.Invalid as invalid:
            yield _problem(table, field, record.row, value, invalid.kind, invalid.params)


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
