"""How numbers, money, rates and names are written on screen. Pure functions; "—" for no data."""

from __future__ import annotations

import math
from datetime import date

from assets.i18n import t
from data_access import reference

NO_DATA = "—"
THAI_MONTHS = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value, decimals: int = 0) -> str:
    return NO_DATA if missing(value) else f"{value:,.{decimals}f}"


def percent(value, decimals: int = 1) -> str:
    """A fraction (0.734) as a percentage (73.4%)."""
    return NO_DATA if missing(value) else f"{value * 100:,.{decimals}f}%"


def baht(value, lang: str = "th") -> str:
    """Whole baht with separators; a million or more in million baht."""
    if missing(value):
        return NO_DATA
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:,.2f} {t('unit.million_baht', lang)}"
    return f"{value:,.0f} {t('unit.baht', lang)}"


def baht_per_month(value, lang: str = "th") -> str:
    return NO_DATA if missing(value) else f"{value:,.0f} {t('unit.baht_month', lang)}"


def months(value, lang: str = "th") -> str:
    return NO_DATA if missing(value) else f"{value:,.1f} {t('unit.months', lang)}"


def thai_date(day: date, lang: str = "th") -> str:
    """15 พ.ค. 2568 in Thai, 15 May 2568 in English: always the Buddhist-Era year."""
    names = THAI_MONTHS if lang == "th" else EN_MONTHS
    return f"{day.day} {names[day.month - 1]} {day.year + 543}"


def province_name(code: str, lang: str = "th") -> str:
    p = reference.province_by_code()[code]
    return p.name_th if lang == "th" else p.name_en


def region_name(code: str, lang: str = "th") -> str:
    r = reference.region_by_code()[code]
    return r.name_th if lang == "th" else r.name_en


def skill_name(code: str, lang: str = "th") -> str:
    s = reference.skill_by_code()[code]
    return s.name_th if lang == "th" else s.name_en.capitalize()


RATE_KPIS = frozenset(
    {
        "completion_rate",
        "followup_coverage",
        "skill_use_rate",
        "higher_income_share",
        "disbursement_rate",
        "target_attainment",
    }
)


def compact(key: str, value) -> str:
    """A KPI in at most five characters, for a map tile: 73%, 1,640, 12k, 1.2M."""
    if missing(value):
        return NO_DATA
    if key in RATE_KPIS:
        return f"{value * 100:.0f}%"
    size = abs(value)
    if size >= 1_000_000:
        return f"{value / 1_000_000:.1f}M"
    if size >= 10_000:
        return f"{value / 1_000:.0f}k"
    return f"{value:,.0f}" if size >= 100 else f"{value:.1f}"


def fiscal_year(year: int, lang: str = "th") -> str:
    return t("filter.fy_label", lang, year=year)


# How each KPI is written: the one place that maps a KPI to its format.
KPI_FORMATS = {
    "participants": lambda v, lang: number(v),
    "target_participants": lambda v, lang: number(v),
    "completed": lambda v, lang: number(v),
    "followed_up": lambda v, lang: number(v),
    "target_attainment": lambda v, lang: percent(v),
    "completion_rate": lambda v, lang: percent(v),
    "followup_coverage": lambda v, lang: percent(v),
    "skill_use_rate": lambda v, lang: percent(v),
    "higher_income_share": lambda v, lang: percent(v),
    "disbursement_rate": lambda v, lang: percent(v),
    "income_before_mean": baht_per_month,
    "income_after_mean": baht_per_month,
    "income_gain_mean": baht_per_month,
    "income_before_median": baht_per_month,
    "income_after_median": baht_per_month,
    "allocated": baht,
    "disbursed": baht,
    "cost_per_completer": baht,
    "payback_months": months,
}


def kpi(key: str, value, lang: str = "th") -> str:
    return KPI_FORMATS[key](value, lang)
