"""The pieces of the data-import page: check with a progress bar, show problems and planned
changes, import on confirmation, the history. Pure display of what `data_access.importer` returns.

A check's outcome is kept in the session for the file on screen (keyed by its SHA-256, the data
version and the scope), without its plan, so the confirm click does not check the file twice
and no large object stays in the session (PITFALLS: session memory is never given back). The
import runs in the confirm button's callback; its outcome then replaces the plan on the page
until another file is chosen.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json

import pandas as pd
import streamlit as st

from assets.i18n import t, tn
from data_access import importer
from data_access.importer import contract, history, report
from ui import format as fmt
from ui.downloads import workbook_download
from ui.session import PageContext

PREVIEW = "_import_preview"
DONE = "_import_done"
SHOWN_PROBLEMS = 200  # rows drawn on the page; the problem workbook has every one
DEMO_NOTE = "demo_database"  # said in full above the confirm button, not as a row of the table


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


def _import(ctx: PageContext, name: str, data: bytes) -> None:
    """The confirm button's callback: import, and keep the outcome for the file on screen."""
    with st.spinner(t("import.stage.write", ctx.lang)):
        outcome = dataclasses.replace(importer.run(ctx.db, data, name, ctx.scope), plan=None)
    st.session_state.pop(PREVIEW, None)
    st.session_state[DONE] = ((hashlib.sha256(data).hexdigest(), name), outcome)


def finished(name: str, data: bytes) -> importer.Outcome | None:
    """The import of exactly this file made from this page, if it was; another file forgets it."""
    saved = st.session_state.get(DONE)
    if saved is not None and saved[0] == (hashlib.sha256(data).hexdigest(), name):
        return saved[1]
    st.session_state.pop(DONE, None)
    return None


def show_plan(ctx: PageContext, outcome: importer.Outcome, name: str, data: bytes) -> None:
    """What confirming would change, and the button; a file that changes nothing offers no button."""
    lang = ctx.lang
    if not outcome.changed_rows:
        st.info(t("import.nothing_to_change", lang), icon="ℹ️")
        return
    st.write(t("import.ready", lang))
    st.dataframe(changes_table(outcome, lang), hide_index=True)
    if any(p.kind == DEMO_NOTE for p in outcome.problems):
        st.warning(t("import.demo_warning", lang), icon=":material/science:")
    st.button(
        t("import.confirm", lang), type="primary", key="confirm", on_click=_import, args=(ctx, name, data)
    )


def show_done(ctx: PageContext, outcome: importer.Outcome, lang: str) -> None:
    if outcome.imported:
        st.success(t("import.done", lang, batch=outcome.batch_id), icon="✅")
        st.dataframe(changes_table(outcome, lang), hide_index=True)
    else:
        show_problems(ctx, outcome, lang)


def _on_screen(outcome: importer.Outcome) -> list:
    return [p for p in outcome.problems if p.kind != DEMO_NOTE]


def problems_table(outcome: importer.Outcome, lang: str) -> pd.DataFrame:
    """The problems in the reader's language, by sheet (in the template's order), row and column;
    "—" where a problem is about the whole file or sheet."""
    frame = report.problems_frame(_on_screen(outcome))
    order = {spec.name: i for i, spec in enumerate(contract.SHEETS)}
    frame = frame.assign(
        _sheet=frame["sheet"].map(lambda s: order.get(s, -1)), _row=frame["row"].fillna(-1)
    ).sort_values(["_sheet", "_row", "column"], kind="stable")
    frame["column"] = [
        _column_label(s, c, lang) for s, c in zip(frame["sheet"], frame["column"], strict=True)
    ]
    frame["sheet"] = [report.sheet_label(s, lang) if s in order else s for s in frame["sheet"]]
    keep = {
        "sheet": t("import.col.sheet", lang),
        "row": t("import.col.row", lang),
        "column": t("import.col.column", lang),
        "value": t("import.col.value", lang),
        f"problem_{lang}": t("import.col.problem", lang),
        f"fix_{lang}": t("import.col.fix", lang),
    }
    frame["row"] = [fmt.NO_DATA if pd.isna(r) else int(r) for r in frame["row"]]
    shown = frame[list(keep)].astype(object)
    return shown.mask(shown.isna() | (shown == ""), fmt.NO_DATA).rename(columns=keep).reset_index(drop=True)


def _column_label(sheet: str, column: str, lang: str) -> str:
    spec = contract.BY_NAME.get(sheet)
    names = {f.name: f.th for f in spec.fields} if spec else {}
    return names.get(column, column) if lang == "th" else column


def changes_table(outcome: importer.Outcome, lang: str) -> pd.DataFrame:
    frame = report.changes_frame(outcome, lang)
    names = {c: t(f"import.col.{c}", lang) for c in frame.columns}
    return frame.rename(columns=names)


def show_problems(ctx: PageContext, outcome: importer.Outcome, lang: str) -> None:
    """The count, then every problem in full (a table that wraps its text, not one that cuts it)."""
    notes = [p for p in _on_screen(outcome) if not p.is_error]
    if outcome.errors:
        st.error(tn("import.rejected", len(outcome.errors), lang), icon="🚫")
    elif notes:
        st.info(tn("import.notes", len(notes), lang), icon="ℹ️")
    if _on_screen(outcome):
        table = problems_table(outcome, lang)
        if len(table) > SHOWN_PROBLEMS:
            st.caption(t("import.first_problems", lang, shown=SHOWN_PROBLEMS, n=f"{len(table):,}"))
        st.table(table.head(SHOWN_PROBLEMS), border="horizontal")
        workbook_download(
            ctx,
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


def uploader_in_language(lang: str, megabytes: int) -> None:
    """Streamlit cannot translate its uploader ("Upload", "50MB per file • XLSX"): its own words
    are hidden and ours drawn in their place by CSS (texts of the translation table, never user
    input). Screen readers still hear the hidden English; the label and help say it in Thai."""
    button = '[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] p'
    limit = '[data-testid="stFileUploaderDropzoneInstructions"] span'
    words = {button: t("import.upload_button", lang), limit: t("import.upload_limit", lang, mb=megabytes)}
    rules = "".join(
        f"{where} {{font-size: 0}} {where}::after {{content: {_css_string(text)}; font-size: 0.95rem}}"
        for where, text in words.items()
    )
    st.html(f"<style>{rules}</style>")


def _css_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)
