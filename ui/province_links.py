"""Going to a province's page from anywhere (a map tile, a select box): the filter bar's own
`region` and `province` values are set, so the province page, the sidebar and the URL agree.

The values are set in widget callbacks, which run before the next script run: a widget's value
cannot be changed once it is drawn in the current run.
"""

from __future__ import annotations

import streamlit as st

from data_access import reference

PROVINCE_PAGE = "pages/province.py"
_PENDING = "_open_province_page"


def choose_province(code: str) -> None:
    """Make `code` the filter bar's province (and its region the filter's region); "" = none."""
    if code:
        st.session_state["region"] = reference.province_by_code()[code].region
    st.session_state["province"] = code


def choose_region(region: str) -> None:
    st.session_state["region"] = region
    st.session_state["province"] = ""


def open_province(code: str) -> None:
    """Callback: choose the province and go to its page on the next run."""
    if code:
        choose_province(code)
        st.session_state[_PENDING] = True


def open_from_select(key: str) -> None:
    """Callback of a select box whose value is a province code ("" = none)."""
    open_province(st.session_state.get(key) or "")


def open_from_map(key: str) -> None:
    """Callback of a map chart: the clicked tile's customdata is its province code."""
    points = st.session_state[key].selection.points
    if points:
        code = points[0]["customdata"]
        open_province(str(code[0] if isinstance(code, list) else code))


def follow() -> None:
    """Call at the top of a page: switch to the province page if a callback asked for it."""
    if st.session_state.pop(_PENDING, False):
        st.switch_page(PROVINCE_PAGE)
