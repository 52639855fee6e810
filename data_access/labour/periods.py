"""Periods of the labour figures: calendar quarters and calendar months, with Buddhist-Era years.

LFS quarters are calendar quarters (ไตรมาส 1 = ม.ค.–มี.ค.), not the fiscal quarters of the
project's figures, so they are labelled with their months. Canonical codes: `2566Q1` for a
quarter, `2566-03` for a month; both sort as text in time order within an indicator.

The spellings a file may use are read by `importer.labour_cells.period`. A year or number out
of range raises ValueError.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from data_access import fiscal

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
    raise ValueError(f"not a period: {code!r}")


def period_label(code: str, lang: str = "th") -> str:
    """The months and year of a stored period code: `2566Q1` → ม.ค.–มี.ค. 2566."""
    return from_code(code).label(lang)


def _be(year: int) -> int:
    be = fiscal.to_be(year)
    if not FIRST_YEAR_BE <= be <= LAST_YEAR_BE:
        raise ValueError(f"year {year} out of range")
    return be


def _checked(number: int, top: int) -> int:
    if not 1 <= number <= top:
        raise ValueError(f"{number} is not within 1–{top}")
    return number
