"""Administration: the audit log (browse, filter, download) and the list of users."""

import streamlit as st

from assets.i18n import t
from data_access import audit, users
from ui import audit_view, downloads, session, table_columns

ctx = session.context()
lang = ctx.lang

st.title(t("page.admin", lang))
st.subheader(t("admin.audit_title", lang))
st.caption(t("admin.audit_caption", lang))
left, right = st.columns(2)
action = left.selectbox(
    t("admin.filter_action", lang),
    ["", *audit.actions(ctx.db, ctx.scope)],
    format_func=lambda a: audit_view.action_label(a, lang),
    key="audit_action",
)
who = right.text_input(t("admin.filter_user", lang), key="audit_user")
shown = audit.entries(ctx.db, ctx.scope, action=action, user=who)
if shown.empty:
    st.info(t("admin.no_entries", lang))
else:
    columns = table_columns.audit_log(lang)
    table = audit_view.entries_table(shown, lang)
    st.dataframe(
        audit_view.on_screen(table),
        hide_index=True,
        width="stretch",
        column_config={c.key: c.header for c in columns},
    )
    downloads.table_download(
        ctx, table, columns, "audit_log", key="download_audit", sheet=t("admin.audit_title", lang)
    )

st.subheader(t("admin.users_title", lang))
st.dataframe(
    audit_view.users_table(users.list_users(ctx.db, ctx.scope), lang), hide_index=True, width="stretch"
)
