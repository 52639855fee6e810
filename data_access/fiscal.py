"""The Thai government fiscal calendar: 1 October – 30 September, named by its Buddhist-Era end year."""

from __future__ import annotations

from datetime import date

BE_OFFSET = 543
FIRST_BE_YEAR = 2400  # a year above this is Buddhist Era


def to_be(year: int) -> int:
    """A year in BE, whether given in BE or CE."""
    return year if year > FIRST_BE_YEAR else year + BE_OFFSET


def to_ce(year: int) -> int:
    return year - BE_OFFSET if year > FIRST_BE_YEAR else year


def fiscal_year(day: date) -> int:
    """The BE fiscal year a date falls in: 1 Oct 2022 is in FY2566."""
    return day.year + BE_OFFSET + (1 if day.month >= 10 else 0)


def fiscal_year_bounds(fy: int) -> tuple[date, date]:
    ce_end = to_ce(fy)
    return date(ce_end - 1, 10, 1), date(ce_end, 9, 30)


def fiscal_quarter(day: date) -> int:
    """Q1 Oct–Dec, Q2 Jan–Mar, Q3 Apr–Jun, Q4 Jul–Sep."""
    return (fiscal_month(day) - 1) // 3 + 1


def fiscal_month(day: date) -> int:
    """Month number within the fiscal year: October is 1, September is 12."""
    return (day.month - 10) % 12 + 1


def quarter_end(fy: int, quarter: int) -> date:
    ce_end = to_ce(fy)
    return {
        1: date(ce_end - 1, 12, 31),
        2: date(ce_end, 3, 31),
        3: date(ce_end, 6, 30),
        4: date(ce_end, 9, 30),
    }[quarter]


def last_completed_quarter(fy: int, as_of: date) -> int | None:
    """The latest quarter of `fy` that ended on or before `as_of` (None if none has)."""
    done = [q for q in (1, 2, 3, 4) if quarter_end(fy, q) <= as_of]
    return done[-1] if done else None
