"""The way back from a drill-down: ทั้งประเทศ › ภาคเหนือ › เชียงใหม่ above a narrowed page.

Opening a province from the map narrows the shared filter bar (so the province page, the sidebar
and the link agree); the breadcrumb says how far in the user is and widens the view again in one
click. A level the user's scope does not allow (a provincial head's nation) is shown as plain
text, not as a button.
"""

from __future__ import annotations

import streamlit as st

from assets.i18n import t
from data_access import catalog, reference
from data_access.selection import Scope, Selection
from ui import format as fmt
from ui import province_links


def levels(selection: Selection, scope: Scope) -> list[tuple[str, str, str | None]]:
    """(level, code, region to go to) from the widest to the current one; `region to go to` is
    None where the scope cannot widen to that level (or it is the current one)."""
    region = selection.regions[0] if selection.regions else ""
    province = selection.provinces[0] if selection.provinces else ""
    if province and not region:
        region = reference.province_by_code()[province].region
    national = len(catalog.regions_in_scope(scope)) > 1
    regional = len(catalog.provinces_in_scope(scope, region or None)) > 1
    out = [("nation", "", "" if national and region else None)]
    if region:
        out.append(("region", region, region if regional and province else None))
    if province:
        out.append(("province", province, None))
    return out


def show(selection: Selection, scope: Scope, lang: str) -> None:
    """Nothing on the national view; otherwise the levels, each wider one a button."""
    crumbs = levels(selection, scope)
    if len(crumbs) == 1:
        return
    row = st.container(horizontal=True, key="breadcrumb", vertical_alignment="center", gap="small")
    for i, (level, code, target) in enumerate(crumbs):
        if i:
            row.markdown("›")
        name = _name(level, code, lang)
        if target is None:
            row.markdown(f"**{name}**" if i == len(crumbs) - 1 else name)
        else:
            row.button(
                name,
                key=f"breadcrumb_{level}",
                type="tertiary",
                on_click=province_links.choose_region,
                args=(target,),
                help=t("breadcrumb.back", lang, place=name),
            )


def _name(level: str, code: str, lang: str) -> str:
    if level == "nation":
        return t("place.nation", lang)
    return fmt.region_name(code, lang) if level == "region" else fmt.province_name(code, lang)
