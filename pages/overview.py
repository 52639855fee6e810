"""Overview (executives): headline KPIs, a summary in words, the province map, the best and worst
provinces and the five-year trend."""

import streamlit as st

from assets.i18n import t
from data_access import budget, geo, kpis, targets
from ui import cards, charts, downloads, headline, layout, province_links, session, summary, url_state
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
RANKED = 10

province_links.follow()
ctx = session.context()
lang, sel, db, scope = ctx.lang, ctx.selection, ctx.db, ctx.scope
min_n = ctx.settings.min_n
fy = sel.fiscal_years[0]

layout.page_header(ctx, "overview.title")

now = kpis.kpi_table(db, sel, scope, medians=False).iloc[0]
before = kpis.kpi_table(db, sel.previous_year(), scope, medians=False).iloc[0]
goals = targets.metric_targets(db, sel, scope)

layout.stop_when_empty(now["participants"] == 0 and fmt.missing(now["allocated"]), lang)

quarter, disbursement = budget.province_disbursement(db, sel, scope)
st.markdown(summary.overview_summary(summary.overview_facts(fy, now, before, quarter, disbursement), lang))
cards.kpi_cards(headline.headline_cards(now, before, goals, sel, lang), lang, previous_year=fy - 1)

st.subheader(t("overview.map_heading", lang))
url_state.seed("kpi", list(MAP_KPIS), MAP_KPIS[0])
kpi = st.selectbox(
    t("overview.map_kpi", lang), MAP_KPIS, format_func=lambda k: t(f"kpi.{k}", lang), key="kpi", width=360
)
url_state.publish("kpi", kpi, MAP_KPIS[0])
downloads.brief_download(ctx, kpi)

by_province = kpis.kpi_table(db, sel, scope, ("province",), medians=False)
ranked = kpis.ranked(by_province, kpi, min_n)
map_title = t("overview.map_title", lang, kpi=t(f"kpi.{kpi}", lang), year=fy)
left, right = st.columns([3, 2], gap="large")
with left:
    tile_fig = charts.tile_map(by_province, kpi, lang, map_title, set(ranked["province"]))
    st.plotly_chart(
        tile_fig,
        key="province_map",
        on_select=lambda: province_links.open_from_map("province_map"),
        selection_mode="points",
        config={"displayModeBar": False},
    )
    st.caption(t("overview.map_note", lang, n=min_n))
    boundaries = geo.province_geojson(ctx.settings.province_geojson)
    if boundaries is not None:
        with st.expander(t("overview.choropleth", lang)):
            st.plotly_chart(
                charts.choropleth(by_province, boundaries, kpi, lang, map_title), key="choropleth"
            )
with right:
    name = t(f"kpi.{kpi}", lang)
    top = ranked.head(RANKED)
    bottom = ranked.tail(RANKED).iloc[::-1]
    st.plotly_chart(
        charts.bars(
            top, "province", kpi, lang, t("overview.top", lang, n=RANKED, kpi=name), fmt.province_name
        ),
        key="top",
    )
    st.plotly_chart(
        charts.bars(
            bottom,
            "province",
            kpi,
            lang,
            t("overview.bottom", lang, n=RANKED, kpi=name),
            fmt.province_name,
        ),
        key="bottom",
    )

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
st.plotly_chart(
    charts.trend(
        history, kpi, lang, t("overview.trend_title", lang, kpi=name, first=years[0], last=years[-1])
    ),
    key="trend",
)
