"""Chart builders of the Labour situation page: a tidy frame in, a Plotly figure out (pure).

Periods are labelled with their calendar months and BE year (ม.ค.–มี.ค. 2566), never as fiscal
quarters. The tiles reuse ui.charts' province layout; titles and frames are ui.charts' too.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from assets.i18n import t
from data_access.labour import catalogue, periods
from ui import charts, tiles
from ui import format as fmt
from ui import labour_words as words
from ui.figure_cache import remembered

BAND = "rgba(27, 79, 156, 0.18)"
DIVERGING = [[0, "#2e7d4f"], [0.5, "#f4f4f4"], [1, charts.RED]]


def value_text(indicator: str, value, lang: str) -> str:
    """A figure as the page writes it: a rate in per cent, a count with separators."""
    if catalogue.indicator(indicator).kind == catalogue.RATE:
        return fmt.percent(value, 1)
    return fmt.number(value)


def _tick_format(indicator: str) -> str:
    return ".1%" if catalogue.indicator(indicator).kind == catalogue.RATE else ",.0f"


@remembered
def unemployment_tiles(latest: pd.DataFrame, lang: str, title: str, change: bool = False) -> go.Figure:
    """The provinces' unemployment rate (or its change on a year earlier, in percentage points)."""
    at = tiles.layout().merge(latest, left_on="code", right_on="province_code")  # only the scope's
    column = "change" if change else "value"
    values = at[column] * 100
    labels = [fmt.NO_DATA if fmt.missing(v) else (f"{v:+.1f}" if change else f"{v:.1f}") for v in values]
    hover = [
        f"<b>{fmt.province_name(row.code, lang)}</b><br>"
        f"{words.rate_line(row.value, row.year_earlier, row.period, lang)}"
        for row in at.itertuples()
    ]
    unit = t("labour.axis.points", lang) if change else t("labour.axis.percent", lang)
    colorbar = {"title": {"text": unit, "side": "top"}, "ticksuffix": "" if change else "%"}
    if change:
        limit = max(float(values.abs().max()), 0.1) if values.notna().any() else 1.0
        fig = charts.value_tiles(at, values, labels, hover, colorbar, title, scale=DIVERGING)
        fig.update_traces(zmin=-limit, zmax=limit, selector={"type": "heatmap", "showscale": True})
        return fig
    return charts.value_tiles(at, values, labels, hover, colorbar, title, reversescale=False)


@remembered
def fan(history: pd.DataFrame, ahead: pd.DataFrame, indicator: str, lang: str, title: str) -> go.Figure:
    """The series, then its forecast as a line in an 80 % band; x labels are the periods' months."""
    label = {code: periods.period_label(code, lang) for code in [*history["period"], *ahead["period"]]}
    x_history = [label[c] for c in history["period"]]
    fig = go.Figure()
    if not ahead.empty:
        x_ahead = [label[c] for c in ahead["period"]]
        fig.add_trace(
            go.Scatter(
                x=[*x_ahead, *x_ahead[::-1]],
                y=[*ahead["high"], *ahead["low"][::-1]],
                fill="toself",
                fillcolor=BAND,
                line={"width": 0},
                hoverinfo="skip",
                name=t("labour.chart.band", lang),
            )
        )
        joined = [x_history[-1], *x_ahead] if x_history else x_ahead
        start = [history["value"].iloc[-1]] if x_history else []
        fig.add_trace(
            go.Scatter(
                x=joined,
                y=[*start, *ahead["estimate"]],
                mode="lines+markers",
                line={"color": charts.BLUE, "dash": "dash"},
                name=t("labour.chart.forecast", lang),
                hovertemplate="%{x}: %{y:" + _tick_format(indicator) + "}<extra></extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=x_history,
            y=history["value"],
            mode="lines",
            line={"color": "#1d2733"},
            name=t("labour.chart.actual", lang),
            hovertemplate="%{x}: %{y:" + _tick_format(indicator) + "}<extra></extra>",
        )
    )
    fig.update_xaxes(
        type="category", categoryorder="array", categoryarray=list(dict.fromkeys(label.values()))
    )
    fig.update_xaxes(nticks=12, tickangle=-45, showgrid=False)
    fig.update_yaxes(tickformat=_tick_format(indicator), gridcolor=charts.GREY, rangemode="tozero")
    return charts._if_empty(charts._frame_figure(fig, title, height=380), len(history), lang)


@remembered
def need_reach(provinces: pd.DataFrame, nation: pd.Series, need: str, lang: str, title: str) -> go.Figure:
    """Provinces by need (y) and reach (x), split at the nation's values, each corner named."""
    shown = provinces.dropna(subset=["need", "reach"])
    rate = need == "unemployment_rate"
    fig = go.Figure(
        go.Scatter(
            x=shown["reach"],
            y=shown["need"],
            mode="markers+text" if len(shown) <= 20 else "markers",
            text=[fmt.province_name(c, lang) for c in shown["province_code"]],
            textposition="top center",
            marker={"color": charts.BLUE, "size": 9, "opacity": 0.8},
            hovertext=[words.need_reach_hover(row, need, lang) for _, row in shown.iterrows()],
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
        )
    )
    if not fmt.missing(nation["need"]) and not fmt.missing(nation["reach"]):
        fig.add_hline(y=nation["need"], line={"color": charts.GREY, "dash": "dot"})
        fig.add_vline(x=nation["reach"], line={"color": charts.GREY, "dash": "dot"})
        for key, x, y in (
            ("high_need_low_reach", 0.01, 0.99),
            ("high_need_high_reach", 0.99, 0.99),
            ("low_need_low_reach", 0.01, 0.01),
            ("low_need_high_reach", 0.99, 0.01),
        ):
            fig.add_annotation(
                text=t(f"labour.quadrant.{key}", lang),
                x=x,
                y=y,
                xref="paper",
                yref="paper",
                xanchor="left" if x < 0.5 else "right",
                yanchor="top" if y > 0.5 else "bottom",
                showarrow=False,
                font={"size": 12, "color": charts.RED if key == "high_need_low_reach" else "#5b6675"},
            )
    fig.update_xaxes(title=t("labour.axis.reach", lang), gridcolor=charts.GREY, rangemode="tozero")
    fig.update_yaxes(
        title=t(f"labour.need.{need}", lang), tickformat=".1%" if rate else ",.1f", gridcolor=charts.GREY
    )
    return charts._if_empty(charts._frame_figure(fig, title, height=420), len(shown), lang)
