"""A problem found in a submission: where (sheet, row as Excel shows it, column), the value, and
what is wrong and how to fix it in Thai and English.

The texts live in assets/translations.csv as `import.<kind>` (what is wrong) and
`import.<kind>.fix` (how to fix it), one row per problem kind. A citizen ID is never kept here in
full: `shown` is masked before a Problem is made (PDPA).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from assets.i18n import t

ERROR, NOTE = "error", "note"


@dataclass(frozen=True)
class Problem:
    kind: str
    sheet: str = ""
    row: int | None = None
    column: str = ""
    cell: str = ""
    shown: str = ""
    params: dict = field(default_factory=dict, compare=False, hash=False)
    severity: str = ERROR

    def message(self, lang: str) -> str:
        return t(f"import.{self.kind}", lang, **self.params)

    def fix(self, lang: str) -> str:
        return t(f"import.{self.kind}.fix", lang, **self.params)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def where(self) -> str:
        """sheet!F12 (column header), or as much of it as is known."""
        place = f"{self.sheet}!{self.cell}" if self.cell else self.sheet
        if self.row is not None and not self.cell:
            place = f"{place} row {self.row}"
        return f"{place} ({self.column})" if self.column else place


MAX_ALIKE = 200  # problems kept of one kind in one column; a report of millions helps nobody


class Tally:
    """Problems as they are found, keeping the first MAX_ALIKE of each kind in each column and
    counting the rest, so a file of a million bad rows costs a few hundred problems of memory."""

    def __init__(self) -> None:
        self.kept: list[Problem] = []
        self._seen: dict[tuple[str, str, str], int] = {}

    def add(self, problem: Problem) -> None:
        key = (problem.sheet, problem.kind, problem.column)
        seen = self._seen[key] = self._seen.get(key, 0) + 1
        if seen <= MAX_ALIKE:
            self.kept.append(problem)

    def problems(self) -> list[Problem]:
        """The kept problems, then one "and N more like these" per kind and column cut short."""
        more = [
            Problem(
                "more_alike",
                sheet=sheet,
                column=column,
                params={"n": f"{seen - MAX_ALIKE:,}", "kept": MAX_ALIKE, "kind": kind},
            )
            for (sheet, kind, column), seen in self._seen.items()
            if seen > MAX_ALIKE
        ]
        return self.kept + more


def capped(problems: list[Problem]) -> list[Problem]:
    tally = Tally()
    for problem in problems:
        tally.add(problem)
    return tally.problems()


def mask_citizen_id(value: object) -> str:
    """1-1017-xxxxx-45-6: enough to find the row, never the whole ID (PDPA)."""
    digits = "".join(ch for ch in str(value) if ch.isdigit())
    if len(digits) == 13:
        return f"{digits[0]}-{digits[1:5]}-xxxxx-{digits[10:12]}-{digits[12]}"
    if len(digits) >= 8:
        return digits[:3] + "x" * (len(digits) - 5) + digits[-2:]
    return "x" * len(str(value).strip())


def show(value: object, kind: str) -> str:
    """A cell value as a report shows it: masked for citizen IDs, dates as d/m/yyyy (CE)."""
    if value is None:
        return ""
    if kind == "citizen_id":
        return mask_citizen_id(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f"{value.day}/{value.month}/{value.year}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"
