"""Sentences that say what the user is looking at: the provinces actually in view (the filters cut
to the user's scope), the skill categories, the fiscal years and the as-of date."""

from __future__ import annotations

from assets.i18n import t, tn
from data_access import reference
from data_access.selection import Scope, Selection, visible_provinces
from ui import format as fmt

MAX_NAMED = 3


def place(selection: Selection, scope: Scope, lang: str) -> str:
    names = _provinces_in_view(visible_provinces(selection, scope), lang)
    skills = ", ".join(fmt.skill_name(s, lang) for s in selection.skills)
    return f"{names} · {skills}" if skills else names


def _provinces_in_view(visible: frozenset[str] | None, lang: str) -> str:
    if visible is None:
        return t("place.nation", lang)
    whole = [r.code for r in reference.REGIONS if set(reference.provinces_of_region(r.code)) <= visible]
    covered = {p for region in whole for p in reference.provinces_of_region(region)}
    if whole and covered == visible:
        return ", ".join(fmt.region_name(r, lang) for r in whole)
    if len(visible) <= MAX_NAMED:
        return ", ".join(fmt.province_name(c, lang) for c in sorted(visible))
    return tn("place.provinces", len(visible), lang)


def selection_caption(selection: Selection, scope: Scope, lang: str) -> str:
    years = ", ".join(str(y) for y in selection.fiscal_years)
    caption = t("overview.caption", lang, years=years, place=place(selection, scope, lang))
    return f"{caption} · {t('app.as_of', lang, date=fmt.thai_date(selection.as_of, lang))}"
