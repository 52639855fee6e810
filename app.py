"""The frame around every page: page config, the database, language, sign-in, filter bar, navigation.

Run with `streamlit run app.py`. Pages live in `pages/`, one short script each.
"""

import streamlit as st

from assets.i18n import t
from data_access import demo
from ui import auth, downloads, filters, navigation, outage, page_style, session, unexpected

session.restart_in_current_navigation()
st.set_page_config(page_icon="assets/favicon.png", layout="wide")
page_style.apply()

settings = session.settings()
with unexpected.told_to_the_user(), outage.notice_when_unreachable():
    db = session.database()
    lang = session.language_switch()
    page_style.for_language(lang)
    st.set_page_config(page_title=t("app.short_title", lang))
    user = auth.require_user(db, lang)
    scope = user.scope
    auth.sign_out_button(db, user, lang)
    as_of = db.default_as_of()
    selection = filters.filter_bar(db, scope, lang, as_of)
    is_demo = demo.labelled_demo(db)
    if is_demo:
        banner = "app.demo_banner" if demo.offers_demo_sign_in(db) else "app.mixed_banner"
        st.sidebar.warning(t(banner, lang), icon=":material/science:")
    session.set_context(session.PageContext(db, scope, selection, lang, is_demo, settings))

    downloads.summary_download(session.context(), where=st.sidebar)
    page = st.navigation(navigation.pages_for(scope, lang))
    st.set_page_config(page_title=f"{page.title} · {t('app.short_title', lang)}")
    page.run()
