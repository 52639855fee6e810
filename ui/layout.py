"""What every page starts with: its title and what is selected, and the notice for no data."""

from __future__ import annotations

import streamlit as st

from assets.i18n import t
from ui import breadcrumb, describe
from ui.session import PageContext


def page_header(ctx: PageContext, title_key: str) -> None:
    st.title(t(title_key, ctx.lang))
    breadcrumb.show(ctx.selection, ctx.scope, ctx.lang)
    st.caption(describe.selection_caption(ctx.selection, ctx.scope, ctx.lang))


def stop_when_empty(empty: bool, lang: str) -> None:
    """An empty selection shows one clear message and nothing else (no blank charts)."""
    if empty:
        st.info(t("empty.no_data", lang), icon="ℹ️")
        st.stop()
