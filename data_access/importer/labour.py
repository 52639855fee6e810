"""The labour sheet kind (DESIGN §9): every figure a file brings, from the long sheet
`labour_indicators` or from NSO's own tables (nso_table.py), as one list of Values, so both are
checked, planned and written the same way (upsert by place + indicator + period).

A Value remembers the cell it came from, so every problem names sheet, row and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from data_access import reference
from data_access.importer import validate
from data_access.importer.problems import Problem, show
from data_access.importer.records import Sheet
from data_access.labour import catalogue
from data_access.labour.periods import Period
from data_access.selection import Scope


@dataclass(frozen=True)
class Value:
    province: str  # a DOPA code or ALL
    indicator: str
    period: Period
    value: float
    source: str
    sheet: str = field(compare=False)
    row: int = field(compare=False)
    cell: str = field(compare=False)
    column: str = field(compare=False)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.province, self.indicator, self.period.code)

    def where(self) -> str:
        return f"{self.sheet}!{self.cell}"

    def problem(self, kind: str, **params) -> Problem:
        return Problem(
            kind,
            sheet=self.sheet,
            row=self.row,
            column=self.column,
            cell=self.cell,
            shown=show(self.value, "number"),
            params=params,
        )

    def row_values(self) -> dict:
        """The labour_values row this figure is."""
        return {
            "province_code": self.province,
            "indicator": self.indicator,
            "period": self.period.code,
            "year": self.period.year,
            "quarter": self.period.quarter,
            "month": self.period.month,
            "value": self.value,
            "source": self.source,
        }


def from_long_sheet(sheet: Sheet) -> tuple[list[Value], list[Problem]]:
    """The long sheet's records as Values; a period of the wrong frequency for its indicator
    (a month for an LFS figure, a quarter for a monthly one) is an error."""
    values, problems = [], []
    table = sheet.table
    for record in sheet.records:
        got = record.values
        if not {"province", "indicator", "period", "value"} <= set(got):
            continue
        indicator = catalogue.BY_CODE[got["indicator"]]
        if got["period"].frequency != indicator.frequency:
            problems.append(sheet.problem(f"period_not_{indicator.frequency}", record, "period"))
            continue
        values.append(
            Value(
                got["province"],
                indicator.code,
                got["period"],
                got["value"],
                got.get("source") or indicator.source,
                table.sheet,
                record.row,
                table.cell("value", record.row),
                table.headers["value"],
            )
        )
    return values, problems


def check(values: list[Value], scope: Scope) -> list[Problem]:
    """A figure given twice (in one sheet or two), and places outside the user's scope: a
    provincial office imports only its province, `ALL` needs a national scope (said once per
    sheet and place, at its first figure: an NSO table names its province once)."""
    problems, first, outside = [], {}, set()
    for value in values:
        if value.key in first:
            problems.append(value.problem("duplicate_value", other=first[value.key].where()))
            continue
        first[value.key] = value
        if (value.sheet, value.province) not in outside and validate.outside_scope(value.province, scope):
            outside.add((value.sheet, value.province))
            problems.append(value.problem("out_of_scope", province=validate.place_label(value.province)))
    return problems


def provinces(values: list[Value]) -> set[str]:
    return {v.province for v in values if v.province != reference.NATIONAL}
