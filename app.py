"""The frame around every page: page config, the database, language, sign-in, filter bar, navigation.

Run with `streamlit run app.py`. Pages live in `pages/`, one short script each.
"""

import streamlit as st

from assets.i18n import t
from data_access import kpis
from ui import filters, session

st.set_page_config(page_title="MOL Outcome Dashboard", page_icon="📊", layout="wide")

db = session.database()
lang = session.language_switch()
scope = session.current_scope(db)
as_of = kpis.default_as_of(db)
selection = filters.filter_bar(db, scope, lang, as_of)
is_demo = db.meta("demo") == "true"
if is_demo:
    st.sidebar.warning(t("app.demo_banner", lang), icon="🧪")
session.set_context(session.PageContext(db, scope, selection, lang, is_demo))

pages = [
    st.Page(
        "pages/overview.py",
        title=t("page.overview", lang),
        icon=":material/dashboard:",
        url_path="overview",
        default=True,
    ),
    st.Page("pages/budget.py", title=t("page.budget", lang), icon=":material/payments:", url_path="budget"),
    st.Page(
        "pages/skill_income.py",
        title=t("page.skill_income", lang),
        icon=":material/trending_up:",
        url_path="skill-income",
    ),
    st.Page(
        "pages/province.py",
        title=t("page.province", lang),
        icon=":material/location_on:",
        url_path="province",
    ),
]
st.navigation(pages).run()
