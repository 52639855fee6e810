"""Budget use: allocated against disbursed by province and month, against the Cabinet's quarterly
targets; the provinces behind; money by skill category and cost per completer."""

import streamlit as st

from assets.i18n import t
from data_access import budget, fiscal, kpis, rankings
from ui import chart_view, charts, layout, session, table_columns, table_view
from ui import format as fmt

ctx = session.context()
lang, sel, db, scope = ctx.lang, ctx.selection, ctx.db, ctx.scope
min_n = ctx.settings.min_n
fy = fiscal.latest_year(sel)

layout.page_header(ctx, "budget.title")

now = kpis.kpi_table(db, sel, scope, medians=False).iloc[0]
layout.stop_when_empty(fmt.missing(now["disbursed"]) and fmt.missing(now["allocated"]), lang)
if sel.skills:
    st.info(t("budget.skill_note", lang), icon="ℹ️")

quarter, by_province = budget.province_disbursement(db, sel, scope)
target_text = t("budget.quarter_target", lang, quarter=quarter) if quarter else t("budget.no_quarter", lang)
chart_view.show(
    charts.disbursement_by_province(
        by_province,
        lang,
        t(
            "budget.by_province_title",
            lang,
            year=fy,
            as_of=fmt.thai_date(sel.as_of, lang),
            target=target_text,
        ),
    ),
    "by_province",
)

months = budget.monthly_progress(db, sel, scope)
chart_view.show(
    charts.cumulative_disbursement(
        months,
        budget.year_targets(db, sel, scope),
        lang,
        t("budget.monthly_title", lang, year=fy, previous=fy - 1),
    ),
    "monthly",
)

st.subheader(t("budget.lagging_heading", lang, quarter=quarter or "—"))
_, lagging = budget.lagging_provinces(db, sel, scope)
if sel.skills:
    st.info(t("budget.lagging_not_with_skill", lang), icon=":material/info:")
elif lagging.empty:
    st.success(t("budget.no_lagging", lang), icon="✅")
else:
    shown = lagging.assign(name=[fmt.province_name(c, lang) for c in lagging["province"]])
    table_view.show(
        ctx,
        shown,
        table_columns.lagging_provinces(lang),
        f"lagging_provinces_{fy}",
        key="lagging",
        sheet=t("sheet.lagging", lang, year=fy),
    )

st.subheader(t("budget.by_skill_heading", lang))
by_skill = kpis.kpi_table(db, sel, scope, ("skill",), medians=False)
left, right = st.columns(2)
chart_view.show(
    charts.bars(
        by_skill.sort_values("disbursed", ascending=False),
        "skill",
        "disbursed",
        lang,
        t("budget.skill_disbursed_title", lang, year=fy),
        fmt.skill_name,
    ),
    "skill_disbursed",
    where=left,
)
skill_cost = rankings.ranked(by_skill, "cost_per_completer", min_n)
chart_view.show(
    charts.bars(
        skill_cost,
        "skill",
        "cost_per_completer",
        lang,
        t("budget.skill_cost_title", lang, year=fy),
        fmt.skill_name,
    ),
    "skill_cost",
    where=right,
)

province_cost = rankings.ranked(
    kpis.kpi_table(db, sel, scope, ("province",), medians=False), "cost_per_completer", min_n
)
chart_view.show(
    charts.bars(
        province_cost,
        "province",
        "cost_per_completer",
        lang,
        t("budget.province_cost_title", lang, year=fy),
        fmt.province_name,
    ),
    "province_cost",
)
st.caption(t("ranking.min_n_note", lang, n=min_n))
