"""The one way tests run the app with AppTest: a page, a signed-in user, URL parameters.

Sign-in is applied here, so every page test signs in the same way.
"""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parent.parent / "app.py"


def run_app(page: str | None = None, user: str | None = None, timeout: float = 60, **params) -> AppTest:
    """Run app.py (and then `page`, e.g. "pages/budget.py") with query parameters `params`.

    `user` is the username to act as; DATABASE_URL must already point at the test database.
    """
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    at.query_params.update({k: str(v) for k, v in params.items()})
    at.run()
    if page is not None and not at.exception:
        at.switch_page(page)
        at.run()
    return at
