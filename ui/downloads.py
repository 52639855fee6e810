"""The download button every shown table gets: an .xlsx of exactly the rows on screen (already scoped).

The file is built only when clicked (`data=` a callable), the click does not rerun the page, and
each download is written to the audit log (who, what, which selection, how many rows).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from assets.i18n import t
from data_access import audit, excel
from ui import session

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def audited_workbook(ctx: session.PageContext, frame: pd.DataFrame, columns, file_stem: str) -> bytes:
    """The workbook's bytes, after writing who downloaded what to the audit log."""
    detail = {"file": f"{file_stem}.xlsx", **audit.selection_detail(ctx.selection)}
    audit.log(ctx.db, ctx.scope.username, "download", detail, rows=len(frame))
    return excel.write_workbook({file_stem[:31]: (columns, frame)})


def table_download(
    frame: pd.DataFrame, columns: Sequence[excel.Column], file_stem: str, lang: str, key: str
) -> None:
    """A button that downloads `frame` as a formatted one-sheet workbook."""
    ctx = session.context()
    st.download_button(
        t("download.table", lang),
        data=lambda: audited_workbook(ctx, frame, columns, file_stem),
        file_name=f"{file_stem}.xlsx",
        mime=XLSX,
        key=key,
        on_click="ignore",
        icon=":material/download:",
    )
