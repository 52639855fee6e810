"""Per-process and per-session objects: the database (ready to read), the language, the page context.

Nothing here computes figures; pages get those from `data_access`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from assets.i18n import LANGUAGES, t
from data_access import config, demo
from data_access.db import Database, default_database
from data_access.selection import Scope, Selection
from ui import url_state

_first_start = threading.Lock()


@st.cache_resource(show_spinner=False)
def _migrated(url: str) -> bool:
    """The embedded default database is created and migrated once per process."""
    Database(url).migrate()
    return True


def settings() -> config.Settings:
    """The validated settings; a bad one stops the app at start-up with one message in Thai and
    English (the language switch is not drawn yet)."""
    try:
        return config.current()
    except config.SettingsError as error:
        st.error(error.in_both)
        st.stop()


def database() -> Database:
    """The configured database, ready to read. On the embedded default, demo data is made on first start."""
    db = default_database()
    if config.current().default_database:
        _migrated(db.url)
        if db.meta("data_version") is None:
            _fill_demo(db)
    elif not db.schema_is_current():
        st.error(t("app.schema_outdated", language()))
        st.stop()
    return db


def _fill_demo(db: Database) -> None:
    with _first_start:
        if db.meta("data_version") is not None:
            return
        bar = st.progress(0.0, text=t("app.first_start", language()))
        demo.generate(
            db,
            progress=lambda done, total: bar.progress(
                min(done / total, 1.0), text=t("app.first_start", language())
            ),
        )
        bar.empty()


def language_switch() -> str:
    """Thai by default; the choice is kept in the URL (?lang=en) so a shared link keeps it. The
    switch is labelled in both languages and each language by its own name, so anyone finds it."""
    url_state.seed("lang", list(LANGUAGES), "th")
    lang = st.sidebar.segmented_control(
        " / ".join(t("app.language", code) for code in LANGUAGES),
        options=list(LANGUAGES),
        format_func=lambda code: t(f"language.{code}", code),
        key="lang",
        required=True,
    )
    url_state.publish("lang", lang, "th")
    return language()


def language() -> str:
    lang = st.session_state.get("lang")
    return lang if lang in LANGUAGES else "th"


@dataclass(frozen=True)
class PageContext:
    """What every page reads: where the data is, who is asking, what they selected, in which language."""

    db: Database
    scope: Scope
    selection: Selection
    lang: str
    is_demo: bool
    settings: config.Settings = field(default_factory=config.current)


CONTEXT_KEY = "_page_context"
RESTARTED_KEY = "_restarted_for_frame"


def set_context(context: PageContext) -> None:
    st.session_state[CONTEXT_KEY] = context
    st.session_state.pop(RESTARTED_KEY, None)


def restart_in_current_navigation() -> None:
    """Streamlit 1.67 runs the first script of a fresh server the old multipage way when a `pages/`
    folder exists: a deep link such as /overview executes the page file without app.py (without
    sign-in, filters or scope), and even app.py's own widgets lose their state on the next run.
    Such a run draws nothing and starts again the current way, through app.py and st.navigation."""
    if PagesManager.uses_pages_directory is not False:
        PagesManager.uses_pages_directory = False
        st.rerun()


def context() -> PageContext:
    """The context the frame (app.py) set in this session, who is signed in among it.

    A page run without it (a deep link served the old multipage way, or a page file run on its
    own) never reaches its data: it restarts through the frame once (see
    restart_in_current_navigation) and, should that not bring the frame, whatever Streamlit's
    private flag does, it says that signing in is needed and stops."""
    current = st.session_state.get(CONTEXT_KEY)
    if current is not None:
        return current
    if not st.session_state.get(RESTARTED_KEY):
        st.session_state[RESTARTED_KEY] = True
        PagesManager.uses_pages_directory = None
        restart_in_current_navigation()
    st.warning("\n\n".join(t("auth.sign_in_first", code) for code in LANGUAGES), icon=":material/lock:")
    st.stop()
