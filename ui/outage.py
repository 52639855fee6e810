"""What a user sees while the database cannot be reached, or is held by a long SQLite import: a
notice in Thai and English (never Streamlit's error box), and a quiet retry that brings the page
back once the database answers."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from sqlalchemy import text
from sqlalchemy.exc import InterfaceError, OperationalError

from assets.i18n import both
from data_access.db import default_database, is_locked

UNREACHABLE = (OperationalError, InterfaceError)
RETRY_SECONDS = 10
SHOWN_AT = "_outage_shown_at"


@contextmanager
def notice_when_unreachable() -> Iterator[None]:
    """Run the app; a lost connection anywhere in it ends the run with the notice."""
    try:
        yield
    except UNREACHABLE as error:
        busy = isinstance(error, OperationalError) and is_locked(error)  # a long SQLite import
        key = "app.database_busy" if busy else "app.database_unreachable"
        st.error(
            both(key, between="\n\n", seconds=RETRY_SECONDS),
            icon=":material/hourglass_top:" if busy else ":material/cloud_off:",
        )
        st.session_state[SHOWN_AT] = time.monotonic()
        _retry()
        st.stop()


@st.fragment(run_every=RETRY_SECONDS)
def _retry() -> None:
    """Runs once with the notice (too early to retry: a held database would loop at once) and then
    every RETRY_SECONDS, rerunning the app once the database answers."""
    waited = time.monotonic() - st.session_state.get(SHOWN_AT, 0.0)
    if waited >= RETRY_SECONDS - 1 and _reachable():
        st.rerun(scope="app")


def _reachable() -> bool:
    try:
        with default_database().engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except UNREACHABLE:
        return False
    return True
