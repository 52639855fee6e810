"""The dashboard's pages, in one list: file, title, icon, and who may open them.

A page's URL path is its file name (pages/budget_planning.py → /budget_planning). Streamlit 1.67
still reads the `pages/` folder the old way when a browser first opens a deep link, and shows
"Page not found" for any URL path that is not a file name there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from assets.i18n import t
from data_access.selection import Scope


@dataclass(frozen=True)
class PageSpec:
    path: str
    title_key: str
    icon: str
    allowed: Callable[[Scope], bool] = lambda scope: True

    @property
    def url_path(self) -> str:
        return Path(self.path).stem


PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/overview.py", "page.overview", ":material/dashboard:"),
    PageSpec("pages/budget.py", "page.budget", ":material/payments:"),
    PageSpec("pages/skill_income.py", "page.skill_income", ":material/trending_up:"),
    PageSpec("pages/province.py", "page.province", ":material/location_on:"),
    PageSpec("pages/labour.py", "page.labour", ":material/work:"),
    PageSpec("pages/budget_planning.py", "page.budget_planning", ":material/calculate:"),
    PageSpec("pages/downloads.py", "page.downloads", ":material/download:"),
    PageSpec("pages/data_import.py", "page.data_import", ":material/upload_file:", Scope.can_upload),
    PageSpec("pages/data_quality.py", "page.data_quality", ":material/fact_check:"),
    PageSpec("pages/admin.py", "page.admin", ":material/admin_panel_settings:", Scope.can_manage_users),
)


def pages_for(scope: Scope, lang: str) -> list[st.Page]:
    """The pages this user may open; the first is the default."""
    return [
        st.Page(
            spec.path, title=t(spec.title_key, lang), icon=spec.icon, url_path=spec.url_path, default=i == 0
        )
        for i, spec in enumerate(s for s in PAGES if s.allowed(scope))
    ]


def sign_in_pages(screen: Callable[[], None], lang: str) -> list[st.Page]:
    """Before sign-in, every page's URL shows the sign-in screen, so a shared deep link still
    works: after signing in, the same URL opens the page it names."""
    return [
        st.Page(screen, title=t("auth.sign_in", lang), url_path=spec.url_path, default=i == 0)
        for i, spec in enumerate(PAGES)
    ]
