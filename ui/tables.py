"""Tables as shown on screen and downloaded: pure functions from data_access frames to display
frames (labels and formatted text in the page's language) and their Excel columns."""

from __future__ import annotations

import pandas as pd

from assets.i18n import t
from data_access import exporter
from ui import format as fmt


def comparison_display(frame: pd.DataFrame, names: dict[str, str], lang: str) -> pd.DataFrame:
    """The comparison with KPI names and formatted values; `names` heads each level's column."""
    shown = pd.DataFrame({t("table.kpi", lang): [t(f"kpi.{k}", lang) for k in frame["kpi"]]})
    for level in exporter.LEVELS:
        if level in frame:
            shown[names[level]] = [
                fmt.kpi(k, v, lang) for k, v in zip(frame["kpi"], frame[level], strict=True)
            ]
    return shown


def comparison_trend(own: pd.DataFrame, totals: pd.DataFrame) -> pd.DataFrame:
    """The province's yearly KPIs stacked with its region's and the nation's, keyed by `level`."""
    return pd.concat([own.assign(level="province"), totals], ignore_index=True)
