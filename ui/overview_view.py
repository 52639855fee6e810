"""Parts of the Overview that depend on how far the view is narrowed: the country or a region
(a map and rankings), or one province (the province beside its region and the nation)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assets.i18n import t, tn
from data_access import exporter, kpi_definitions, kpi_words, kpis, targets
from ui import chart_view, charts, tables
from ui import format as fmt

RANKED = 10
MIN_FOR_TOP_AND_BOTTOM = 2 * RANKED  # fewer ranked provinces: one list of them all


def kpi_target(kpi: str, goals: dict[str, float], selection) -> float | None:
    """The level a province's `kpi` is held against: the targets table (or §4 defaults), the
    latest ended quarter's cumulative target for disbursement, 100 % for target attainment."""
    if kpi == "disbursement_rate":
        quarter = targets.disbursement_target(goals, selection.fiscal_years[0], selection.as_of)
        return None if quarter is None else quarter[1]
    if kpi == "target_attainment":
        return 1.0
    return goals.get({"income_gain_mean": "income_gain"}.get(kpi, kpi))


def below_target(by_province: pd.DataFrame, kpi: str, target, disbursement: pd.DataFrame) -> set[str]:
    """Provinces behind: for disbursement against each province's own quarter target, else the
    KPI's target (None: no target, nobody marked)."""
    if kpi == "disbursement_rate":
        return set(disbursement.loc[disbursement["below_target"], "province"])
    if target is None or kpi in kpi_definitions.LOWER_IS_BETTER:
        return set()
    return set(by_province.loc[by_province[kpi] < target, "province"])


def kpi_explained(kpi: str, lang: str) -> None:
    st.caption(f"**{t(f'kpi.{kpi}', lang)}** — {kpi_words.definition(kpi, lang)}")


def rankings(ranked: pd.DataFrame, kpi: str, lang: str, target, below: set[str], where, min_n: int) -> None:
    """Best and worst on one scale, the target as a line; for few provinces, one list of all.
    For a KPI where lower is better, the best are the lowest and the worst the highest."""
    name = t(f"kpi.{kpi}", lang)
    if ranked.empty:
        where.info(t("overview.none_ranked", lang, n=min_n), icon="ℹ️")
        return
    if len(ranked) >= MIN_FOR_TOP_AND_BOTTOM:
        top, bottom = ranked.head(RANKED), ranked.tail(RANKED).iloc[::-1]
        scale = charts.shared_range(kpi, top, bottom, target=target)
        worst = "overview.bottom_high" if kpi in kpi_definitions.LOWER_IS_BETTER else "overview.bottom"
        for frame, key, title in ((top, "top", "overview.top"), (bottom, "bottom", worst)):
            fig = charts.bars(
                frame,
                "province",
                kpi,
                lang,
                t(title, lang, n=RANKED, kpi=name),
                fmt.province_name,
                target=target,
                below=below,
                value_range=scale,
            )
            chart_view.show(fig, key, where=where)
        return
    fig = charts.bars(
        ranked,
        "province",
        kpi,
        lang,
        t("overview.all_ranked", lang, n=len(ranked), kpi=name),
        fmt.province_name,
        target=target,
        below=below,
    )
    chart_view.show(fig, "ranking", where=where)


def province_beside_region_and_nation(db, sel, scope, kpi: str, lang: str, target, names) -> None:
    """One province's `kpi` beside its region and the nation, as bars and as a five-year trend."""
    own = kpis.kpi_table(db, sel, scope, medians=False).iloc[0]
    compared = exporter.comparison(own, kpis.comparison_totals(db, sel, scope, medians=False))
    levels = [level for level in ("province", "region", "nation") if level in compared]
    row = compared.set_index("kpi").loc[kpi]
    frame = pd.DataFrame({"level": levels, kpi: [row[level] for level in levels]})
    fy = sel.fiscal_years[0]
    fig = charts.bars(
        frame,
        "level",
        kpi,
        lang,
        t("overview.beside_title", lang, kpi=t(f"kpi.{kpi}", lang), year=fy),
        lambda level, _: names[level],
        target=target,
    )
    chart_view.show(fig, "beside")
    years = sel.replace(fiscal_years=tuple(range(fy - 4, fy + 1)))
    history = tables.comparison_trend(
        kpis.kpi_table(db, years, scope, ("fiscal_year",), medians=False),
        kpis.comparison_totals(db, years, scope, ("fiscal_year",), medians=False),
    )
    title = t("overview.trend_title", lang, kpi=t(f"kpi.{kpi}", lang), first=fy - 4, last=fy)
    fig = charts.trend(history, kpi, lang, title, series="level", name_of=lambda level, _: names[level])
    chart_view.show(fig, "trend")


def lagging_list(disbursement: pd.DataFrame, quarter: int | None, lang: str) -> None:
    """Every province behind the quarter's disbursement target, one click away (an expander)."""
    behind = disbursement[disbursement["below_target"]].sort_values("disbursement_gap", kind="stable")
    if behind.empty or quarter is None:
        return
    with st.expander(tn("overview.all_lagging", len(behind), lang, quarter=quarter)):
        st.dataframe(
            pd.DataFrame(
                {
                    t("filter.province", lang): [fmt.province_name(c, lang) for c in behind["province"]],
                    t("kpi.disbursement_rate", lang): [fmt.percent(v) for v in behind["disbursement_rate"]],
                    t("budget.target_rate", lang): [fmt.percent(v) for v in behind["disbursement_target"]],
                    t("kpi.disbursed", lang): [fmt.baht(v, lang) for v in behind["disbursed"]],
                    t("kpi.allocated", lang): [fmt.baht(v, lang) for v in behind["allocated"]],
                }
            ),
            hide_index=True,
            width="stretch",
        )
