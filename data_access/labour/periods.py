"""Periods of the labour figures: calendar quarters and calendar months, with Buddhist-Era years.

LFS quarters are calendar quarters (ไตรมาส 1 = ม.ค.–มี.ค.), not the fiscal quarters of the
project's figures, so they are labelled with their months. Canonical codes: `2566Q1` for a
quarter, `2566-03` for a month; both sort as text in time order within an indicator.

`parse` reads every spelling DESIGN §9 allows, BE or CE: 2566Q1, Q1/2566, ไตรมาส 1/2566,
ไตรมาสที่ 1/2566, 2566-03, 03/2566, มี.ค. 2566, มี.ค. 66 (a two-digit year is BE), and an
Excel date cell for a month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from data_access import fiscal, reference
from data_access.importer.parse import Invalid, month_number

FIRST_YEAR_BE, LAST_YEAR_BE = 2500, 2700


@dataclass(frozen=True, order=True)
class Period:
    year: int  # BE calendar year
    quarter: int  # calendar quarter 1–4 (a month's own quarter for a monthly period)
    month: int | None = None  # calendar month 1–12; None for a quarter

    @property
    def frequency(self) -> str:
        return "quarter" if self.month is None else "month"

    @property
    def code(self) -> str:
        return f"{self.year}Q{self.quarter}" if self.month is None else f"{self.year}-{self.month:02d}"

    def months(self) -> tuple[int, ...]:
        return (self.month,) if self.month else tuple(range(3 * self.quarter - 2, 3 * self.quarter + 1))

    def label(self, lang: str = "th") -> str:
        """ม.ค.–มี.ค. 2566 for a quarter, มี.ค. 2566 for a month (Jan–Mar 2566 in English)."""
        months = self.months()
        names = fiscal.month_name(months[0], lang)
        if len(months) > 1:
            names = f"{names}–{fiscal.month_name(months[-1], lang)}"
        return f"{names} {self.year}"

    def shifted(self, years: int) -> Period:
        return Period(self.year + years, self.quarter, self.month)


def quarter(year: int, number: int) -> Period:
    return Period(_be(year), _checked(number, 4))


def month(year: int, number: int) -> Period:
    number = _checked(number, 12)
    return Period(_be(year), (number - 1) // 3 + 1, number)


def from_code(code: str) -> Period:
    """The Period of a canonical code (as stored)."""
    if match := re.fullmatch(r"(\d{4})Q([1-4])", code):
        return quarter(int(match.group(1)), int(match.group(2)))
    if match := re.fullmatch(r"(\d{4})-(\d{2})", code):
        return month(int(match.group(1)), int(match.group(2)))
    raise Invalid("bad_period")


def _be(year: int) -> int:
    be = fiscal.to_be(year)
    if not FIRST_YEAR_BE <= be <= LAST_YEAR_BE:
        raise Invalid("bad_period")
    return be


def _year(text: str) -> int:
    return 2500 + int(text) if len(text) == 2 else int(text)


def _checked(number: int, top: int) -> int:
    if not 1 <= number <= top:
        raise Invalid("bad_period")
    return number


_QUARTER_WORD = r"(?:q|ไตรมาส(?:ที่)?|quarter)"
_PATTERNS = (
    (rf"(\d{{4}})\s*{_QUARTER_WORD}\s*(\d)", lambda m: quarter(int(m[1]), int(m[2]))),
    (rf"{_QUARTER_WORD}\s*(\d)\s*[/\-\s]\s*(\d{{4}}|\d{{2}})", lambda m: quarter(_year(m[2]), int(m[1]))),
    (r"(\d{4})\s*[-/.]\s*(\d{1,2})", lambda m: month(int(m[1]), int(m[2]))),
    (r"(\d{1,2})\s*[-/.]\s*(\d{4})", lambda m: month(int(m[2]), int(m[1]))),
)


def parse(value: object) -> Period:
    """A period from a cell, in any spelling DESIGN §9 allows; Invalid("bad_period") otherwise."""
    if isinstance(value, (datetime, date)):
        return month(value.year, value.month)
    if isinstance(value, bool) or not isinstance(value, str):
        raise Invalid("bad_period")
    raw = " ".join(reference.thai_digits_to_arabic(value).casefold().split())
    for pattern, build in _PATTERNS:
        if found := re.fullmatch(pattern, raw):
            return build(found)
    if found := re.fullmatch(r"([^\d\s][^\d]*?)\s*(\d{4}|\d{2})", raw):
        number = month_number(found[1])
        if number is not None:
            return month(_year(found[2]), number)
    raise Invalid("bad_period")


def period_label(code: str, lang: str = "th") -> str:
    return from_code(code).label(lang)
