"""A table as shown on a page, always with its Excel download (the same rows, already scoped).

Columns are described once (`data_access.excel.Column`: key, header, kind). On screen every
value is written by `ui.format`, like the rest of the page ("—" for no data, Buddhist-Era dates);
the workbook keeps numbers and dates as numbers and dates.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from data_access import excel
from ui import downloads
from ui import format as fmt
from ui.session import PageContext

ROW_PX = 35
MAX_HEIGHT = 600
_WRITERS = {
    "percent": fmt.percent,
    "int": fmt.number,
    "baht": fmt.number,
    "money2": lambda v: fmt.number(v, 2),
    "number": lambda v: fmt.number(v, 1),
}


def displayed(frame: pd.DataFrame, columns: Sequence[excel.Column], lang: str) -> pd.DataFrame:
    """The frame's columns as on-screen text, headed by their headers."""
    shown = {}
    for column in columns:
        values = frame[column.key]
        if column.kind_from:
            kinds = frame[column.kind_from]
            shown[column.header] = [_cell(v, kind) for v, kind in zip(values, kinds, strict=True)]
        elif column.kind == "date":
            shown[column.header] = [fmt.NO_DATA if pd.isna(d) else fmt.thai_date(d, lang) for d in values]
        elif column.kind in _WRITERS:
            shown[column.header] = [_WRITERS[column.kind](None if pd.isna(v) else v) for v in values]
        else:
            shown[column.header] = [fmt.NO_DATA if pd.isna(v) else str(v) for v in values]
    return pd.DataFrame(shown, columns=[c.header for c in columns])


def _cell(value, kind: str) -> str:
    return _WRITERS[kind](None if pd.isna(value) else value) if kind in _WRITERS else fmt.NO_DATA


def show(
    ctx: PageContext,
    frame: pd.DataFrame,
    columns: Sequence[excel.Column],
    file_stem: str,
    key: str,
    sheet: str | None = None,
) -> None:
    """The table on screen (numbers right-aligned), then a button downloading it as .xlsx."""
    config = {
        c.header: st.column_config.TextColumn(
            alignment="right" if c.kind in _WRITERS or c.kind_from else "left"
        )
        for c in columns
    }
    height = min((len(frame) + 1) * ROW_PX + 3, MAX_HEIGHT)
    st.dataframe(displayed(frame, columns, ctx.lang), hide_index=True, column_config=config, height=height)
    downloads.table_download(ctx, frame, columns, file_stem, key=key, sheet=sheet)
