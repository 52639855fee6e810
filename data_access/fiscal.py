"""The Thai government fiscal calendar (1 October – 30 September, named by its Buddhist-Era end
year) and how its dates are written: always with the BE year (DESIGN §2)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from assets.i18n import t

if TYPE_CHECKING:
    from data_access.selection import Selection

BE_OFFSET = 543
FIRST_BE_YEAR = 2400  # a year above this is Buddhist Era
QUARTERS = (1, 2, 3, 4)
MONTHS = tuple(range(1, 13))  # fiscal months: October is 1, September is 12


def to_be(year: int) -> int:
    """A year in BE, whether given in BE or CE."""
    return year if year > FIRST_BE_YEAR else year + BE_OFFSET


def to_ce(year: int) -> int:
    return year - BE_OFFSET if year > FIRST_BE_YEAR else year


def fiscal_year(day: date) -> int:
    """The BE fiscal year a date falls in: 1 Oct 2022 is in FY2566."""
    return day.year + BE_OFFSET + (1 if day.month >= 10 else 0)


def latest_year(selection: Selection) -> int:
    """The fiscal year a budget view or a plan is about: the newest selected, else the as-of date's."""
    return max(selection.fiscal_years) if selection.fiscal_years else fiscal_year(selection.as_of)


def fiscal_year_bounds(fy: int) -> tuple[date, date]:
    ce_end = to_ce(fy)
    return date(ce_end - 1, 10, 1), date(ce_end, 9, 30)


def months_since_start(fy, year, month):
    """The month number of a calendar (year, month) counted from BE fiscal year `fy`'s October
    (1) to its September (12). A payment may be dated outside its course's fiscal year: earlier
    months are 0 or less, later ones 13 or more, so months of different years never merge.
    Plain arithmetic, so it takes numbers or pandas Series alike."""
    return (year - (fy - BE_OFFSET - 1)) * 12 + month - 9


def fiscal_month(day: date) -> int:
    """Month number within the date's own fiscal year: October is 1, September is 12."""
    return months_since_start(fiscal_year(day), day.year, day.month)


def calendar_month(month_of_year: int) -> int:
    """The calendar month of a fiscal month: 1 (October) is 10, 4 is 1 (January)."""
    return (month_of_year + 8) % 12 + 1


def quarter_end_month(quarter: int) -> int:
    """The fiscal month a quarter ends with: Q1 ends with month 3 (December), Q4 with 12."""
    return 3 * quarter


def advances_in_first_month(months):
    """Fiscal months with a payment made before its year's October (an advance, month 0 or less)
    counted in October, month 1. Takes a pandas Series of `months_since_start` values."""
    return months.clip(lower=1)


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
    done = [q for q in QUARTERS if quarter_end(fy, q) <= as_of]
    return done[-1] if done else None


def month_name(month: int, lang: str = "th") -> str:
    """ม.ค. / Jan: the short month names of the translation table."""
    return t(f"month.{month}", lang)


def be_month(year: int, month: int, lang: str = "th") -> str:
    """พ.ย. 2565 / Nov 2565 for a calendar year (BE or CE) and month."""
    return f"{month_name(month, lang)} {to_be(year)}"


def be_date(day: date, lang: str = "th") -> str:
    """15 พ.ค. 2568 in Thai, 15 May 2568 in English: the Buddhist-Era year in both languages."""
    return f"{day.day} {be_month(day.year, day.month, lang)}"


def calendar_months_of(fy: int) -> tuple[tuple[int, int], ...]:
    """(BE calendar year, month) of each month of fiscal year `fy`, October first: the labour
    figures' calendar periods that fall in it."""
    return tuple((fy - 1 if month >= 10 else fy, month) for month in map(calendar_month, MONTHS))
