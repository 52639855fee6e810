"""The columns of each page's table and of its Excel download (key, header in the reader's
language, kind), so pages only say which table they show."""

from __future__ import annotations

from assets.i18n import t
from data_access import exporter
from data_access.excel import Column

SKILL_TABLE = (
    "paired",
    "skill_use_rate",
    "income_before_mean",
    "income_after_mean",
    "income_gain_mean",
    "higher_income_share",
    "cost_per_completer",
    "payback_months",
)
COURSE_KPIS = ("participants", "completion_rate", "skill_use_rate", "income_gain_mean")


def audit_log(lang: str) -> list[Column]:
    kinds = (("at", "text"), ("username", "text"), ("action", "text"), ("detail", "text"), ("rows", "int"))
    return [Column(key, t(f"col.{key}", lang), kind) for key, kind in kinds]


def lagging_provinces(lang: str) -> list[Column]:
    return [
        Column("name", t("filter.province", lang)),
        *exporter.kpi_columns(("allocated", "disbursed", "disbursement_rate"), lang),
        Column("disbursement_target", t("budget.target_rate", lang), "percent"),
        Column("disbursement_target_amount", t("budget.target_amount", lang), "baht"),
    ]


def labour_latest(lang: str, indicator_name: str, kind: str) -> list[Column]:
    return [
        Column("province_code", t("labour.table.code", lang)),
        Column("place", t("labour.table.province", lang)),
        Column("period_label", t("labour.table.period", lang)),
        Column("value", indicator_name, kind),
        Column("year_earlier", t("labour.table.year_earlier", lang), kind),
        Column("change", t("labour.table.change", lang), kind),
    ]


def courses(lang: str) -> list[Column]:
    return [
        Column("course_code", t("course.course_code", lang)),
        Column("course_name", t("course.course_name", lang)),
        Column("skill", t("filter.skill", lang)),
        Column("start_date", t("course.start_date", lang), "date"),
        Column("status", t("course.status", lang)),
        Column("course_target", t("course.target", lang), "int"),
        *exporter.kpi_columns(COURSE_KPIS, lang),
        Column("budget_planned", t("course.budget_planned", lang), "baht"),
        *exporter.kpi_columns(("disbursed",), lang),
    ]


def skills(lang: str) -> list[Column]:
    return [Column("name", t("filter.skill", lang)), *exporter.kpi_columns(SKILL_TABLE, lang)]
