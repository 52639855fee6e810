"""The summary workbook (Excel downloads page and `python -m data_access export`).

Sheets: a cover (title, selection, the exporter's scope, as-of date, who and when, demo flag), the
KPI summary, by region (only the regions the workbook holds whole: none for one province or part
of a region), by province (every province of the scope, with or without data), by skill category,
for one province its KPIs beside its region and the nation,
budget by month (each month under its own BE month and year), and the course list. Every figure
comes from `kpis.kpi_table` or `courses_list.course_list` with the user's Scope, so a workbook
never holds more than its reader may see.
Headers are Thai or English; years are BE; cells use the TH Sarabun New font (data_access.excel).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from assets.i18n import t
from data_access import budget, excel, fiscal, kpi_definitions, kpi_words, kpis, reference
from data_access.courses_list import course_list
from data_access.db import Database
from data_access.selection import Scope, Selection, visible_provinces

Column = excel.Column

# How a KPI of each kind (kpi_definitions.KPIS) is kept in a cell, so that Excel keeps it numeric.
EXCEL_KINDS = {
    "count": "int",
    "rate": "percent",
    "baht": "baht",
    "baht_per_month": "baht",
    "months": "number",
}
TABLE_KPIS = tuple(k for k in kpi_definitions.KPI_KEYS if "median" not in k)  # medians: summary sheet only

LEVELS = ("province", "region", "nation")
MARKS = {1: "table.better", -1: "table.worse", 0: "table.same"}


@dataclass(frozen=True)
class Request:
    """Who asks for which workbook; `generated_at` is passed in so a test can fix it."""

    selection: Selection
    scope: Scope
    lang: str
    generated_by: str
    generated_at: datetime
    is_demo: bool


def kpi_kind(key: str) -> str:
    return EXCEL_KINDS[kpi_definitions.kind(key)]


def kpi_columns(keys, lang: str) -> list[Column]:
    """Excel columns of KPIs, for this workbook and every table a page offers for download."""
    return [Column(key, kpi_words.header(key, lang), kpi_kind(key)) for key in keys]


def summary_workbook(db: Database, request: Request) -> bytes:
    sheets = summary_sheets(db, request)

    def write(book, formats) -> None:
        book.set_properties({"created": request.generated_at})  # the same request, the same bytes
        _write_cover(book, formats, request)
        for name, (columns, frame) in sheets.items():
            excel.write_sheet(book, formats, name, columns, frame)

    return excel.build(write)


def summary_sheets(db: Database, request: Request) -> dict[str, tuple[list[Column], pd.DataFrame]]:
    """Every table sheet after the cover, by its (translated) sheet name."""
    sel, scope, lang = request.selection, request.scope, request.lang
    sheets = {t("export.sheet.kpis", lang): _kpi_summary(db, sel, scope, lang)}
    for dimension in ("region", "province", "skill"):
        frame = kpis.kpi_table(db, sel, scope, by=(dimension,), medians=False)
        if dimension == "region":
            frame = frame[frame["region"].isin(whole_regions(sel, scope))]
            if frame.empty:
                continue
        sheets[t(f"export.sheet.{dimension}", lang)] = _breakdown(frame, dimension, lang)
    compared = _beside_region_and_nation(db, sel, scope, lang)
    if compared is not None:
        sheets[t("export.sheet.compare", lang)] = compared
    sheets[t("export.sheet.month", lang)] = _by_month(db, sel, scope, lang)
    sheets[t("export.sheet.courses", lang)] = _courses(db, sel, scope, lang)
    sheets[t("export.sheet.definitions", lang)] = definitions_sheet(kpi_definitions.KPI_KEYS, lang)
    return sheets


def definitions_sheet(keys, lang: str) -> tuple[list[Column], pd.DataFrame]:
    """Each KPI named in a download beside its formula in plain words (kpi_words)."""
    rows = pd.DataFrame(kpi_words.table(keys, lang), columns=["kpi", "definition"])
    return [Column("kpi", t("table.kpi", lang)), Column("definition", t("table.definition", lang))], rows


def kpis_in(columns, frame: pd.DataFrame) -> list[str]:
    """The KPIs a table holds: as columns, or as the rows of a `kpi` column (a comparison)."""
    keys = [c.key for c in columns if c.key in kpi_definitions.KPIS]
    if "kpi" in frame:
        keys += [k for k in frame["kpi"] if k in kpi_definitions.KPIS]
    return keys


def whole_regions(selection: Selection, scope: Scope) -> list[str]:
    """Regions all of whose provinces the workbook shows. A row named after a region must hold
    the whole region, so a workbook of one province or part of a region has no region sheet."""
    visible = visible_provinces(selection, scope)
    return [
        r.code
        for r in reference.REGIONS
        if visible is None or visible.issuperset(reference.provinces_of_region(r.code))
    ]


def _write_cover(book, formats, request: Request) -> None:
    lang = request.lang
    sheet = book.add_worksheet(t("export.sheet.cover", lang))
    sheet.set_column(0, 0, 34)
    sheet.set_column(1, 1, 70)
    sheet.write_string(0, 0, t("export.title", lang), formats["title"])
    for r, (label, value) in enumerate(cover_lines(request), start=2):
        sheet.write_string(r, 0, label, formats["label"])
        excel.write_cell(sheet, r, 1, value, "text", formats)


def cover_lines(request: Request) -> list[tuple[str, str]]:
    sel, lang = request.selection, request.lang
    names = {
        "export.fiscal_years": ", ".join(map(str, sel.fiscal_years)) or t("export.all_years", lang),
        "export.regions": _names(sel.regions, reference.region_name, lang),
        "export.provinces": _names(sel.provinces, reference.province_name, lang),
        "export.skills": _names(sel.skills, reference.skill_name, lang),
        "export.scope": t("export.scope_all", lang)
        if request.scope.is_national
        else _names(tuple(sorted(request.scope.provinces)), reference.province_name, lang),
        "export.as_of": fiscal.be_date(sel.as_of, lang),
        "export.generated_by": request.generated_by,
        "export.generated_at": fiscal.be_time(request.generated_at, lang),
        "export.demo": t("export.demo_yes" if request.is_demo else "export.demo_no", lang),
    }
    return [(t(key, lang), value) for key, value in names.items()]


def _names(codes: tuple[str, ...], name, lang: str) -> str:
    """The names of the codes, or "all" when the selection leaves the filter empty."""
    return ", ".join(name(c, lang) for c in codes) if codes else t("export.all", lang)


def _kpi_summary(db, sel, scope, lang) -> tuple[list[Column], pd.DataFrame]:
    row = kpis.kpi_table(db, sel, scope).iloc[0]
    frame = pd.DataFrame(
        {
            "kpi": [t(f"kpi.{k}", lang) for k in kpi_definitions.KPI_KEYS],
            "value": [row[k] for k in kpi_definitions.KPI_KEYS],
        }
    )
    frame["kind"] = [kpi_kind(k) for k in kpi_definitions.KPI_KEYS]
    return [
        Column("kpi", t("export.kpi", lang)),
        Column("value", t("export.value", lang), kind_from="kind"),
    ], frame


def _breakdown(frame: pd.DataFrame, dimension: str, lang: str) -> tuple[list[Column], pd.DataFrame]:
    name = {
        "region": reference.region_name,
        "province": reference.province_name,
        "skill": reference.skill_name,
    }
    frame = frame.assign(name=[name[dimension](c, lang) for c in frame[dimension]])
    columns = [Column("name", t(f"export.{dimension}", lang))]
    if dimension == "province":
        region_of = reference.province_by_code()
        frame["region_name"] = [reference.region_name(region_of[c].region, lang) for c in frame["province"]]
        columns = [
            Column("province", t("export.province_code", lang)),
            *columns,
            Column("region_name", t("export.region", lang)),
        ]
    return [*columns, *kpi_columns(TABLE_KPIS, lang)], frame


def _beside_region_and_nation(db, sel, scope, lang) -> tuple[list[Column], pd.DataFrame] | None:
    """One province's workbook: its KPIs beside its region's and the nation's totals, each
    marked better or worse (as the province page shows them); None for any other workbook."""
    visible = visible_provinces(sel, scope)
    if visible is None or len(visible) != 1:
        return None
    (province,) = visible
    own = kpis.kpi_table(db, sel, scope).iloc[0]
    compared = comparison(own, kpis.comparison_totals(db, sel, scope))
    table, columns = comparison_table(compared, level_names(province, lang), lang)
    return columns, table


def _by_month(db, sel, scope, lang) -> tuple[list[Column], pd.DataFrame]:
    frame = budget.disbursement_by_month(db, sel, scope)
    frame["label"] = [fiscal.be_month(y, m, lang) for y, m in zip(frame["year"], frame["month"], strict=True)]
    columns = [
        Column("fiscal_year", t("export.fiscal_year", lang), "year"),
        Column("label", t("export.month", lang)),
        Column("disbursed", t("export.disbursed_month", lang), "baht"),
        Column("disbursed_cumulative", t("export.disbursed_cumulative", lang), "baht"),
    ]
    return columns, frame


def _courses(db, sel, scope, lang) -> tuple[list[Column], pd.DataFrame]:
    frame = course_list(db, sel, scope, sort="course_code", limit=None)
    frame["province"] = [reference.province_name(c, lang) for c in frame["province"]]
    frame["skill"] = [reference.skill_name(c, lang) for c in frame["skill"]]
    frame["activity"] = [t(f"activity.{a}", lang) for a in frame["activity_type"]]
    frame["status"] = [None if started else t("course.not_started", lang) for started in frame["started"]]
    columns = [
        Column("course_code", t("export.course_code", lang)),
        Column("fiscal_year", t("export.fiscal_year", lang), "year"),
        Column("province", t("export.province", lang)),
        Column("skill", t("export.skill", lang)),
        Column("activity", t("export.activity_type", lang)),
        Column("course_name", t("export.course_name", lang)),
        Column("start_date", t("export.start_date", lang), "date"),
        Column("end_date", t("export.end_date", lang), "date"),
        Column("status", t("course.status", lang)),
        Column("hours", t("export.hours", lang), "int"),
        Column("course_target", t("export.course_target", lang), "int"),
        Column("budget_planned", t("export.budget_planned", lang), "baht"),
        *kpi_columns(("participants", "completed", "followed_up", "disbursed"), lang),
    ]
    return columns, frame


def level_names(province: str, lang: str) -> dict[str, str]:
    """The names a comparison's columns carry: the province, its region and the nation."""
    return {
        "province": reference.province_name(province, lang),
        "region": reference.region_name(reference.province_by_code()[province].region, lang),
        "nation": t("place.nation", lang),
    }


def comparison(own: pd.Series, totals: pd.DataFrame) -> pd.DataFrame:
    """Every §5 KPI (rows) for the province, its region and the nation (columns), as numbers."""
    by_level = totals.set_index("level")
    columns = {"province": own}
    for level in LEVELS[1:]:
        if level in by_level.index:
            columns[level] = by_level.loc[level]
    frame = pd.DataFrame(
        {level: [row[k] for k in kpi_definitions.KPI_KEYS] for level, row in columns.items()}
    )
    return frame.assign(kpi=list(kpi_definitions.KPI_KEYS))[["kpi", *columns]]


def comparison_table(
    frame: pd.DataFrame, names: dict[str, str], lang: str
) -> tuple[pd.DataFrame, list[Column]]:
    """The comparison as the province page shows and downloads it: values stay numbers, each row
    in its one unit, and every outcome marked better or worse than the region and the nation."""
    keys = frame["kpi"]
    table = frame.assign(
        name=[t(f"kpi.{k}", lang) for k in keys],
        unit=[t(kpi_words.UNITS[kpi_definitions.kind(k)], lang) for k in keys],
        kind=[kpi_kind(k) for k in keys],
    )
    columns = [Column("name", t("table.kpi", lang)), Column("unit", t("table.unit", lang))]
    columns += [Column(level, names[level], kind_from="kind") for level in LEVELS if level in frame]
    for level in LEVELS[1:]:
        if level in frame:
            marks = map(kpi_definitions.compare, keys, frame["province"], frame[level])
            table[f"against_{level}"] = [t(MARKS[m], lang) if m is not None else None for m in marks]
            columns.append(Column(f"against_{level}", t(f"table.against_{level}", lang)))
    return table, columns
