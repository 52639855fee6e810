"""Pure chart builders of the budget-planning page: tidy frame in, Plotly figure out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ui.figure_cache import remembered

FONT = "Sarabun, sans-serif"


@remembered
def interval_chart(
    labels: pd.Series, estimate: pd.Series, low: pd.Series, high: pd.Series, title: str
) -> go.Figure:
    """One row per label: a dot at the estimate and a line across its interval, largest first."""
    order = estimate.sort_values().index
    figure = go.Figure(
        go.Scatter(
            x=estimate[order],
            y=labels[order],
            mode="markers",
            marker={"size": 8, "color": "#1f4e8c"},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": (high - estimate)[order],
                "arrayminus": (estimate - low)[order],
                "color": "#7f9cc6",
                "thickness": 2,
                "width": 0,
            },
            hovertemplate="%{y}: %{x:,.0f}<extra></extra>",
        )
    )
    figure.update_layout(
        title=title,
        height=max(300, 18 * len(labels) + 80),
        margin={"l": 10, "r": 10, "t": 50, "b": 30},
        font={"family": FONT},
        xaxis={"tickformat": ",.0f", "rangemode": "tozero"},
    )
    return figure


@remembered
def quarter_chart(quarters: pd.DataFrame, paid: str, projected: str, target: str, title: str) -> go.Figure:
    """Bars of cumulative disbursement at each quarter's end: solid where paid, hatched and lighter
    where projected; the target as markers. `quarters` has columns quarter (label), value, target
    (baht) and actual (bool)."""
    done, ahead = quarters[quarters["actual"]], quarters[~quarters["actual"]]
    figure = go.Figure(
        [
            go.Bar(x=done["quarter"], y=done["value"], name=paid, marker_color="#1f4e8c"),
            go.Bar(
                x=ahead["quarter"],
                y=ahead["value"],
                name=projected,
                marker={"color": "#8fb0dc", "pattern": {"shape": "/", "fgcolor": "#1f4e8c"}},
            ),
            go.Scatter(
                x=quarters["quarter"],
                y=quarters["target"],
                name=target,
                mode="markers",
                marker={
                    "symbol": "line-ew-open",
                    "size": 40,
                    "color": "#c0392b",
                    "line": {"width": 3, "color": "#c0392b"},
                },
            ),
        ]
    )
    figure.update_layout(
        title=title,
        height=320,
        margin={"l": 10, "r": 10, "t": 50, "b": 30},
        font={"family": FONT},
        yaxis={"tickformat": ",.0f"},
        legend={"orientation": "h"},
        barmode="overlay",
    )
    return figure
