"""A table as shown on a page, always with its Excel download (the same rows, already scoped).

Columns are described once (`data_access.excel.Column`: key, header, kind) and drive both the
on-screen formats and the workbook's. Dates are shown in the Buddhist Era.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from data_access import excel
from ui import downloads
from ui import format as fmt

_FORMATS = {
    "percent": "percent",
    "int": "localized",
    "baht": "localized",
    "money2": "localized",
    "number": "%.1f",
}


def _config(column: excel.Column):
    if column.kind in _FORMATS:
        return st.column_config.NumberColumn(column.header, format=_FORMATS[column.kind])
    return st.column_config.TextColumn(column.header)


def show(frame: pd.DataFrame, columns: Sequence[excel.Column], file_stem: str, lang: str, key: str) -> None:
    """The table on screen, then a button downloading it as .xlsx."""
    shown = frame[[c.key for c in columns]].copy()
    for column in columns:
        if column.kind == "date":
            shown[column.key] = [
                fmt.NO_DATA if pd.isna(d) else fmt.thai_date(d, lang) for d in shown[column.key]
            ]
    st.dataframe(
        shown, hide_index=True, column_config={c.key: _config(c) for c in columns}, key=f"{key}_table"
    )
    downloads.table_download(frame, columns, file_stem, lang, key=key)
