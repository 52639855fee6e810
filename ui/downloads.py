"""Download buttons: a shown table as .xlsx (every page), any workbook built on click, the
summary workbook of the current selection and its executive brief (PDF).

Files are built only when clicked (`data=` a callable) and the click does not rerun the page.
Everything is already cut to the user's scope, and every download is written to the audit log
(who, which file, which selection, how many rows).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from assets.i18n import t
from data_access import audit, excel, exporter
from data_access.importer.template import template_workbook
from reports import brief, chart_image, map_image
from reports.brief_content import BriefRequest, level
from ui.session import PageContext

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def audited(ctx: PageContext, build: Callable[[], bytes], file_name: str, rows: int | None) -> bytes:
    """The file's bytes, after writing who downloaded what to the audit log."""
    detail = {"file": file_name, **audit.selection_detail(ctx.selection)}
    audit.log(ctx.db, ctx.scope.username, "download", detail, rows=rows)
    return build()


def workbook_download(
    ctx: PageContext,
    label: str,
    build: Callable[[], bytes],
    file_name: str,
    key: str,
    where=st,
    rows: int | None = None,
) -> None:
    """A button that builds a workbook with `build()` when clicked and downloads it (audited)."""
    _download(ctx, label, build, file_name, key, XLSX, where, rows)


def _download(ctx: PageContext, label, build, file_name, key, mime, where, rows) -> None:
    where.download_button(
        label,
        data=lambda: audited(ctx, build, file_name, rows),
        file_name=file_name,
        mime=mime,
        key=key,
        on_click="ignore",
        icon=":material/download:",
    )


def template_download(ctx: PageContext, key: str) -> None:
    """The submission template, its province drop-down narrowed to the user's scope."""
    provinces = None if ctx.scope.is_national else ctx.scope.provinces
    workbook_download(
        ctx,
        t("import.template", ctx.lang),
        lambda: template_workbook(provinces),
        "submission_template.xlsx",
        key=key,
    )


def table_download(
    ctx: PageContext,
    frame: pd.DataFrame,
    columns: Sequence[excel.Column],
    file_stem: str,
    key: str,
    sheet: str | None = None,
) -> None:
    """A button that downloads `frame` as a formatted workbook: its sheet named in the reader's
    language (`sheet`), not by the file's code-like stem, then the definitions of its KPIs."""

    def build() -> bytes:  # on click only: a page rerun writes no definitions
        sheets = {excel.sheet_name(sheet or file_stem): (columns, frame)}
        if keys := exporter.kpis_in(columns, frame):
            sheets[t("export.sheet.definitions", ctx.lang)] = exporter.definitions_sheet(keys, ctx.lang)
        return excel.write_workbook(sheets)

    workbook_download(
        ctx,
        t("download.table", ctx.lang),
        build,
        f"{file_stem}.xlsx",
        key,
        rows=len(frame),
    )


def summary_request(ctx: PageContext) -> exporter.Request:
    return exporter.Request(
        ctx.selection, ctx.scope, ctx.lang, ctx.scope.username, datetime.now(UTC), ctx.is_demo
    )


def summary_download(ctx: PageContext, key: str = "summary_download", where=st) -> None:
    """The summary workbook (cover, KPIs, by region/province/skill, budget by month, courses) of
    the page's selection within the user's scope; `where=st.sidebar` offers it on every page."""
    years = "-".join(map(str, ctx.selection.fiscal_years)) or "all"
    workbook_download(
        ctx,
        t("download.summary", ctx.lang),
        lambda: exporter.summary_workbook(ctx.db, summary_request(ctx)),
        f"summary_{years}_{selection_name(ctx.selection)}.xlsx",
        key,
        where,
    )


def brief_download(ctx: PageContext, map_kpi: str = "skill_use_rate", key: str = "brief_download") -> None:
    """The executive brief (PDF) of the page's selection within the user's scope, made on click."""
    sel = ctx.selection

    def build() -> bytes:
        made_at = datetime.now(UTC)
        request = BriefRequest(sel, ctx.scope, ctx.lang, ctx.scope.username, made_at, ctx.is_demo, map_kpi)
        return brief.brief_pdf(ctx.db, request)

    file_name = f"brief_{sel.fiscal_years[0]}_{selection_name(sel)}.pdf"
    _download(ctx, t("download.brief", ctx.lang), build, file_name, key, brief.PDF, st, None)


def map_image_download(ctx: PageContext, by_province: pd.DataFrame, kpi: str, where=st) -> None:
    """The Overview's tile map as a PNG made on the server (reports.map_image), in Sarabun."""
    sel = ctx.selection
    kind, code = level(sel, ctx.scope)
    fy = sel.fiscal_years[0]
    file_name = f"map_{kpi}_{fy}_{selection_name(sel)}.png"
    _download(
        ctx,
        t("download.map_image", ctx.lang),
        lambda: map_image.map_png(by_province, kpi, kind, code, ctx.lang, fy),
        file_name,
        "map_image_download",
        map_image.PNG,
        where,
        None,
    )


def chart_image_download(
    ctx: PageContext, build: Callable[[], bytes], file_name: str, key: str, where
) -> None:
    """A chart of the page as a PNG made on the server when clicked (reports.chart_image)."""
    _download(ctx, t("download.chart_image", ctx.lang), build, file_name, key, chart_image.PNG, where, None)


def selection_name(selection) -> str:
    """The place of a selection for a file name: provinces or regions by code, skills, else all."""
    parts = [*(selection.provinces or selection.regions), *selection.skills]
    return "-".join(parts) or "all"
