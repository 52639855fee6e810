"""Labour situation: the ministry's labour figures beside the project's — the unemployment map, a
place's series with its forecast, the project's reach against need, and the latest values."""

import streamlit as st

from assets.i18n import t
from data_access import fiscal
from data_access.labour import catalogue, forecasts, queries, reach, situation
from ui import (
    chart_view,
    labour_charts,
    labour_forecasts,
    labour_words,
    layout,
    session,
    table_columns,
    table_view,
)
from ui import format as fmt

ctx = session.context()
lang, sel, db, scope = ctx.lang, ctx.selection, ctx.db, ctx.scope
layout.page_header(ctx, "labour.title")
if not situation.has_figures(db):
    st.info(t("labour.empty", lang), icon="ℹ️")
    st.stop()
version = labour_forecasts.ready(ctx)

latest = situation.latest_values(db, scope, "unemployment_rate", common_period=True)
if latest.empty:
    st.info(t("labour.empty_scope", lang), icon="ℹ️")
else:
    quarter = labour_words.period_label(latest["period"].iloc[0], lang)
    rate_map, change_map = st.columns(2)
    chart_view.show(
        labour_charts.unemployment_tiles(latest, lang, t("labour.map.rate_title", lang, period=quarter)),
        "rate_map",
        where=rate_map,
    )
    chart_view.show(
        labour_charts.unemployment_tiles(
            latest, lang, t("labour.map.change_title", lang, period=quarter), change=True
        ),
        "change_map",
        where=change_map,
    )

st.subheader(t("labour.series_heading", lang))
places = situation.places(scope)
pick_place, pick_indicator = st.columns(2)
place = pick_place.selectbox(
    t("labour.place", lang),
    places,
    index=places.index(labour_words.default_place(sel, scope, places)),
    format_func=lambda code: labour_words.place_name(code, lang),
    key="labour_place",
)
codes = [i.code for i in catalogue.INDICATORS]
indicator = pick_indicator.selectbox(
    t("labour.indicator", lang),
    codes,
    index=codes.index("unemployment_rate"),
    format_func=lambda code: catalogue.indicator(code).name(lang),
    key="labour_indicator",
)
name = catalogue.indicator(indicator).name(lang)
history = queries.series(db, scope, indicator, place)
ahead = forecasts.forecast(db, scope, indicator, place, version)
title = t("labour.chart.fan_title", lang, indicator=name, place=labour_words.place_name(place, lang))
chart_view.show(labour_charts.fan(history, ahead, indicator, lang, title), "fan")
st.info(labour_words.backtest_sentence(forecasts.fit(db, scope, indicator, place, version), lang), icon="🎯")

year = fiscal.latest_year(sel)
st.subheader(t("labour.reach_heading", lang, year=year))
need = st.radio(
    t("labour.need_label", lang),
    reach.NEEDS,
    format_func=lambda code: t(f"labour.need.{code}", lang),
    horizontal=True,
    key="labour_need",
)
provinces = reach.provinces(db, sel, scope, need)
totals = reach.totals(db, sel, scope, need).set_index("level")
cards = st.container(horizontal=True)
for where, row in labour_words.reach_cards(provinces, totals, lang):
    cards.metric(t("labour.reach.card", lang, place=where), fmt.number(row["reach"], 1), border=True)
    skill_users = fmt.number(row["skill_users_per_1000_unemployed"], 1)
    cards.metric(t("labour.reach.skill_card", lang, place=where), skill_users, border=True)
scatter_title = t("labour.chart.scatter_title", lang, need=t(f"labour.need.{need}", lang), year=year)
chart_view.show(
    labour_charts.need_reach(provinces, totals.loc["nation"], need, lang, scatter_title), "need_reach"
)
st.markdown(labour_words.high_need_low_reach(provinces, lang))

st.subheader(t("labour.latest_heading", lang, indicator=name))
rows = situation.latest_values(db, scope, indicator)
shown = rows.assign(
    place=[fmt.province_name(c, lang) for c in rows["province_code"]],
    period_label=[labour_words.period_label(p, lang) for p in rows["period"]],
)
kind = "percent" if catalogue.indicator(indicator).kind == catalogue.RATE else "number"
table_view.show(
    ctx, shown, table_columns.labour_latest(lang, name, kind), f"labour_{indicator}", key="labour_latest"
)
