"""Skill to income: did people use the skill and earn more? By skill category and province, the
spread of gains, occupations after training, payback, and cost against gain."""

import streamlit as st

from assets.i18n import t
from data_access import kpis, outcomes, rankings
from ui import chart_view, charts, layout, session, table_columns, table_view
from ui import format as fmt

ctx = session.context()
lang, sel, db, scope = ctx.lang, ctx.selection, ctx.db, ctx.scope
min_n = ctx.settings.min_n
fy = sel.fiscal_years[0]

layout.page_header(ctx, "skill.title")

now = kpis.kpi_table(db, sel, scope, medians=False).iloc[0]
layout.stop_when_empty(now["skill_followed_up"] == 0, lang)
st.markdown(
    t(
        "skill.lead",
        lang,
        use=fmt.percent(now["skill_use_rate"]),
        higher=fmt.percent(now["higher_income_share"]),
        gain=fmt.baht_per_month(now["income_gain_mean"], lang),
        payback=fmt.months(now["payback_months"], lang),
        n=fmt.number(now["paired"]),
    )
)

by_skill = kpis.kpi_table(db, sel, scope, ("skill",), medians=False)
by_province = kpis.kpi_table(db, sel, scope, ("province",), medians=False)
left, right = st.columns(2)
chart_view.show(
    charts.dumbbell(
        by_skill[by_skill["paired"] > 0],
        "skill",
        lang,
        t("skill.by_skill_title", lang, year=fy),
        fmt.skill_name,
    ),
    "skill_dumbbell",
    where=left,
)
chart_view.show(
    charts.gain_histogram(
        outcomes.gain_distribution(db, sel, scope), lang, t("skill.histogram_title", lang, year=fy)
    ),
    "histogram",
    where=right,
)

rates = st.columns(3)
for column, kpi in zip(rates, ("skill_use_rate", "higher_income_share", "payback_months"), strict=True):
    chart_view.show(
        charts.bars(
            rankings.ranked(by_skill, kpi, min_n),
            "skill",
            kpi,
            lang,
            t("skill.by_skill_kpi_title", lang, kpi=t(f"kpi.{kpi}", lang), year=fy),
            fmt.skill_name,
            n_on_bars=False,
        ),
        f"skill_{kpi}",
        where=column,
    )

table_view.show(
    ctx,
    by_skill.assign(name=[fmt.skill_name(s, lang) for s in by_skill["skill"]]),
    table_columns.skills(lang),
    f"skill_to_income_{fy}",
    key="skill_table",
    sheet=t("sheet.skill_income", lang, year=fy),
)

left, right = st.columns(2)
chart_view.show(
    charts.shares(
        outcomes.occupations(db, sel, scope),
        "occupation",
        lang,
        t("skill.occupation_title", lang, year=fy),
        "occupation",
    ),
    "occupations",
    where=left,
)
gainers = rankings.ranked(by_province, "income_gain_mean", min_n)
chart_view.show(
    charts.cost_against_gain(
        rankings.ranked(gainers, "cost_per_completer", min_n), lang, t("skill.cost_gain_title", lang, year=fy)
    ),
    "cost_gain",
    where=right,
)
chart_view.show(
    charts.dumbbell(
        gainers, "province", lang, t("skill.by_province_title", lang, year=fy), fmt.province_name
    ),
    "province_dumbbell",
)
st.caption(t("ranking.min_n_note", lang, n=min_n))
