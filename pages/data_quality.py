"""Data quality (staff): per province the last upload and counts of gaps and suspicious values;
each list below, downloadable, says which course to fix."""

import streamlit as st

from assets.i18n import t
from data_access import measures, quality
from ui import describe, downloads, quality_view, session

ctx = session.context()
lang, sel = ctx.lang, ctx.selection

st.title(t("quality.title", lang))
st.caption(describe.selection_caption(sel, ctx.scope, lang))
st.caption(t("quality.caption", lang))

st.subheader(t("quality.summary", lang))
frame, columns = quality_view.summary_table(quality.province_summary(ctx.db, sel, ctx.scope), lang)
st.dataframe(quality_view.on_screen(frame, columns), hide_index=True, width="stretch")
downloads.table_download(
    ctx, frame, columns, "data_quality_provinces", key="dq_summary", sheet=t("quality.summary", lang)
)

limits = {"ceiling": f"{measures.INCOME_CEILING:,}", "change": f"{measures.CHANGE_CEILING:,}"}
for check in quality.CHECKS:
    issues = quality.issues(ctx.db, sel, ctx.scope, check)
    with st.expander(f"{t(f'quality.check.{check}', lang)} ({len(issues):,})", expanded=False):
        st.caption(t(f"quality.help.{check}", lang, **limits))
        if issues.empty:
            st.success(t("quality.none", lang), icon="✅")
            continue
        frame, columns = quality_view.issue_table(issues, lang)
        shown, note = quality_view.first_rows(frame, columns, lang)
        if note:
            st.caption(note)
        st.dataframe(shown, hide_index=True, width="stretch")
        downloads.table_download(
            ctx, frame, columns, check, key=f"dq_{check}", sheet=t(f"quality.check.{check}", lang)
        )
