"""The pieces of the data-import page: check with a progress bar, show problems and planned
changes, import on confirmation, the history. Pure display of what `data_access.importer` returns.

A check's outcome is kept in the session for the file on screen (keyed by its SHA-256, the data
version and the scope), without its plan, so the confirm click does not check the file twice
and no large object stays in the session (PITFALLS: session memory is never given back).
"""

from __future__ import annotations

import dataclasses
import hashlib

import pandas as pd
import streamlit as st

from assets.i18n import t
from data_access import importer
from data_access.importer import history, report
from ui import format as fmt
from ui.downloads import workbook_download
from ui.session import PageContext

PREVIEW = "_import_preview"


def _progress_bar(lang: str):
    bar = st.progress(0.0, text=t("import.stage.open", lang))
    return bar, lambda fraction, stage: bar.progress(min(fraction, 1.0), text=t(stage, lang))


def checked(ctx: PageContext, name: str, data: bytes) -> importer.Outcome:
    key = (hashlib.sha256(data).hexdigest(), name, ctx.db.data_version(), ctx.scope)
    saved = st.session_state.get(PREVIEW)
    if saved is not None and saved[0] == key:
        return saved[1]
    bar, progress = _progress_bar(ctx.lang)
    outcome = dataclasses.replace(importer.check(ctx.db, data, name, ctx.scope, progress), plan=None)
    bar.empty()
    st.session_state[PREVIEW] = (key, outcome)
    return outcome


def imported(ctx: PageContext, name: str, data: bytes) -> importer.Outcome:
    bar, progress = _progress_bar(ctx.lang)
    outcome = dataclasses.replace(importer.run(ctx.db, data, name, ctx.scope, progress), plan=None)
    bar.empty()
    st.session_state.pop(PREVIEW, None)
    return outcome


def problems_table(outcome: importer.Outcome, lang: str) -> pd.DataFrame:
    """The problems in the reader's language, as the screen shows them."""
    frame = report.problems_frame(outcome.problems)
    keep = {
        "sheet": t("import.col.sheet", lang),
        "row": t("import.col.row", lang),
        "column": t("import.col.column", lang),
        "value": t("import.col.value", lang),
        f"problem_{lang}": t("import.col.problem", lang),
        f"fix_{lang}": t("import.col.fix", lang),
    }
    return frame[list(keep)].rename(columns=keep)


def changes_table(outcome: importer.Outcome, lang: str) -> pd.DataFrame:
    frame = report.changes_frame(outcome, lang)
    names = {c: t(f"import.col.{c}", lang) for c in frame.columns}
    return frame.rename(columns=names)


def show_problems(outcome: importer.Outcome, lang: str) -> None:
    if outcome.errors:
        st.error(t("import.rejected", lang, n=len(outcome.errors)), icon="🚫")
    elif outcome.notes:
        st.info(t("import.notes", lang, n=len(outcome.notes)), icon="ℹ️")
    if outcome.problems:
        st.dataframe(problems_table(outcome, lang), hide_index=True, width="stretch")
        workbook_download(
            t("import.error_workbook", lang),
            lambda: report.error_workbook(outcome),
            f"problems_{outcome.file_name.rsplit('.', 1)[0]}.xlsx",
            key="error_workbook",
        )


when = fmt.when


def show_previous(outcome: importer.Outcome, lang: str) -> None:
    for earlier in outcome.previous:
        st.warning(
            t("import.seen_before", lang, when=when(earlier["imported_at"], lang), who=earlier["username"]),
            icon="🔁",
        )


def history_table(ctx: PageContext) -> pd.DataFrame:
    frame = history.recent(ctx.db, ctx.scope)
    frame["sha256"] = frame["sha256"].str[:12]
    frame["imported_at"] = [when(moment, ctx.lang) for moment in frame["imported_at"]]
    return frame.rename(columns={c: t(f"import.col.{c}", ctx.lang) for c in frame.columns})
