"""Chart builders: a tidy frame in, a Plotly figure out. Pure (no Streamlit), so tests build them.

Every figure has a title saying what it shows and its unit, Buddhist-Era years, labels in the
page's language, and text already formatted by `ui.format` ("—" for no data). Province names go
on horizontal bars tall enough to read all 77; nothing here fetches anything from the internet.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from assets.i18n import t
from data_access import fiscal, geo, kpi_definitions, kpi_words
from ui import format as fmt
from ui import tiles
from ui.figure_cache import remembered

FONT = "Sarabun, sans-serif"
BLUE, LIGHT, GREY, RED = "#1b4f9c", "#c9d6ea", "#d9dde3", "#c0392b"
SERIES = (BLUE, "#e08e0b", "#6b7685")
ROW_PX = 22  # height of one bar in a chart with a bar per province or category
LABEL_ROOM = 1.35  # a value axis runs this far past the longest bar, so its label is not cut


TARGET_LABEL_PX = 40  # top margin that holds a target line's label (12 px text, two-line Thai marks)


def _frame_figure(fig: go.Figure, title: str, height: int) -> go.Figure:
    """Fonts, margins and the title. Pages draw the title as text above the chart
    (ui.chart_view), where it wraps at the chart's width; the top margin leaves room for a legend."""
    legend = any(trace.showlegend is not False for trace in fig.data) and len(fig.data) > 1
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 15}},
        font={"family": FONT, "size": 13},
        height=height,
        margin={"l": 10, "r": 24, "t": 40 if legend else 16, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
        plot_bgcolor="white",
        hoverlabel={"font": {"family": FONT, "size": 13, "color": "#1d2733"}, "bgcolor": "white"},
    )
    return fig


def _if_empty(fig: go.Figure, rows: int, lang: str) -> go.Figure:
    """A chart with nothing to draw says so in its middle, instead of showing empty axes."""
    if rows == 0:
        fig.add_annotation(
            text=t("chart.nothing", lang),
            x=0.5,
            y=0.5,
            xref="paper",
            yref="paper",
            showarrow=False,
            font={"size": 14, "color": "#5b6675"},
        )
        fig.update_xaxes(visible=False)
        fig.update_yaxes(visible=False)
    return fig


def kpi_axis_title(kpi: str, lang: str, unit: str | None = None) -> str:
    """The KPI's name with its unit (from its kind in kpi_definitions.KPIS, unless `unit` names
    another), for an axis or a colour bar."""
    kind = kpi_definitions.kind(kpi)
    name = t(f"kpi.{kpi}", lang)
    if unit is None and kind == "rate":
        return f"{name} (%)"
    return f"{name} ({t(unit or kpi_words.UNITS[kind], lang)})"


MILLION = 1_000_000


def money_scale(*amounts) -> int:
    """1 (baht), or a million when the largest amount reaches a million baht: the axis is then in
    million baht and so are the labels beside its bars, so a chart speaks one unit."""
    largest = max((float(pd.Series(a, dtype=float).abs().max()) for a in amounts if len(a)), default=0.0)
    return MILLION if largest >= MILLION else 1


def _value_axis(kpi: str) -> dict:
    return {"tickformat": ".0%"} if kpi in kpi_definitions.RATES else {"tickformat": ",.0f"}


def province_hover(row: pd.Series, kpi: str, lang: str) -> str:
    """A province's figures on hover: the chosen KPI with its n, then the headline KPIs."""
    shown = [kpi] + [
        k for k in ("participants", "skill_use_rate", "income_gain_mean", "disbursement_rate") if k != kpi
    ]
    lines = [f"<b>{fmt.province_name(row['province'], lang)}</b>"]
    for key in shown:
        lines.append(f"{t(f'kpi.{key}', lang)}: {fmt.kpi(key, row[key], lang)}")
    if kpi in kpi_definitions.BASE_COUNT:
        lines[1] += f" ({t('card.n', lang, n=fmt.number(row[kpi_definitions.BASE_COUNT[kpi]]))})"
    return "<br>".join(lines)


TILE_PX = 58  # a tile's side on the whole country's map: room for a short name and a value
REGION_MAP_PX = 600  # a region's few tiles grow to fill about this width, up to MAX_TILE_PX each
MAX_TILE_PX = 110


@remembered
def tile_map(
    table: pd.DataFrame,
    kpi: str,
    lang: str,
    title: str,
    ranked_codes: set[str],
    below: set[str] = frozenset(),
) -> go.Figure:
    """The provinces of `table` as equal tiles coloured by `kpi` (grey: no data), each with its
    short name and value. A value on too few people to be ranked (not in `ranked_codes`) is
    marked with *; a province below its target (`below`) has a red frame and red text."""
    at = tiles.layout().merge(table, left_on="code", right_on="province")
    few = at[kpi].notna() & ~at["code"].isin(ranked_codes)
    labels = [
        f"{tiles.short_name(code, lang)}<br>{fmt.compact(kpi, v)}{'*' if f else ''}"
        for code, v, f in zip(at["code"], at[kpi], few, strict=True)
    ]
    hover = [province_hover(row, kpi, lang) for _, row in at.iterrows()]
    colorbar = {"title": {"text": kpi_axis_title(kpi, lang), "side": "top"}, **_value_axis(kpi)}
    reverse = kpi in kpi_definitions.LOWER_IS_BETTER
    flagged = at["code"].isin(below)
    return value_tiles(at, at[kpi], labels, hover, colorbar, title, reversescale=reverse, flagged=flagged)


def value_tiles(
    at: pd.DataFrame,
    values: pd.Series,
    labels: list[str],
    hover: list[str],
    colorbar: dict,
    title: str,
    scale: list | None = None,
    reversescale: bool = False,
    flagged: pd.Series | None = None,
) -> go.Figure:
    """Tiles of the province layout (`at`: code, row, col, one row per province) coloured by
    `values` (grey: none), each with its label and hover text; customdata is the province code.
    The grid is cut to the provinces in `at`, so a region's tiles fill the chart at a readable
    size; labels on dark tiles are white; `flagged` tiles get a red frame and red text."""
    at = at.assign(row=at["row"] - at["row"].min(), col=at["col"] - at["col"].min())
    shape = (int(at["row"].max()) + 1, int(at["col"].max()) + 1)
    side = min(MAX_TILE_PX, max(TILE_PX, REGION_MAP_PX // shape[1]))
    flagged = pd.Series(False, index=at.index) if flagged is None else flagged
    dark = _dark_tiles(values, reversescale)
    base, value = _grid(at, shape, pd.Series(1.0, index=at.index)), _grid(at, shape, values)
    fig = go.Figure(
        [
            go.Heatmap(
                z=base, colorscale=[[0, GREY], [1, GREY]], showscale=False, hoverinfo="skip", xgap=3, ygap=3
            ),
            go.Heatmap(
                z=value,
                colorscale=scale or [[0, "#e7eef8"], [1, BLUE]],
                reversescale=reversescale,
                hoverinfo="skip",
                xgap=3,
                ygap=3,
                colorbar={
                    "orientation": "h",
                    "y": 0,
                    "yanchor": "top",
                    "ypad": 28,
                    "thickness": 12,
                    **colorbar,
                },
            ),
            go.Scatter(
                x=at["col"],
                y=at["row"],
                mode="markers+text",
                text=labels,
                textfont={
                    "size": 10 if side < 80 else 13,
                    "color": [
                        RED if flag else ("white" if d else "#1d2733")
                        for flag, d in zip(flagged, dark, strict=True)
                    ],
                },
                marker={
                    "symbol": "square-open",
                    "size": side * 0.86,
                    "color": "rgba(0,0,0,0)",
                    "line": {"width": 3},
                },
                customdata=at["code"],
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
                showlegend=False,
            ),
        ]
    )
    # a flagged tile's red frame drawn in the tiles' own units, so it fits the tile at any width (a
    # marker is sized in pixels, and was larger than the tiles of a narrow column); a trace that
    # takes no hover or click, after the tiles' own
    xs, ys = [], []
    for c, r in zip(at.loc[flagged, "col"], at.loc[flagged, "row"], strict=True):
        xs += [c - 0.46, c + 0.46, c + 0.46, c - 0.46, c - 0.46, None]
        ys += [r - 0.46, r - 0.46, r + 0.46, r + 0.46, r - 0.46, None]
    fig.add_trace(
        go.Scatter(
            x=xs, y=ys, mode="lines", line={"color": RED, "width": 3}, hoverinfo="skip", showlegend=False
        )
    )
    hidden = {"visible": False, "fixedrange": True}
    fig.update_xaxes(**hidden, range=[-0.5, shape[1] - 0.5], constrain="domain")
    fig.update_yaxes(**hidden, range=[shape[0] - 0.5, -0.5], scaleanchor="x", constrain="domain")
    fig.update_layout(dragmode=False, clickmode="event+select")
    fig = _frame_figure(fig, title, height=shape[0] * side + 150)
    return fig.update_layout(margin={"b": 90})


def _dark_tiles(values: pd.Series, reversed_scale: bool) -> list[bool]:
    """Tiles whose colour is dark enough to need white text (the upper part of the scale)."""
    if values.notna().sum() < 2:
        return [False] * len(values)
    share = (values - values.min()) / (values.max() - values.min() or 1)
    if reversed_scale:
        share = 1 - share
    return [bool(v > 0.6) for v in share.fillna(0)]


def _grid(at: pd.DataFrame, shape: tuple[int, int], values: pd.Series) -> list[list[float | None]]:
    grid: list[list[float | None]] = [[None] * shape[1] for _ in range(shape[0])]
    for row, col, value in zip(at["row"], at["col"], values, strict=True):
        grid[int(row)][int(col)] = None if pd.isna(value) else float(value)
    return grid


@remembered
def bars(
    frame: pd.DataFrame,
    label: str,
    kpi: str,
    lang: str,
    title: str,
    name_of,
    *,
    target: float | None = None,
    below: set[str] = frozenset(),
    value_range: tuple[float, float] | None = None,
    n_on_bars: bool = True,
) -> go.Figure:
    """Horizontal bars of `kpi`, one per row in the frame's order (first on top), with the value
    and, for a rate, the people behind it (`n`) as text (in the hover only, without `n_on_bars`:
    a chart a third of the page wide has no room for it and a table beside it gives n).
    `target` draws the target as a line; rows in `below` (codes) are drawn red; `value_range`
    gives several charts one scale."""
    names = [name_of(code, lang) for code in frame[label]]
    money = kpi_definitions.kind(kpi) == "baht"
    scale = money_scale(frame[kpi], value_range or ()) if money else 1
    text = [fmt.kpi(kpi, v, lang) if scale == 1 else fmt.number(v / scale, 2) for v in frame[kpi]]
    hover = text
    if kpi in kpi_definitions.BASE_COUNT and "n" in frame:
        hover = [f"{v} (n={fmt.number(n)})" for v, n in zip(text, frame["n"], strict=True)]
    fig = go.Figure(
        go.Bar(
            x=frame[kpi] / scale,
            y=names,
            orientation="h",
            marker_color=[RED if code in below else BLUE for code in frame[label]],
            text=hover if n_on_bars else text,
            hovertext=hover,
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{hovertext}<extra></extra>",
        )
    )
    if target is not None and not fmt.missing(target):
        fig.add_vline(
            x=target / scale,
            line={"color": "#1d2733", "dash": "dash", "width": 2},
            annotation={
                "text": t("chart.target_line", lang, value=fmt.kpi(kpi, target, lang)),
                "font": {"size": 12},
            },
            annotation_position="top",
        )
    fig.update_yaxes(autorange="reversed", automargin=True)
    if scale == 1:
        fig.update_xaxes(title=kpi_axis_title(kpi, lang), **_value_axis(kpi))
    else:
        fig.update_xaxes(title=kpi_axis_title(kpi, lang, "unit.million_baht"), tickformat=",.2~f")
    value_range = value_range or shared_range(kpi, frame, target=target)
    fig.update_xaxes(range=[v / scale for v in value_range])
    height = max(len(frame), 3) * ROW_PX + 140 + (24 if target is not None else 0)
    fig = _frame_figure(_if_empty(fig, len(frame), lang), title, height=height)
    if target is not None:  # the target's label sits above the plot: room for it inside the chart
        fig.update_layout(margin_t=TARGET_LABEL_PX)
    return fig


def shared_range(kpi: str, *frames: pd.DataFrame, target: float | None = None) -> tuple[float, float]:
    """One value axis for several bar charts of `kpi` (top and bottom lists), from 0 (or the
    lowest value, if negative) to the highest value or target, with room for the value labels
    written beyond the bars' ends."""
    values = pd.concat([f[kpi] for f in frames]).dropna()
    if target is not None and not fmt.missing(target):
        values = pd.concat([values, pd.Series([target])])
    if values.empty:
        return (0.0, 1.0)
    low, high = min(0.0, float(values.min())), max(0.0, float(values.max()))
    return (low * LABEL_ROOM, high * LABEL_ROOM or 1.0)


@remembered
def trend(
    frame: pd.DataFrame, kpi: str, lang: str, title: str, series: str | None = None, name_of=None
) -> go.Figure:
    """`kpi` by fiscal year (BE), one line per value of `series` (or a single line). Years before
    the first with a value are left out, so a series starting in FY2564 does not span four
    empty years; with no value at all the chart says so."""
    known = frame.loc[frame[kpi].notna(), "fiscal_year"]
    frame = frame[frame["fiscal_year"] >= known.min()] if len(known) else frame.iloc[0:0]
    fig = go.Figure()
    groups = list(frame.groupby(series, sort=False)) if series else [(None, frame)]
    for i, (key, rows) in enumerate(groups):
        rows = rows.sort_values("fiscal_year")
        fig.add_trace(
            go.Scatter(
                x=[t("chart.fy_short", lang, year=y) for y in rows["fiscal_year"]],
                y=rows[kpi],
                mode="lines+markers+text" if len(groups) == 1 else "lines+markers",
                name=name_of(key, lang) if name_of else t(f"kpi.{kpi}", lang),
                line={
                    "color": SERIES[i % len(SERIES)],
                    "width": 3 if i == 0 else 2,
                    "dash": "solid" if i == 0 else "dot",
                },
                text=[fmt.compact(kpi, v) for v in rows[kpi]],
                textposition="top center",
                hovertext=[fmt.kpi(kpi, v, lang) for v in rows[kpi]],
                hovertemplate="%{x}: %{hovertext}<extra>%{fullData.name}</extra>",
            )
        )
    fig.update_yaxes(title=kpi_axis_title(kpi, lang), rangemode="tozero", **_value_axis(kpi))
    fig.update_xaxes(type="category")
    return _frame_figure(_if_empty(fig, len(frame), lang), title, height=360)


@remembered
def disbursement_by_province(table: pd.DataFrame, lang: str, title: str) -> go.Figure:
    """Allocated and disbursed money per province, lowest rate on top, with the quarter's target
    amount as a tick; a province below its target is drawn in red, and the legend says so. With a
    bar per province the chart is tall: its money axis is written above the bars and below them."""
    rows = table.sort_values("disbursement_rate", na_position="first", kind="stable")
    names = [fmt.province_name(c, lang) for c in rows["province"]]
    scale = money_scale(rows["allocated"], rows["disbursed"])
    hover = [
        t(
            "chart.budget.hover",
            lang,
            rate=fmt.percent(r),
            target=fmt.percent(g),
            allocated=fmt.baht(a, lang),
            disbursed=fmt.baht(d, lang),
        )
        for r, g, a, d in zip(
            rows["disbursement_rate"],
            rows["disbursement_target"],
            rows["allocated"],
            rows["disbursed"],
            strict=True,
        )
    ]
    behind = rows["below_target"].fillna(False).astype(bool).to_numpy()
    fig = go.Figure(
        go.Bar(
            y=names,
            x=rows["allocated"] / scale,
            orientation="h",
            name=t("kpi.allocated", lang),
            marker_color=LIGHT,
            hovertext=hover,
            hovertemplate="<b>%{y}</b><br>%{hovertext}<extra></extra>",
        )
    )
    for key, colour, chosen in (
        ("chart.budget.on_track", BLUE, ~behind),
        ("chart.budget.behind", RED, behind),
    ):
        if chosen.any():
            fig.add_trace(
                go.Bar(
                    y=[n for n, c in zip(names, chosen, strict=True) if c],
                    x=(rows["disbursed"] / scale)[chosen],
                    orientation="h",
                    name=t(key, lang),
                    marker_color=colour,
                    width=0.5,
                    hoverinfo="skip",
                )
            )
    fig.add_trace(
        go.Scatter(
            y=names,
            x=rows["disbursement_target_amount"] / scale,
            mode="markers",
            name=t("chart.budget.target", lang),
            marker={"symbol": "line-ns-open", "size": 16, "line": {"width": 3}, "color": "#1d2733"},
            hoverinfo="skip",
        )
    )
    largest = pd.concat([rows["allocated"], rows["disbursed"], rows["disbursement_target_amount"]]).max()
    axis = {
        "title": t("chart.axis.million_baht" if scale > 1 else "chart.axis.baht", lang),
        "tickformat": ",.2~f" if scale > 1 else ",.0f",
        "range": [0, (0 if fmt.missing(largest) else largest) / scale * 1.05 or 1],
    }
    fig.update_layout(barmode="overlay", xaxis2={**axis, "overlaying": "x", "side": "top"})
    fig.add_trace(  # an invisible point that makes Plotly draw the axis above the bars
        go.Scatter(
            x=[0], y=names[:1], xaxis="x2", mode="markers", opacity=0, showlegend=False, hoverinfo="skip"
        )
    )
    # a fixed range, first province on top: autorange padded each end by ~4 rows for the markers
    fig.update_yaxes(
        range=[len(names) - 0.5, -0.5], automargin=True, categoryorder="array", categoryarray=names
    )
    fig.update_layout(xaxis=axis)
    fig = _frame_figure(fig, title, height=len(rows) * ROW_PX + 160)
    # the legend at the chart's top edge, the upper money axis between it and the bars
    return fig.update_layout(margin_t=96, legend={"y": 1.0, "yanchor": "top", "yref": "container"})


def _within_the_year(months: pd.DataFrame) -> pd.DataFrame:
    """The running total at the end of each of a year's twelve months: an advance paid before
    October is in October's figure; a payment dated after September lies beyond the axis (the
    export's monthly sheet lists it under its own month)."""
    inside = months[months["fiscal_month"] <= 12].assign(
        fiscal_month=lambda f: fiscal.advances_in_first_month(f["fiscal_month"])
    )
    return inside.drop_duplicates(["fiscal_year", "fiscal_month"], keep="last")


@remembered
def cumulative_disbursement(months: pd.DataFrame, goals: pd.DataFrame, lang: str, title: str) -> go.Figure:
    """Running disbursement by fiscal month (October first), one line per fiscal year, as a share
    of the year's allocation where there is one (else in baht), with the quarter-end targets."""
    as_rate = months["disbursed_cumulative_rate"].notna().any()
    column = "disbursed_cumulative_rate" if as_rate else "disbursed_cumulative"
    label = [fiscal.month_name(fiscal.calendar_month(m), lang) for m in fiscal.MONTHS]
    fig = go.Figure()
    years = sorted(months["fiscal_year"].unique())
    for year, rows in _within_the_year(months).groupby("fiscal_year"):
        latest = year == years[-1]
        fig.add_trace(
            go.Scatter(
                x=[label[m - 1] for m in rows["fiscal_month"]],
                y=rows[column],
                mode="lines+markers",
                name=t("chart.fy_short", lang, year=year),
                line={"shape": "hv", "color": BLUE if latest else "#9aa5b4", "width": 3 if latest else 2},
                marker={"size": 7 if latest else 5},
            )
        )
    if as_rate and not goals.empty:
        fig.add_trace(
            go.Scatter(
                x=[label[m - 1] for m in goals["fiscal_month"]],
                y=goals["target"],
                mode="markers+text",
                name=t("chart.budget.target", lang),
                marker={"symbol": "diamond", "size": 11, "color": RED},
                text=[
                    f"Q{q} {fmt.percent(v, 0)}"
                    for q, v in zip(goals["quarter"], goals["target"], strict=True)
                ],
                textposition="top left",
                cliponaxis=False,
            )
        )
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=label)
    fig.update_yaxes(
        title=t("chart.axis.share_of_allocation" if as_rate else "chart.axis.baht", lang),
        tickformat=".0%" if as_rate else ",.0f",
        rangemode="tozero",
    )
    return _frame_figure(fig, title, height=380)


@remembered
def dumbbell(frame: pd.DataFrame, label: str, lang: str, title: str, name_of) -> go.Figure:
    """Mean monthly income before → after, one row per `label` value, largest gain on top."""
    rows = frame.dropna(subset=["income_before_mean", "income_after_mean"])
    rows = rows.assign(gain=rows["income_after_mean"] - rows["income_before_mean"]).sort_values(
        "gain", ascending=False
    )
    names = [name_of(code, lang) for code in rows[label]]
    segments_x, segments_y = [], []
    for name, before, after in zip(names, rows["income_before_mean"], rows["income_after_mean"], strict=True):
        segments_x += [before, after, None]
        segments_y += [name, name, None]
    n_text = [t("card.n", lang, n=fmt.number(n)) for n in rows["paired"]]
    fig = go.Figure(
        [
            go.Scatter(
                x=segments_x,
                y=segments_y,
                mode="lines",
                line={"color": GREY, "width": 4},
                hoverinfo="skip",
                showlegend=False,
            ),
            go.Scatter(
                x=rows["income_before_mean"],
                y=names,
                mode="markers",
                name=t("chart.income.before", lang),
                marker={"color": "#8a96a8", "size": 10},
                customdata=n_text,
                hovertemplate="%{y}: %{x:,.0f} (%{customdata})<extra>%{fullData.name}</extra>",
            ),
            go.Scatter(
                x=rows["income_after_mean"],
                y=names,
                mode="markers",
                name=t("chart.income.after", lang),
                marker={"color": BLUE, "size": 10},
                customdata=n_text,
                hovertemplate="%{y}: %{x:,.0f} (%{customdata})<extra>%{fullData.name}</extra>",
            ),
        ]
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(title=t("chart.axis.baht_month", lang), tickformat=",.0f")
    return _frame_figure(_if_empty(fig, len(rows), lang), title, height=max(len(rows), 3) * ROW_PX + 150)


@remembered
def gain_histogram(bins: pd.DataFrame, lang: str, title: str) -> go.Figure:
    """People per bin of monthly income gain on a baht axis; losses in red, gains in blue. The open
    end bins sit just beyond the first and last edges."""
    width = float((bins["upper"] - bins["lower"]).dropna().iloc[0])
    lower = bins["lower"].astype(float).fillna(bins["upper"].astype(float) - width)
    labels = [_bin_label(lo, hi, lang) for lo, hi in zip(bins["lower"], bins["upper"], strict=True)]
    colours = [RED if not pd.isna(hi) and hi <= 0 else BLUE for hi in bins["upper"]]
    fig = go.Figure(
        go.Bar(
            x=lower + width / 2,
            y=bins["people"],
            width=width * 0.9,
            marker_color=colours,
            hovertext=labels,
            hovertemplate="%{hovertext}: %{y:,} " + t("unit.people", lang) + "<extra></extra>",
        )
    )
    fig.update_xaxes(title=t("chart.axis.gain", lang), tickformat=",d", dtick=1000)
    fig.update_yaxes(title=t("chart.axis.people", lang), tickformat=",d")
    return _frame_figure(fig, title, height=380)


def _bin_label(lower, upper, lang: str) -> str:
    if pd.isna(lower):
        return t("chart.bin.below", lang, value=fmt.number(upper))
    if pd.isna(upper):
        return t("chart.bin.above", lang, value=fmt.number(lower))
    return f"{fmt.number(lower)} – {fmt.number(upper)}"


@remembered
def shares(frame: pd.DataFrame, label: str, lang: str, title: str, key_prefix: str) -> go.Figure:
    """A donut of people per kind (occupation, collector…); Plotly takes the shares itself. The
    slices carry their percentage with one decimal; names are in the legend beside the donut,
    where a long Thai name is never cut at the chart's edge."""
    names = [t(f"{key_prefix}.{k}", lang) for k in frame[label]]
    fig = go.Figure(
        go.Pie(
            labels=names,
            values=frame["people"],
            hole=0.5,
            sort=False,
            texttemplate="%{percent:.1%}",
            textposition="inside",
            insidetextorientation="horizontal",
            hovertemplate="%{label}: %{value:,} "
            + t("unit.people", lang)
            + " (%{percent:.1%})<extra></extra>",
        )
    )
    fig = _frame_figure(fig, title, height=360)
    return fig.update_layout(
        showlegend=True,
        legend={"orientation": "v", "x": 1.0, "xanchor": "left", "y": 0.5, "yanchor": "middle"},
        margin_t=16,
        uniformtext={"minsize": 11, "mode": "hide"},  # a sliver's percentage too small to read: hover tells
    )


@remembered
def cost_against_gain(table: pd.DataFrame, lang: str, title: str) -> go.Figure:
    """One bubble per province, labelled with its short name: cost per completer against mean
    monthly income gain, sized by participants (a note above the plot says so, with the
    participants of the largest bubble). Top-left is cheap and effective."""
    names = [fmt.province_name(c, lang) for c in table["province"]]
    hover = [
        f"<b>{n}</b><br>{t('kpi.cost_per_completer', lang)}: {fmt.baht(c, lang)}<br>"
        f"{t('kpi.income_gain_mean', lang)}: {fmt.baht_per_month(g, lang)}<br>"
        f"{t('kpi.participants', lang)}: {fmt.number(p)}"
        for n, c, g, p in zip(
            names, table["cost_per_completer"], table["income_gain_mean"], table["participants"], strict=True
        )
    ]
    size = table["participants"].astype(float)
    largest = float(size.max()) if len(size) and size.notna().any() else 1.0
    fig = go.Figure(
        go.Scatter(
            x=table["cost_per_completer"],
            y=table["income_gain_mean"],
            mode="markers+text",
            text=[tiles.short_name(c, lang) for c in table["province"]],
            textposition="top center",
            textfont={"size": 11, "color": "#3d4a5c"},
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            marker={
                "size": size,
                "sizemode": "area",
                "sizeref": 2.0 * largest / 40**2,
                "sizemin": 3,
                "color": BLUE,
                "opacity": 0.6,
                "line": {"width": 1, "color": "white"},
            },
        )
    )
    fig.add_hline(y=0, line_color=GREY)
    fig.update_xaxes(title=kpi_axis_title("cost_per_completer", lang), tickformat=",.0f")
    fig.update_yaxes(title=kpi_axis_title("income_gain_mean", lang), tickformat=",.0f")
    for axis, column in (("xaxis", "cost_per_completer"), ("yaxis", "income_gain_mean")):
        spread = _padded(table[column])
        if spread is not None:
            fig.update_layout({axis: {"range": spread}})
    if len(table):
        fig.add_annotation(
            text=t("chart.bubble_size", lang, people=fmt.number(largest)),
            xref="paper",
            yref="paper",
            x=1,
            y=1,
            xanchor="right",
            yanchor="bottom",
            showarrow=False,
            font={"size": 12, "color": "#5b6675"},
        )
    fig = _frame_figure(_if_empty(fig, len(table), lang), title, height=460)
    return fig.update_layout(margin_t=36)


def _padded(values: pd.Series) -> list[float] | None:
    """An axis range around a few close values (one province's bubble): ±20 % of the value, so
    the ticks are not "3,502 3,502 3,503"; None where Plotly's own range serves."""
    present = values.dropna()
    if present.empty or present.max() - present.min() > 0.05 * max(abs(present.max()), 1):
        return None
    middle = float(present.mean())
    half = max(abs(middle) * 0.2, 1.0)
    return [middle - half, middle + half]


@remembered
def followup_workload_figure(frame: pd.DataFrame, lang: str, title: str) -> go.Figure:
    """Follow-ups done by each kind of collector, with the field staff of that kind beside them."""
    names = [t(f"collector.{k}", lang) for k in frame["collector"]]
    per_person = [
        "" if pd.isna(r) else t("chart.workload.per_person", lang, value=fmt.number(r, 1))
        for r in frame["followups_per_person"]
    ]
    fig = go.Figure(
        [
            go.Bar(
                x=names,
                y=frame["followed_up"],
                name=t("chart.workload.followups", lang),
                marker_color=BLUE,
                text=per_person,
                textposition="outside",
            ),
            go.Bar(x=names, y=frame["staff"], name=t("chart.workload.staff", lang), marker_color=LIGHT),
        ]
    )
    fig.update_layout(barmode="group")
    fig.update_yaxes(title=t("chart.axis.people", lang), tickformat=",d")
    return _frame_figure(fig, title, height=360)


def choropleth(table: pd.DataFrame, geojson: dict, kpi: str, lang: str, title: str) -> go.Figure:
    """A true boundary map from the user's own GeoJSON (PROVINCE_GEOJSON), drawn without any base
    map tiles (`white-bg`), so it needs no internet either."""
    fig = go.Figure(
        go.Choroplethmap(
            geojson=geojson,
            locations=table["province"],
            featureidkey=f"properties.{geo.code_key(geojson)}",
            z=table[kpi],
            colorscale=[[0, "#e7eef8"], [1, BLUE]],
            reversescale=kpi in kpi_definitions.LOWER_IS_BETTER,
            marker={"line": {"width": 0.5, "color": "white"}},
            hovertext=[province_hover(row, kpi, lang) for _, row in table.iterrows()],
            hovertemplate="%{hovertext}<extra></extra>",
            colorbar={"title": {"text": kpi_axis_title(kpi, lang)}, **_value_axis(kpi)},
        )
    )
    fig.update_layout(map={"style": "white-bg", "center": {"lat": 13.0, "lon": 101.0}, "zoom": 4.2})
    return _frame_figure(fig, title, height=640)
