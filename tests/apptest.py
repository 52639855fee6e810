"""The one way tests run the app with AppTest: a page, a signed-in user, URL parameters.

Sign-in is applied here, so every page test signs in the same way: the session starts with the
user already signed in, exactly as the sign-in screen leaves it (a session row of
data_access.sessions, a demo one while the database offers demo sign-in).

Streamlit 1.67's AppTest re-runs only the page script (not app.py) on a second `run()` after
`st.navigation`; a test that needs the frame again should start a fresh `run_app`.
"""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from data_access import demo, sessions
from data_access.db import default_database

APP = Path(__file__).resolve().parent.parent / "app.py"


def run_app(
    page: str | None = None,
    user: str | None = "demo_exec",
    timeout: float = 60,
    session: dict | None = None,
    **params,
) -> AppTest:
    """Run app.py (and then `page`, e.g. "pages/budget.py") as `user` with query parameters `params`.

    `user=None` runs without signing in (the sign-in screen). `session` seeds further session
    state before the first run. DATABASE_URL must already point at the test database; demo users
    exist in any demo database.
    """
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    at.query_params.update({k: str(v) for k, v in params.items()})
    if user is not None:
        at.session_state["auth_user"] = user
        at.session_state["auth_session"] = signed_in_session(user)
    for key, value in (session or {}).items():
        at.session_state[key] = value
    at.run()
    if page is not None and not at.exception:
        at.switch_page(page)
        at.run()
    return at


def signed_in_session(user: str) -> int:
    """A new session for `user` in the test database, as signing in makes it."""
    db = default_database()
    return sessions.start(db, user, "demo" if demo.offers_demo_sign_in(db) else "password").id
