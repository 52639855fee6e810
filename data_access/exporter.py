"""The summary workbook (Excel downloads page and `python -m data_access export`).

Sheets: a cover (title, selection, the exporter's scope, as-of date, who and when, demo flag), the
KPI summary, by region, by province (every province of the scope, with or without data), by
skill category, budget by month, and the course list. Every figure comes from `kpis.kpi_table`
or `courses_list.course_list` with the user's Scope, so a workbook never holds more than its reader may see.
Headers are Thai or English; years are BE; cells use the TH Sarabun New font (data_access.excel).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from assets.i18n import t
from data_access import excel, fiscal, kpis, reference
from data_access.courses_list import course_list
from data_access.db import Database
from data_access.selection import Scope, Selection

Column = excel.Column

COUNT_KPIS = ("participants", "target_participants", "completed", "followed_up")
RATE_KPIS = (
    "target_attainment",
    "completion_rate",
    "followup_coverage",
    "skill_use_rate",
    "higher_income_share",
    "disbursement_rate",
)
MONEY_KPIS = (
    "income_before_mean",
    "income_after_mean",
    "income_gain_mean",
    "income_before_median",
    "income_after_median",
    "allocated",
    "disbursed",
    "cost_per_completer",
)
TABLE_KPIS = tuple(k for k in kpis.KPI_KEYS if "median" not in k)  # medians: summary sheet only


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
    if key in COUNT_KPIS:
        return "int"
    if key in RATE_KPIS:
        return "percent"
    return "baht" if key in MONEY_KPIS else "number"


def summary_workbook(db: Database, request: Request) -> bytes:
    sheets = summary_sheets(db, request)

    def write(book, formats) -> None:
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
        sheets[t(f"export.sheet.{dimension}", lang)] = _breakdown(frame, dimension, lang)
    sheets[t("export.sheet.month", lang)] = _by_month(db, sel, scope, lang)
    sheets[t("export.sheet.courses", lang)] = _courses(db, sel, scope, lang)
    return sheets


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
        "export.regions": _names(sel.regions, reference.region_by_code(), lang),
        "export.provinces": _names(sel.provinces, reference.province_by_code(), lang),
        "export.skills": _names(sel.skills, reference.skill_by_code(), lang),
        "export.scope": t("export.scope_all", lang)
        if request.scope.is_national
        else _names(tuple(sorted(request.scope.provinces)), reference.province_by_code(), lang),
        "export.as_of": _thai_date(sel.as_of, lang),
        "export.generated_by": request.generated_by,
        "export.generated_at": f"{_thai_date(request.generated_at, lang)} {request.generated_at:%H:%M}",
        "export.demo": t("export.demo_yes" if request.is_demo else "export.demo_no", lang),
    }
    return [(t(key, lang), value) for key, value in names.items()]


def _names(codes: tuple[str, ...], table: dict, lang: str) -> str:
    if not codes:
        return t("export.all", lang)
    return ", ".join(table[c].name_th if lang == "th" else table[c].name_en for c in codes)


def _thai_date(day, lang: str) -> str:
    """15 พ.ค. 2568 / 15 May 2568: the Buddhist-Era year in both languages (DESIGN §2)."""
    return f"{day.day} {t(f'month.{day.month}', lang)} {fiscal.to_be(day.year)}"


def _kpi_columns(keys, lang: str) -> list[Column]:
    return [Column(key, t(f"kpi.{key}", lang), kpi_kind(key)) for key in keys]


def _kpi_summary(db, sel, scope, lang) -> tuple[list[Column], pd.DataFrame]:
    row = kpis.kpi_table(db, sel, scope).iloc[0]
    frame = pd.DataFrame(
        {"kpi": [t(f"kpi.{k}", lang) for k in kpis.KPI_KEYS], "value": [row[k] for k in kpis.KPI_KEYS]}
    )
    frame["kind"] = [kpi_kind(k) for k in kpis.KPI_KEYS]
    return [
        Column("kpi", t("export.kpi", lang)),
        Column("value", t("export.value", lang), kind_from="kind"),
    ], frame


def _breakdown(frame: pd.DataFrame, dimension: str, lang: str) -> tuple[list[Column], pd.DataFrame]:
    frame = frame.copy()
    labels = {
        "region": lambda c: reference.region_by_code()[c],
        "province": lambda c: reference.province_by_code()[c],
        "skill": lambda c: reference.skill_by_code()[c],
    }[dimension]
    frame["name"] = [labels(c).name_th if lang == "th" else labels(c).name_en for c in frame[dimension]]
    columns = [Column("name", t(f"export.{dimension}", lang))]
    if dimension == "province":
        frame["region_name"] = [labels(c).region for c in frame[dimension]]
        frame["region_name"] = [_names((r,), reference.region_by_code(), lang) for r in frame["region_name"]]
        columns = [
            Column("province", t("export.province_code", lang)),
            *columns,
            Column("region_name", t("export.region", lang)),
        ]
    return [*columns, *_kpi_columns(TABLE_KPIS, lang)], frame


def _by_month(db, sel, scope, lang) -> tuple[list[Column], pd.DataFrame]:
    frame = kpis.disbursement_by_month(db, sel, scope)
    frame["label"] = [
        f"{t(f'month.{m}', lang)} {fiscal.to_be(fiscal.to_ce(fy) - (1 if m >= 10 else 0))}"
        for fy, m in zip(frame["fiscal_year"], frame["month"], strict=True)
    ]
    columns = [
        Column("fiscal_year", t("export.fiscal_year", lang), "year"),
        Column("label", t("export.month", lang)),
        Column("disbursed", t("export.disbursed_month", lang), "baht"),
        Column("disbursed_cumulative", t("export.disbursed_cumulative", lang), "baht"),
    ]
    return columns, frame


def _courses(db, sel, scope, lang) -> tuple[list[Column], pd.DataFrame]:
    frame = course_list(db, sel, scope, sort="course_code", limit=None)
    frame["province"] = [_names((c,), reference.province_by_code(), lang) for c in frame["province"]]
    frame["skill"] = [_names((c,), reference.skill_by_code(), lang) for c in frame["skill"]]
    frame["activity"] = [t(f"activity.{a}", lang) for a in frame["activity_type"]]
    columns = [
        Column("course_code", t("export.course_code", lang)),
        Column("fiscal_year", t("export.fiscal_year", lang), "year"),
        Column("province", t("export.province", lang)),
        Column("skill", t("export.skill", lang)),
        Column("activity", t("export.activity_type", lang)),
        Column("course_name", t("export.course_name", lang)),
        Column("start_date", t("export.start_date", lang), "date"),
        Column("end_date", t("export.end_date", lang), "date"),
        Column("hours", t("export.hours", lang), "int"),
        Column("course_target", t("export.course_target", lang), "int"),
        Column("budget_planned", t("export.budget_planned", lang), "baht"),
        *_kpi_columns(("participants", "completed", "followed_up", "disbursed"), lang),
    ]
    return columns, frame
