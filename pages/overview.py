"""Overview (executives): headline KPIs against the same point of last year, a summary that names
the provinces behind, the province map with rankings against the target, and the trend. Narrowed
to one province, the province beside its region and the nation instead of rankings."""

import streamlit as st

from assets.i18n import t
from data_access import budget, exporter, geo, kpi_definitions, kpis, rankings, targets
from ui import (
    cards,
    chart_view,
    charts,
    downloads,
    headline,
    layout,
    overview_view,
    province_links,
    session,
    summary,
    url_state,
)
from ui import format as fmt

MAP_KPIS = (
    "skill_use_rate",
    "disbursement_rate",
    "income_gain_mean",
    "completion_rate",
    "followup_coverage",
    "higher_income_share",
    "employment_rate",
    "target_attainment",
    "participants",
    "cost_per_completer",
    "payback_months",
)

province_links.follow()
ctx = session.context()
lang, sel, db, scope = ctx.lang, ctx.selection, ctx.db, ctx.scope
min_n = ctx.settings.min_n
fy = sel.fiscal_years[0]

layout.page_header(ctx, "overview.title")

now = kpis.kpi_table(db, sel, scope, medians=False).iloc[0]
before = kpis.same_point_last_year(db, sel, scope, medians=False).iloc[0]
goals = targets.metric_targets(db, sel, scope)

layout.stop_when_empty(now["participants"] == 0 and fmt.missing(now["allocated"]), lang)

quarter, disbursement = budget.province_disbursement(db, sel, scope)
facts = summary.overview_facts(fy, now, before, quarter, disbursement, sel.previous_year().as_of)
st.markdown(summary.overview_summary(facts, lang))
overview_view.lagging_list(disbursement, quarter, lang)
cards.kpi_cards(headline.headline_cards(now, before, goals, sel, lang), lang, sel, kpis.has_data(before))

st.subheader(t("overview.map_heading", lang))
url_state.seed("kpi", list(MAP_KPIS), MAP_KPIS[0])
kpi = st.selectbox(
    t("overview.map_kpi", lang),
    MAP_KPIS,
    format_func=lambda k: t(f"kpi.{k}", lang),
    key="kpi",
    width=360,
    persist_state="session",
)
url_state.publish("kpi", kpi, MAP_KPIS[0])
overview_view.kpi_explained(kpi, lang)
downloads.brief_download(ctx, kpi)
if sel.skills and not kpi_definitions.applies_to_skills(kpi):
    st.info(t("overview.not_for_skill", lang, kpi=t(f"kpi.{kpi}", lang)), icon="ℹ️")
    st.stop()

by_province = kpis.kpi_table(db, sel, scope, ("province",), medians=False)
ranked = rankings.ranked(by_province, kpi, min_n)
target = overview_view.kpi_target(kpi, goals, sel)
below = overview_view.below_target(by_province, kpi, target, disbursement)
map_title = t("overview.map_title", lang, kpi=t(f"kpi.{kpi}", lang), year=fy)
if len(by_province) == 1:
    names = exporter.level_names(by_province["province"].iloc[0], lang)
    overview_view.province_beside_region_and_nation(db, sel, scope, kpi, lang, target, names)
    st.stop()

left, right = st.columns([3, 2], gap="large")
tile_fig = charts.tile_map(by_province, kpi, lang, map_title, set(ranked["province"]), below)
chart_view.show(
    tile_fig,
    "province_map",
    where=left,
    on_select=lambda: province_links.open_from_map("province_map"),
    selection_mode="points",
    image=False,
)
left.caption(t("overview.map_note", lang, n=min_n))
downloads.map_image_download(ctx, by_province, kpi, where=left)
boundaries = geo.province_geojson(ctx.settings.province_geojson)
if boundaries is not None:
    with left.expander(t("overview.choropleth", lang)):
        chart_view.show(charts.choropleth(by_province, boundaries, kpi, lang, map_title), "choropleth")
overview_view.rankings(ranked, kpi, lang, target, below, right, min_n)

st.selectbox(
    t("overview.open_province", lang),
    ["", *by_province["province"]],
    format_func=lambda c: fmt.province_name(c, lang) if c else t("overview.pick_province", lang),
    key="open_province",
    on_change=province_links.open_from_select,
    args=("open_province",),
    width=360,
)

years = tuple(range(fy - 4, fy + 1))
history = kpis.kpi_table(db, sel.replace(fiscal_years=years), scope, ("fiscal_year",), medians=False)
trend_title = t("overview.trend_title", lang, kpi=t(f"kpi.{kpi}", lang), first=years[0], last=years[-1])
chart_view.show(charts.trend(history, kpi, lang, trend_title), "trend")
