"""The labour forecasts a page needs, made on the first view after new labour figures (once per
version of the figures, for every user) with a message while they are made."""

from __future__ import annotations

import streamlit as st

from assets.i18n import t
from data_access.labour import forecasts
from ui.session import PageContext


def ready(ctx: PageContext) -> str | None:
    """The stored forecasts' version, computing them first if the figures changed."""
    if not forecasts.is_current(ctx.db):
        with st.status(t("labour.computing", ctx.lang)) as status:

            def progress(done: int, total: int, _code: str) -> None:
                status.update(label=t("labour.computing_step", ctx.lang, done=done, total=total))

            forecasts.ensure(ctx.db, progress)
            status.update(label=t("labour.computed", ctx.lang), state="complete")
    return forecasts.stored_version(ctx.db)
