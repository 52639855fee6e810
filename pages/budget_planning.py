"""Budget planning: next year's proposal with honest 80 % intervals, how well the method did in
past years, and whether provinces will reach this quarter's disbursement target."""

import streamlit as st

from assets.i18n import t
from data_access import fiscal
from data_access.errors import UserError
from data_access.labour import catalogue, need
from data_access.planning import backtest, forecast, proposal
from ui import chart_view, describe, downloads, labour_forecasts, planning_view, session
from ui import format as fmt

ctx = session.context()
db, scope, lang, sel = ctx.db, ctx.scope, ctx.lang, ctx.selection

try:
    years = proposal.fit_years(db, sel)
    actuals = proposal.recent_actuals(db, sel, scope)
except UserError as error:
    st.title(t("page.budget_planning", lang))
    st.info(error.message(lang), icon=":material/info:")
    st.stop()

plan_year = fiscal.latest_year(sel) + 1
st.title(t("planning.title", lang, year=plan_year))
place = describe.place(sel.replace(skills=()), ctx.scope, lang)
st.caption(t("planning.caption", lang, place=place, years=", ".join(str(y) for y in years)))
if sel.skills:
    st.info(t("planning.skill_ignored", lang), icon=":material/info:")
with st.expander(t("planning.methods", lang), icon=":material/help:"):
    for part in ("pooling", "intervals", "shares", "need", "backtest", "forecast"):
        st.markdown(t(f"planning.method.{part}", lang))

# --- the proposal ----------------------------------------------------------------------------
left, right = st.columns([3, 2])
basis = left.segmented_control(
    t("planning.basis", lang),
    proposal.BASES,
    format_func=lambda b: t(f"planning.basis.{b}", lang),
    default="last_year",
    required=True,
    key="plan_basis",
)
budget = right.number_input(
    t("planning.budget", lang),
    min_value=0.0,
    value=float(round(actuals["allocation"].sum())),
    step=100_000.0,
    format="%.0f",
    disabled=basis == "custom",
    key="plan_budget",
)
right.caption(t("planning.budget_reads", lang, amount=fmt.number(budget)))
amounts, need_indicator, blend = (), need.INDICATORS[0], 0.0
if basis == "custom":
    st.caption(t("planning.amounts_help", lang))
    amounts = planning_view.amounts_editor(actuals, lang)
if basis == "need":
    need_left, need_right = st.columns([3, 2])
    need_indicator = need_left.radio(
        t("planning.need_indicator", lang),
        need.INDICATORS,
        format_func=lambda code: catalogue.indicator(code).name(lang),
        horizontal=True,
        key="plan_need",
    )
    blend = need_right.slider(t("planning.blend", lang), 0.0, 1.0, 0.0, 0.1, key="plan_blend")
    labour_forecasts.ready(ctx)
try:
    plan = proposal.proposal(db, sel, scope, budget, basis, amounts, need_indicator, blend)
except UserError as error:
    st.info(error.message(lang), icon=":material/info:")
    st.stop()

st.subheader(t("planning.expected", lang))
planning_view.total_cards(plan, lang)
st.subheader(t("planning.by_province", lang))
st.dataframe(planning_view.plan_table(plan, lang), hide_index=True)
downloads.workbook_download(
    ctx,
    t("planning.download", lang),
    lambda: planning_view.annex_workbook(plan, lang),
    f"budget_plan_FY{plan_year}.xlsx",
    key="plan_download",
    rows=len(plan.provinces),
)
if len(plan.provinces) > 1:
    chart_view.show(planning_view.skill_users_figure(plan, lang), "plan_chart")

with st.expander(t("planning.rates", lang)):
    st.caption(t("planning.rates_province", lang))
    province_rates = proposal.expected_rates(db, sel, scope, "province")
    st.dataframe(planning_view.rates_table(province_rates, "province", lang), hide_index=True)
    st.caption(t("planning.rates_skill", lang))
    skill_rates = proposal.expected_rates(db, sel, scope, "skill")
    st.dataframe(planning_view.rates_table(skill_rates, "skill", lang), hide_index=True)

# --- how the method did in past years --------------------------------------------------------
st.subheader(t("planning.backtest", lang))
checks = backtest.backtest(db, sel, scope)
if checks.empty:
    st.info(t("planning.backtest_none", lang), icon=":material/info:")
else:
    tested = ", ".join(str(y) for y in sorted(checks["fiscal_year"].unique()))
    st.caption(t("planning.backtest_caption", lang, years=tested, checks=len(checks)))
    figures = backtest.summary(checks)
    if figures["years"] < backtest.YEARS_TO_JUDGE:
        st.warning(t("planning.backtest_few", lang, years=figures["years"]), icon=":material/warning:")
    planning_view.backtest_cards(figures, lang)
    st.dataframe(planning_view.backtest_table(checks, lang), hide_index=True)

# --- this year's disbursement ----------------------------------------------------------------
st.subheader(t("planning.forecast", lang, year=fiscal.fiscal_year(sel.as_of)))
outlook = forecast.forecast(db, sel, scope)
planning_view.forecast_summary(outlook, lang)
chart_view.show(planning_view.quarter_figure(outlook, lang), "forecast_chart")
st.dataframe(planning_view.forecast_table(outlook, lang), hide_index=True)
