"""The download button every shown table gets: an .xlsx of exactly the rows on screen (already scoped).

The file is built only when clicked (`data=` a callable) and the click does not rerun the page.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from assets.i18n import t
from data_access import excel

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_download(
    frame: pd.DataFrame, columns: Sequence[excel.Column], file_stem: str, lang: str, key: str
) -> None:
    """A button that downloads `frame` as a formatted one-sheet workbook."""
    st.download_button(
        t("download.table", lang),
        data=lambda: excel.write_workbook({file_stem[:31]: (columns, frame)}),
        file_name=f"{file_stem}.xlsx",
        mime=XLSX,
        key=key,
        on_click="ignore",
        icon=":material/download:",
    )
