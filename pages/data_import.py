"""Data import (staff): upload a provincial submission, see every problem or what will change,
confirm, and see the import history."""

import streamlit as st

from assets.i18n import t
from data_access.importer.template import template_workbook
from data_access.importer.workbook import MAX_FILE_BYTES
from ui import downloads, import_view, session

ctx = session.context()
lang = ctx.lang

st.title(t("import.title", lang))
st.caption(t("import.caption", lang))
downloads.workbook_download(
    t("import.template", lang), template_workbook, "submission_template.xlsx", key="template"
)

if not ctx.scope.can_upload():
    st.info(t("import.view_only", lang), icon="🔒")
else:
    upload = st.file_uploader(
        t("import.upload", lang), type=["xlsx"], key="upload", max_upload_size=MAX_FILE_BYTES // 2**20
    )
    if upload is not None:
        data = upload.getvalue()
        outcome = import_view.checked(ctx, upload.name, data)
        import_view.show_previous(outcome, lang)
        import_view.show_problems(outcome, lang)
        if not outcome.errors:
            st.write(t("import.ready" if outcome.changed_rows else "import.nothing_to_change", lang))
            st.dataframe(import_view.changes_table(outcome, lang), hide_index=True)
            if st.button(t("import.confirm", lang), type="primary", key="confirm"):
                done = import_view.imported(ctx, upload.name, data)
                if done.imported:
                    st.success(t("import.done", lang, batch=done.batch_id), icon="✅")
                    st.dataframe(import_view.changes_table(done, lang), hide_index=True)
                else:
                    import_view.show_problems(done, lang)

st.subheader(t("import.history", lang))
history = import_view.history_table(ctx)
if history.empty:
    st.caption(t("import.no_history", lang))
else:
    st.dataframe(history, hide_index=True, width="stretch")
