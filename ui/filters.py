"""The shared filter bar: fiscal year, region, province, skill category.

Every value lives in the URL (see `url_state`), so a copied link reproduces the view. Options are
only what the user's scope allows; a value in a link outside them is dropped, and the user told.
"""

from __future__ import annotations

import streamlit as st

from assets.i18n import t
from data_access import catalog, fiscal, reference
from data_access.db import Database
from data_access.selection import Scope, Selection
from ui import format as fmt
from ui import url_state

ALL = ""


_NAMERS = {
    "region": (reference.region_by_code, fmt.region_name),
    "province": (reference.province_by_code, fmt.province_name),
    "skill": (reference.skill_by_code, fmt.skill_name),
}


def _named(key: str, value: str, lang: str) -> str:
    """A refused link value by name (province 10 → กรุงเทพมหานคร); one that names nothing, quoted."""
    known, name = _NAMERS.get(key, (dict, None))
    return name(value, lang) if value in known() else f"“{value}”"


def filter_bar(db: Database, scope: Scope, lang: str, as_of) -> Selection:
    sidebar = st.sidebar
    sidebar.subheader(t("filter.title", lang))
    rejected: list[str] = []

    def choose(key, label, options, default, format_func=str):
        bad = url_state.seed(key, options, default)
        if bad is not None:
            rejected.append(f"{label} {_named(key, bad, lang)}")
        value = sidebar.selectbox(label, options, format_func=format_func, key=key)
        url_state.publish(key, value, default)
        return value

    years = catalog.fiscal_years(db, scope) or [fiscal.fiscal_year(as_of)]
    current = fiscal.fiscal_year(as_of)
    fy = choose("fy", t("filter.fiscal_year", lang), years, current if current in years else years[0])
    regions = catalog.regions_in_scope(scope)
    region_options = regions if len(regions) == 1 else [ALL, *regions]
    region = choose(
        "region",
        t("filter.region", lang),
        region_options,
        region_options[0],
        lambda c: fmt.region_name(c, lang) if c else t("filter.all_regions", lang),
    )
    provinces = catalog.provinces_in_scope(scope, region or None)
    province_options = provinces if len(provinces) == 1 else [ALL, *provinces]
    province = choose(
        "province",
        t("filter.province", lang),
        province_options,
        province_options[0],
        lambda c: fmt.province_name(c, lang) if c else t("filter.all_provinces", lang),
    )
    skills = [s.code for s in reference.SKILL_CATEGORIES]
    skill = choose(
        "skill",
        t("filter.skill", lang),
        [ALL, *skills],
        ALL,
        lambda c: fmt.skill_name(c, lang) if c else t("filter.all_skills", lang),
    )
    if rejected:
        st.warning(t("filter.out_of_scope", lang, values=", ".join(rejected)), icon=":material/warning:")
    return Selection(
        fiscal_years=(int(fy),),
        regions=(region,) if region else (),
        provinces=(province,) if province else (),
        skills=(skill,) if skill else (),
        as_of=as_of,
    )
