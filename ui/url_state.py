"""Keeps widget values in the URL as codes (?fy=2568&region=north&province=50&lang=en).

Streamlit's own `bind="query-params"` writes the displayed label, which would make a link depend on
the language; this writes the code. Values from a link are only accepted if they are among the
options the user is offered, so a tampered link cannot widen what a user sees.
"""

from __future__ import annotations

import streamlit as st


def seed(key: str, options: list, default) -> str | None:
    """Before the widget is drawn: take its value from the URL on a session's first run.

    Returns the rejected URL value (to tell the user), or None.
    """
    if key in st.session_state:
        if st.session_state[key] not in options:
            st.session_state[key] = default
        return None
    raw = st.query_params.get(key)
    st.session_state[key] = default
    if raw is None:
        return None
    by_text = {str(option): option for option in options}
    if raw in by_text:
        st.session_state[key] = by_text[raw]
        return None
    return raw


def publish(key: str, value, default) -> None:
    """After the widget is drawn: write its value to the URL, leaving defaults out."""
    if value == default or value is None:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != str(value):
        st.query_params[key] = str(value)
