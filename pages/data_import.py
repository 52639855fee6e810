"""Data import (staff): upload a provincial submission, see every problem or what will change,
confirm, and see the import history."""

import streamlit as st

from assets.i18n import t
from data_access.config import UPLOAD_LIMIT_MB
from ui import downloads, import_view, session

ctx = session.context()
lang = ctx.lang

st.title(t("import.title", lang))
st.caption(t("import.caption", lang))
downloads.template_download(ctx, key="template")

if not ctx.scope.can_upload():
    st.info(t("import.view_only", lang), icon="🔒")
else:
    megabytes = UPLOAD_LIMIT_MB
    import_view.uploader_in_language(lang, megabytes)
    upload = st.file_uploader(
        t("import.upload", lang),
        type=["xlsx"],
        key="upload",
        max_upload_size=megabytes,
        help=t("import.upload_help", lang, mb=megabytes),
    )
    if upload is not None:
        data = upload.getvalue()
        done = import_view.finished(upload.name, data)
        if done is not None:
            import_view.show_done(ctx, done, lang)
        else:
            outcome = import_view.checked(ctx, upload.name, data)
            import_view.show_previous(outcome, lang)
            import_view.show_problems(ctx, outcome, lang)
            if not outcome.errors:
                import_view.show_plan(ctx, outcome, upload.name, data)

st.subheader(t("import.history", lang))
history = import_view.history_table(ctx)
if history.empty:
    st.caption(t("import.no_history", lang))
else:
    st.dataframe(history, hide_index=True, width="stretch")
