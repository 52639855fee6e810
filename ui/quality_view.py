"""How the data-quality page shows its tables: province and skill names, translated headers, and
the column kinds its downloads are written with."""

from __future__ import annotations

import pandas as pd

from assets.i18n import t
from data_access import quality
from data_access.excel import Column
from ui import format as fmt

KINDS = {
    "fiscal_year": "year",
    "end_date": "date",
    "earliest": "date",
    "max_before": "baht",
    "max_after": "baht",
    "allocated": "baht",
    "disbursed": "baht",
    "excess": "baht",
    "last_upload": "text",
}
EXPORT_HEADERS = ("course_code", "fiscal_year", "province", "course_name", "end_date")


def _header(key: str, lang: str) -> str:
    if key in EXPORT_HEADERS:
        return t(f"export.{key}", lang)
    if key in quality.CHECKS:
        return t(f"quality.check.{key}", lang)
    return t("quality.last_upload", lang) if key == "last_upload" else t(f"quality.col.{key}", lang)


def _columns(frame: pd.DataFrame, lang: str) -> list[Column]:
    return [
        Column(key, _header(key, lang), KINDS.get(key, "int"))
        for key in frame.columns
        if key != "province_code"
    ]


def _with_province_names(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    frame = frame.copy()
    frame.insert(0, "province", [fmt.province_name(c, lang) for c in frame["province_code"]])
    return frame


def summary_table(summary: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, list[Column]]:
    frame = _with_province_names(summary, lang)
    frame["last_upload"] = [
        t("quality.never", lang) if pd.isna(w) else fmt.when(w, lang) for w in frame["last_upload"]
    ]
    columns = [Column("province", _header("province", lang)), *_columns(frame.drop(columns="province"), lang)]
    return frame, columns


def issue_table(issues: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, list[Column]]:
    frame = _with_province_names(issues, lang)
    first = (
        ["course_code", "fiscal_year", "province"] if "course_code" in frame else ["fiscal_year", "province"]
    )
    rest = [c for c in frame.columns if c not in (*first, "province_code")]
    columns = [
        Column(k, _header(k, lang), KINDS.get(k, "text" if k in EXPORT_HEADERS else "int"))
        for k in first + rest
    ]
    return frame, columns


SCREEN_ROWS = 1_000  # rows of one list drawn on the page; the download has every row


def on_screen(frame: pd.DataFrame, columns: list[Column]) -> pd.DataFrame:
    """The frame with the download's headers, for st.dataframe."""
    return frame[[c.key for c in columns]].rename(columns={c.key: c.header for c in columns})


def first_rows(frame: pd.DataFrame, columns: list[Column], lang: str) -> tuple[pd.DataFrame, str | None]:
    """At most SCREEN_ROWS rows for the page, and the note saying so when the list is longer: a
    national list of 40,000 courses was a 2.2 MB table that every visit sent and every browser drew."""
    note = None
    if len(frame) > SCREEN_ROWS:
        note = t("quality.first_rows", lang, n=f"{SCREEN_ROWS:,}", total=f"{len(frame):,}")
    return on_screen(frame.head(SCREEN_ROWS), columns), note
