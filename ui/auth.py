"""Sign-in: single sign-on (st.login), local accounts, or demo accounts on the demo database.

The mode comes from DASHBOARD_AUTH. A configuration that asks for a mode it cannot have is an
error shown to the user, never a silent fallback to demo. A local or demo sign-in opens a
session (data_access.sessions) that the browser keeps in a cookie, so a reload or a new tab stays
signed in; every run checks it, so a sign-out in one tab, a disabled account or a changed
password ends the others at their next run, and a timer says so when the idle window runs out.
The user's role and provinces are read from the database on every run.
"""

from __future__ import annotations

import time
from datetime import timedelta

import streamlit as st

from assets.i18n import t
from data_access import audit, config, demo, sessions, users
from data_access.db import Database
from data_access.errors import UserError
from ui import navigation, session_cookie

USER_KEY = "auth_user"
SESSION_KEY = "auth_session"
SEEN_KEY = "auth_seen"
HANDOVER_KEY = "_session_handover"
FORGET_KEY = "_session_forget"
SESSION_KEYS = (USER_KEY, SESSION_KEY, SEEN_KEY, "_page_context")
MODES = ("oidc", "local", "demo")


def resolve_mode(configured: str, has_oidc: bool, is_demo_database: bool) -> str:
    """The sign-in mode to use, or a UserError for an impossible configuration."""
    if configured == "auto":
        return "oidc" if has_oidc else "demo" if is_demo_database else "local"
    if configured not in MODES:
        raise UserError("error.invalid_auth_mode", value=configured)
    if configured == "demo" and not is_demo_database:
        raise UserError("error.demo_mode_refused")
    if configured == "oidc" and not has_oidc:
        raise UserError("error.sso_not_configured")
    return configured


def _has_oidc() -> bool:
    try:
        return "auth" in st.secrets
    except FileNotFoundError:
        return False


def _oidc_signed_in() -> bool:
    """st.user has no is_logged_in at all when single sign-on is not configured."""
    return bool(st.user.get("is_logged_in"))


def require_user(db: Database, lang: str) -> users.User:
    """The signed-in user; otherwise draw the sign-in screen and stop the run."""
    try:
        mode = resolve_mode(config.current().auth_mode, _has_oidc(), demo.offers_demo_sign_in(db))
    except UserError as error:
        st.error(error.message(lang))
        st.stop()
    if mode == "oidc":
        _expire_if_idle(lang)
        user = _oidc_user(db, lang)
    else:
        user = _browser_user(db, lang)
    if user is None:
        if st.session_state.pop(FORGET_KEY, False):
            session_cookie.forget()
        screens = navigation.sign_in_pages(lambda: _sign_in_screen(db, mode, lang), lang)
        st.navigation(screens, position="hidden").run()
        st.stop()
    st.session_state[SEEN_KEY] = time.time()
    if code := st.session_state.pop(HANDOVER_KEY, None):
        session_cookie.hand_over(code)
    return user


def idle_window() -> timedelta:
    return timedelta(minutes=config.current().session_minutes)


def _expire_if_idle(lang: str) -> None:
    """Single sign-on keeps its own cookie (st.login); its idle window is counted in the tab."""
    seen = st.session_state.get(SEEN_KEY)
    if seen is not None and time.time() - seen > idle_window().total_seconds():
        _forget()
        st.info(t("auth.expired", lang))


def _browser_user(db: Database, lang: str) -> users.User | None:
    """The user of this tab's session, or of the session the browser's cookie names."""
    session_id = st.session_state.get(SESSION_KEY)
    from_cookie = session_id is None
    if from_cookie:
        token = session_cookie.token()
        found = sessions.by_token(db, token, idle_window()) if token else None
    else:
        found = sessions.by_id(db, session_id, idle_window())
    if found is None:
        _forget()
        return None
    user = users.get(db, found.username)
    ended = found.ended or _ends_now(db, found, user)
    if ended is not None:
        _forget()
        st.session_state[FORGET_KEY] = True
        if not (from_cookie and ended == "sign_out"):
            st.info(t(f"auth.ended.{ended}", lang, minutes=f"{config.current().session_minutes:g}"))
        return None
    st.session_state[SESSION_KEY] = found.id
    st.session_state[USER_KEY] = user.username
    _watch_idle(db, found.id)
    return user


def _ends_now(db: Database, found: sessions.Session, user: users.User | None) -> str | None:
    """A session whose user was disabled, or a demo session once the database holds real data."""
    ended = None
    if user is None or user.disabled:
        ended = "disabled"
    elif found.method == "demo" and not demo.offers_demo_sign_in(db):
        ended = "demo_ended"
    if ended is not None:
        sessions.end(db, found.id, ended)
    return ended


def _watch_idle(db: Database, session_id: int) -> None:
    """A timer in the sidebar: when the session ends (idle window, or elsewhere), the whole page
    runs again at once and says why, instead of waiting for the next click. Its own runs read the
    session without counting as activity."""
    idle = idle_window()
    every = min(max(idle / 10, timedelta(seconds=1)), timedelta(seconds=30))

    def check() -> None:
        since = sessions.idle_for(db, session_id)
        if since is None or since > idle:
            st.rerun(scope="app")

    with st.sidebar:
        st.fragment(check, run_every=every)()


def _oidc_user(db: Database, lang: str) -> users.User | None:
    if not _oidc_signed_in():
        return None
    user = users.by_email(db, str(st.user.get("email") or ""))
    if user is None or user.disabled:
        st.error(t("auth.not_registered", lang))
        st.button(t("auth.sign_out", lang), on_click=st.logout)
        st.stop()
    if st.session_state.get(USER_KEY) != user.username:
        st.session_state[USER_KEY] = user.username
        audit.log(db, user.username, "sign_in", {"method": "oidc"})
    return user


def _sign_in_screen(db: Database, mode: str, lang: str) -> None:
    st.title(t("app.title", lang))
    st.caption(t("app.ministry", lang))
    if mode == "oidc":
        st.button(t("auth.sso_button", lang), on_click=st.login, type="primary")
    elif mode == "demo":
        _demo_accounts(db, lang)
    else:
        _password_form(db, lang)


def _password_form(db: Database, lang: str) -> None:
    with st.form("sign_in"):
        st.text_input(t("auth.username", lang), key="sign_in_name")
        st.text_input(t("auth.password", lang), type="password", key="sign_in_password")
        st.form_submit_button(t("auth.sign_in", lang), type="primary", on_click=_check_password, args=(db,))
    if error := st.session_state.pop("sign_in_error", None):
        st.error(error.message(lang))


def _check_password(db: Database) -> None:
    """Runs before the next script run, so a signed-in user lands straight on the page they asked for."""
    password = st.session_state.pop("sign_in_password", "")
    try:
        user = users.sign_in(db, st.session_state.get("sign_in_name", "").strip(), password)
    except UserError as error:
        st.session_state["sign_in_error"] = error
        return
    _start_session(db, user.username, "password")


def _demo_accounts(db: Database, lang: str) -> None:
    st.warning(t("auth.demo_notice", lang), icon=":material/science:")
    for account in demo.DEMO_USERS:
        st.button(
            t(f"auth.demo.{account.username}", lang),
            key=f"demo_{account.username}",
            width="stretch",
            on_click=_demo_sign_in,
            args=(db, account.username),
        )


def _demo_sign_in(db: Database, username: str) -> None:
    audit.log(db, username, "sign_in", {"method": "demo"})
    _start_session(db, username, "demo")


def _start_session(db: Database, username: str, method: str) -> None:
    started = sessions.start(db, username, method)
    st.session_state[USER_KEY] = username
    st.session_state[SESSION_KEY] = started.id
    st.session_state[HANDOVER_KEY] = started.handover_code


def sign_out_button(db: Database, user: users.User, lang: str) -> None:
    sidebar = st.sidebar
    sidebar.caption(
        t("auth.signed_in_as", lang, name=_shown_name(user, lang), role=t(f"role.{user.role}", lang))
    )
    sidebar.button(
        t("auth.sign_out", lang), icon=":material/logout:", on_click=_sign_out, args=(db,), key="sign_out"
    )


def _shown_name(user: users.User, lang: str) -> str:
    """Demo accounts have a name in each language; a person's own name is shown as registered."""
    if user.username in {account.username for account in demo.DEMO_USERS}:
        return t(f"auth.demo_name.{user.username}", lang)
    return user.display_name


def _forget() -> None:
    """Drop who the session belongs to and the page context made for them."""
    for key in SESSION_KEYS:
        st.session_state.pop(key, None)


def _sign_out(db: Database) -> None:
    if (session_id := st.session_state.get(SESSION_KEY)) is not None:
        sessions.end(db, session_id, "sign_out")
        st.session_state[FORGET_KEY] = True
    _forget()
    if _oidc_signed_in():
        st.logout()
