"""How numbers, money, rates and names are written on screen. Pure functions; "—" for no data."""

from __future__ import annotations

import math

from assets.i18n import t
from data_access import fiscal, kpi_definitions, reference

NO_DATA = "—"

# Dates and names are written as data_access writes them in exports.
thai_date = fiscal.be_date
when = fiscal.be_time  # every time a person reads: Asia/Bangkok, BE
province_name = reference.province_name
region_name = reference.region_name
skill_name = reference.skill_name


def missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value, decimals: int = 0) -> str:
    return NO_DATA if missing(value) else f"{value:,.{decimals}f}"


def thousands(value) -> str:
    """An estimate to the nearest thousand (36,885,000): more digits would claim a precision it
    does not have."""
    return NO_DATA if missing(value) else f"{round(value, -3):,.0f}"


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


def compact(key: str, value) -> str:
    """A KPI in at most five characters, for a map tile: 73%, 1,640, 12k, 1.2M."""
    if missing(value):
        return NO_DATA
    if key in kpi_definitions.RATES:
        return f"{value * 100:.0f}%"
    size = abs(value)
    if size >= 1_000_000:
        return f"{value / 1_000_000:.1f}M"
    if size >= 10_000:
        return f"{value / 1_000:.0f}k"
    return f"{value:,.0f}" if size >= 100 else f"{value:.1f}"


def fiscal_year(year: int, lang: str = "th") -> str:
    return t("filter.fy_label", lang, year=year)


# How each kind of KPI (kpi_definitions.KPIS) is written.
KIND_FORMATS = {
    "count": lambda v, lang: number(v),
    "rate": lambda v, lang: percent(v),
    "baht": baht,
    "baht_per_month": baht_per_month,
    "months": months,
}


def kpi(key: str, value, lang: str = "th") -> str:
    return KIND_FORMATS[kpi_definitions.kind(key)](value, lang)
