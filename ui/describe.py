"""Sentences that say what the user is looking at."""

from __future__ import annotations

from assets.i18n import t
from data_access.selection import Selection
from ui import format as fmt


def place(selection: Selection, lang: str) -> str:
    parts = [fmt.province_name(c, lang) for c in selection.provinces]
    if not parts:
        parts = [fmt.region_name(c, lang) for c in selection.regions]
    names = ", ".join(parts) or t("place.nation", lang)
    skills = ", ".join(fmt.skill_name(s, lang) for s in selection.skills)
    return f"{names} · {skills}" if skills else names


def selection_caption(selection: Selection, lang: str) -> str:
    years = ", ".join(str(y) for y in selection.fiscal_years)
    caption = t("overview.caption", lang, years=years, place=place(selection, lang))
    return f"{caption} · {t('app.as_of', lang, date=fmt.thai_date(selection.as_of, lang))}"
