"""What a user sees while the database cannot be reached: a notice in Thai and English (never
Streamlit's error box), and a quiet retry that brings the page back once the database answers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from sqlalchemy import text
from sqlalchemy.exc import InterfaceError, OperationalError

from assets.i18n import t
from data_access.db import default_database

UNREACHABLE = (OperationalError, InterfaceError)
RETRY_SECONDS = 10


@contextmanager
def notice_when_unreachable() -> Iterator[None]:
    """Run the app; a lost connection anywhere in it ends the run with the notice."""
    try:
        yield
    except UNREACHABLE:
        st.error(
            "\n\n".join(t("app.database_unreachable", lang, seconds=RETRY_SECONDS) for lang in ("th", "en")),
            icon=":material/cloud_off:",
        )
        _retry()
        st.stop()


@st.fragment(run_every=RETRY_SECONDS)
def _retry() -> None:
    if _reachable():
        st.rerun(scope="app")


def _reachable() -> bool:
    try:
        with default_database().engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except UNREACHABLE:
        return False
    return True
