"""Sign-in: single sign-on (st.login), local accounts, or demo accounts on the demo database.

The mode comes from DASHBOARD_AUTH. A configuration that asks for a mode it cannot have is an
error shown to the user, never a silent fallback to demo. The signed-in user is a username in the
session; their role and provinces are read from the database on every run, so disabling a user
or changing their scope takes effect at once.
"""

from __future__ import annotations

import time

import streamlit as st

from assets.i18n import t
from data_access import audit, config, demo, users
from data_access.db import Database
from data_access.errors import UserError
from ui import navigation

USER_KEY = "auth_user"
SEEN_KEY = "auth_seen"
METHOD_KEY = "auth_method"
SESSION_KEYS = (USER_KEY, SEEN_KEY, METHOD_KEY, "_page_context")


def resolve_mode(configured: str, has_oidc: bool, is_demo_database: bool) -> str:
    """The sign-in mode to use for a configured one of config.AUTH_MODES, or a UserError for an
    impossible configuration."""
    if configured == "auto":
        return "oidc" if has_oidc else "demo" if is_demo_database else "local"
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
    _expire_if_idle(lang)
    _end_demo_session_after_demo(mode, lang)
    user = _oidc_user(db, lang) if mode == "oidc" else _session_user(db)
    if user is None:
        screens = navigation.sign_in_pages(lambda: _sign_in_screen(db, mode, lang), lang)
        st.navigation(screens, position="hidden").run()
        st.stop()
    st.session_state[SEEN_KEY] = time.time()
    return user


def _expire_if_idle(lang: str) -> None:
    seen = st.session_state.get(SEEN_KEY)
    idle_limit = config.current().session_minutes * 60
    if seen is not None and time.time() - seen > idle_limit:
        _forget()
        st.info(t("auth.expired", lang))


def _end_demo_session_after_demo(mode: str, lang: str) -> None:
    """A demo sign-in lasts only while the database offers it: once a real import has turned it
    off (demo.mark_mixed), a session opened with a demo button ends at its next run."""
    if mode != "demo" and st.session_state.get(METHOD_KEY) == "demo":
        _forget()
        st.info(t("auth.demo_ended", lang))


def _session_user(db: Database) -> users.User | None:
    name = st.session_state.get(USER_KEY)
    user = users.get(db, name) if name else None
    if user is None or user.disabled:
        _forget()
        return None
    return user


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
    _start_session(user.username, "password")


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
    _start_session(username, "demo")


def _start_session(username: str, method: str) -> None:
    st.session_state[USER_KEY] = username
    st.session_state[SEEN_KEY] = time.time()
    st.session_state[METHOD_KEY] = method


def sign_out_button(user: users.User, lang: str) -> None:
    sidebar = st.sidebar
    sidebar.caption(t("auth.signed_in_as", lang, name=user.display_name, role=t(f"role.{user.role}", lang)))
    sidebar.button(t("auth.sign_out", lang), icon=":material/logout:", on_click=_sign_out, key="sign_out")


def _forget() -> None:
    """Drop who the session belongs to and the page context made for them."""
    for key in SESSION_KEYS:
        st.session_state.pop(key, None)


def _sign_out() -> None:
    _forget()
    if _oidc_signed_in():
        st.logout()
