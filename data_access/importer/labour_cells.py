"""Cell parsers of the labour figures (DESIGN §9): periods, and values as statistical tables
print them. Numbers themselves go through `parse.number`, the one number parser.

Periods, BE or CE: 2566Q1, Q1/2566, ไตรมาส 1/2566, ไตรมาสที่ 1/2566, Quarter 1/2023, 2566-03,
03/2566, มี.ค. 2566, มี.ค. 66, March 2023 (a two-digit year is BE), or an Excel date for a month.
Values: `-` (and its dash cousins) is 0; thousands separators and decimals are kept.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from data_access import reference
from data_access.importer import parse
from data_access.importer.parse import Invalid
from data_access.labour import periods
from data_access.labour.periods import Period

DASHES = frozenset({"-", "–", "—", "−"})
QUARTER_WORD = r"(?:q|ไตรมาส(?:ที่)?|quarter)"
_YEAR = r"(?:พ\.?ศ\.?|ค\.?ศ\.?)?\s*(\d{4}|\d{2})"


def _year(text: str) -> int:
    return 2500 + int(text) if len(text) == 2 else int(text)


_PATTERNS = (
    (rf"(\d{{4}})\s*{QUARTER_WORD}\s*([1-4])", lambda m: periods.quarter(int(m[1]), int(m[2]))),
    (rf"{QUARTER_WORD}\s*([1-4])\s*[/\-\s]\s*{_YEAR}", lambda m: periods.quarter(_year(m[2]), int(m[1]))),
    (r"(\d{4})\s*[-/.]\s*(\d{1,2})", lambda m: periods.month(int(m[1]), int(m[2]))),
    (r"(\d{1,2})\s*[-/.]\s*(\d{4})", lambda m: periods.month(int(m[2]), int(m[1]))),
)


def normal(text: str) -> str:
    """Thai digits as Arabic, lower case, single spaces."""
    return " ".join(reference.thai_digits_to_arabic(text).casefold().split())


def period(value: object) -> Period:
    if isinstance(value, (datetime, date)):
        return _checked(lambda: periods.month(value.year, value.month))
    if isinstance(value, bool) or not isinstance(value, str):
        raise Invalid("bad_period")
    raw = normal(value)
    for pattern, build in _PATTERNS:
        if found := re.fullmatch(pattern, raw):
            return _checked(lambda found=found, build=build: build(found))
    if found := re.fullmatch(rf"([^\d\s][^\d]*?)\s*{_YEAR}", raw):
        number = parse.month_number(found[1])
        if number is not None:
            return _checked(lambda: periods.month(_year(found[2]), number))
    raise Invalid("bad_period")


def _checked(build) -> Period:
    try:
        return build()
    except ValueError:
        raise Invalid("bad_period") from None


def value(cell: object) -> float:
    """A published figure: a number ≥ 0, with `-` meaning 0."""
    if isinstance(cell, str) and cell.strip() in DASHES:
        return 0.0
    amount = parse.number(cell)
    if amount < 0:
        raise Invalid("negative")
    return amount


def is_number(cell: object) -> bool:
    """Whether a cell of a statistical table holds a figure (a number, a number as text, `-`)."""
    if parse.is_blank(cell):
        return False
    try:
        value(cell)
    except Invalid:
        return False
    return True


PARSERS = {"period": period, "labour_value": value}
