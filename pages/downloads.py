"""Excel downloads: the summary workbook of the current selection and the submission template."""

import streamlit as st

from assets.i18n import t
from ui import describe, downloads, session

ctx = session.context()
lang = ctx.lang

st.title(t("downloads.title", lang))
st.caption(describe.selection_caption(ctx.selection, ctx.scope, lang))

st.subheader(t("downloads.summary", lang))
st.caption(t("downloads.summary_help", lang))
downloads.summary_download(ctx, key="downloads_summary")

st.subheader(t("downloads.template", lang))
st.caption(t("downloads.template_help", lang))
downloads.template_download(ctx, key="downloads_template")
