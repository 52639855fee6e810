"""Tables as shown on screen and downloaded: pure functions from data_access frames to display
frames (labels and formatted text in the page's language) and their Excel columns."""

from __future__ import annotations

import pandas as pd

from assets.i18n import t
from data_access import excel, exporter, kpi_definitions
from ui import format as fmt

LEVELS = ("province", "region", "nation")
UNITS = {  # the unit a row of each KPI kind is written in
    "count": "unit.people",
    "rate": "unit.percent",
    "baht": "unit.baht",
    "baht_per_month": "unit.baht_month",
    "months": "unit.months",
}
MARKS = {1: "table.better", -1: "table.worse", 0: "table.same"}


def comparison(own: pd.Series, totals: pd.DataFrame) -> pd.DataFrame:
    """Every §5 KPI (rows) for the province, its region and the nation (columns), as numbers."""
    by_level = totals.set_index("level")
    columns = {"province": own}
    for level in ("region", "nation"):
        if level in by_level.index:
            columns[level] = by_level.loc[level]
    frame = pd.DataFrame(
        {level: [row[k] for k in kpi_definitions.KPI_KEYS] for level, row in columns.items()}
    )
    return frame.assign(kpi=list(kpi_definitions.KPI_KEYS))[["kpi", *columns]]


def comparison_display(frame: pd.DataFrame, names: dict[str, str], lang: str) -> pd.DataFrame:
    """The comparison with KPI names and formatted values; `names` heads each level's column."""
    shown = pd.DataFrame({t("table.kpi", lang): [t(f"kpi.{k}", lang) for k in frame["kpi"]]})
    for level in LEVELS:
        if level in frame:
            shown[names[level]] = [
                fmt.kpi(k, v, lang) for k, v in zip(frame["kpi"], frame[level], strict=True)
            ]
    return shown


def comparison_table(
    frame: pd.DataFrame, names: dict[str, str], lang: str
) -> tuple[pd.DataFrame, list[excel.Column]]:
    """The comparison as the province page shows and downloads it: values stay numbers, each row
    in its one unit, and every outcome marked better or worse than the region and the nation."""
    keys = frame["kpi"]
    table = frame.assign(
        name=[t(f"kpi.{k}", lang) for k in keys],
        unit=[t(UNITS[kpi_definitions.kind(k)], lang) for k in keys],
        kind=[exporter.kpi_kind(k) for k in keys],
    )
    columns = [excel.Column("name", t("table.kpi", lang)), excel.Column("unit", t("table.unit", lang))]
    columns += [excel.Column(level, names[level], kind_from="kind") for level in LEVELS if level in frame]
    for level in ("region", "nation"):
        if level in frame:
            marks = map(kpi_definitions.compare, keys, frame["province"], frame[level])
            table[f"against_{level}"] = [t(MARKS[m], lang) if m is not None else None for m in marks]
            columns.append(excel.Column(f"against_{level}", t(f"table.against_{level}", lang)))
    return table, columns


def comparison_trend(own: pd.DataFrame, totals: pd.DataFrame) -> pd.DataFrame:
    """The province's yearly KPIs stacked with its region's and the nation's, keyed by `level`."""
    return pd.concat([own.assign(level="province"), totals], ignore_index=True)
