"""Chart builders are pure: a tidy frame in, a figure out, with a title, units, BE years and the
page's language; they draw empty frames as a notice, and the map needs no internet."""

import json

import pandas as pd
import pytest

from data_access import config, geo, outcomes, reference
from ui import charts

CODES = [p.code for p in reference.provinces()]


def province_table(values: dict[str, float], n: int = 50) -> pd.DataFrame:
    """A kpi_table-like frame by province: `values` of skill_use_rate, the rest empty."""
    rows = pd.DataFrame({"province": CODES})
    rows["skill_use_rate"] = rows["province"].map(values)
    rows["skill_followed_up"] = n
    for key in ("participants", "income_gain_mean", "disbursement_rate"):
        rows[key] = float("nan")
    return rows


def test_tile_map_has_a_clickable_tile_per_province_and_marks_small_n():
    table = province_table({"50": 0.8, "10": 0.6, "96": 0.9})
    fig = charts.tile_map(table, "skill_use_rate", "en", "Skill use by province", ranked_codes={"50", "10"})
    base, coloured, tiles, frames = fig.data
    assert frames.x == () and frames.hoverinfo == "skip"  # no province is below a target here
    assert len(tiles.customdata) == 77 and set(tiles.customdata) == set(CODES)
    labels = dict(zip(tiles.customdata, tiles.text, strict=True))
    assert labels["50"] == "Chiang Mai<br>80%" and labels["96"] == "Narathiwat<br>90%*"
    assert labels["51"] == "Lamphun<br>—"
    coloured_cells = [v for row in coloured.z for v in row if v is not None]
    assert sorted(coloured_cells) == [0.6, 0.8, 0.9]
    assert sum(v is not None for row in base.z for v in row) == 77
    assert "Skill-use rate (%)" in coloured.colorbar.title.text
    assert fig.layout.title.text == "Skill use by province"


def test_a_tile_below_target_is_framed_in_the_tiles_own_units():
    """A frame sized in pixels outgrew the tiles of a narrow column; one in data units fits."""
    table = province_table({"50": 0.4, "10": 0.9})
    fig = charts.tile_map(table, "skill_use_rate", "en", "t", {"50", "10"}, below={"50"})
    tiles, frames = fig.data[2], fig.data[3]
    at = list(tiles.customdata).index("50")
    col, row = tiles.x[at], tiles.y[at]
    assert list(frames.x) == [col - 0.46, col + 0.46, col + 0.46, col - 0.46, col - 0.46, None]
    assert list(frames.y) == [row - 0.46, row - 0.46, row + 0.46, row + 0.46, row - 0.46, None]
    assert frames.line.color == charts.RED


def test_tile_map_hover_names_the_province_and_its_n():
    fig = charts.tile_map(province_table({"50": 0.8}, n=40), "skill_use_rate", "th", "t", {"50"})
    hover = dict(zip(fig.data[2].customdata, fig.data[2].hovertext, strict=True))["50"]
    assert "เชียงใหม่" in hover and "80.0%" in hover and "จาก 40 คน" in hover


def test_lower_is_better_reverses_the_map_colours():
    table = province_table({}).assign(cost_per_completer=3000.0, completed=50)
    assert charts.tile_map(table, "cost_per_completer", "th", "t", set()).data[1].reversescale


def test_trend_labels_fiscal_years_in_buddhist_era():
    frame = pd.DataFrame({"fiscal_year": [2567, 2568], "skill_use_rate": [0.8, 0.85]})
    th = charts.trend(frame, "skill_use_rate", "th", "แนวโน้ม")
    en = charts.trend(frame, "skill_use_rate", "en", "Trend")
    assert list(th.data[0].x) == ["ปีงบ 2567", "ปีงบ 2568"]
    assert list(en.data[0].x) == ["FY2567", "FY2568"]
    assert en.layout.yaxis.title.text == "Skill-use rate (%)"


def test_trend_draws_one_line_per_level_with_the_province_first():
    frame = pd.DataFrame(
        {
            "fiscal_year": [2568] * 3,
            "level": ["province", "region", "nation"],
            "skill_use_rate": [0.7, 0.8, 0.9],
        }
    )
    names = {"province": "Chiang Mai", "region": "North", "nation": "Whole country"}
    fig = charts.trend(frame, "skill_use_rate", "en", "t", series="level", name_of=lambda k, _: names[k])
    assert [trace.name for trace in fig.data] == ["Chiang Mai", "North", "Whole country"]
    assert fig.data[0].line.width > fig.data[1].line.width


def test_bars_show_each_rate_with_its_n():
    frame = pd.DataFrame({"province": ["50", "10"], "skill_use_rate": [0.9, 0.5], "n": [40, 25]})
    fig = charts.bars(frame, "province", "skill_use_rate", "en", "Top", lambda c, lang: c)
    assert list(fig.data[0].text) == ["90.0% (n=40)", "50.0% (n=25)"]
    assert list(fig.data[0].y) == ["50", "10"]


def test_narrow_bars_keep_the_n_for_the_hover():
    frame = pd.DataFrame({"skill": ["AGR", "SVC"], "skill_use_rate": [0.9, 0.5], "n": [40, 25]})
    fig = charts.bars(frame, "skill", "skill_use_rate", "en", "By skill", lambda c, lang: c, n_on_bars=False)
    assert list(fig.data[0].text) == ["90.0%", "50.0%"]
    assert list(fig.data[0].hovertext) == ["90.0% (n=40)", "50.0% (n=25)"]


@pytest.mark.parametrize("lang, notice", [("th", "ไม่มีข้อมูลเพียงพอ"), ("en", "Not enough data")])
def test_an_empty_chart_says_so(lang, notice):
    empty = pd.DataFrame({"province": [], "skill_use_rate": [], "n": []})
    fig = charts.bars(empty, "province", "skill_use_rate", lang, "Top", lambda c, lang: c)
    assert notice in fig.layout.annotations[0].text


def test_gain_histogram_puts_every_bin_on_a_baht_axis():
    bins = outcomes.gain_bins().assign(people=1)
    bar = charts.gain_histogram(bins, "en", "Gains").data[0]
    assert bar.x[0] == -3250 and bar.x[-1] == 6250
    assert bar.hovertext[0] == "below -3,000" and bar.hovertext[-1] == "6,000 or more"
    assert len(bar.x) == len(bins)


def test_cumulative_disbursement_is_a_share_of_allocation_with_quarter_targets():
    months = pd.DataFrame(
        {
            "fiscal_year": [2567, 2568],
            "fiscal_month": [3, 3],
            "disbursed_cumulative": [10.0, 20.0],
            "disbursed_cumulative_rate": [0.1, 0.2],
        }
    )
    goals = pd.DataFrame({"quarter": [1], "fiscal_month": [3], "target": [0.3]})
    fig = charts.cumulative_disbursement(months, goals, "en", "Cumulative")
    assert [trace.name for trace in fig.data] == ["FY2567", "FY2568", "Target"]
    assert fig.data[1].x[0] == "Dec" and fig.layout.yaxis.tickformat == ".0%"
    in_baht = charts.cumulative_disbursement(
        months.assign(disbursed_cumulative_rate=float("nan")), goals, "en", "C"
    )
    assert len(in_baht.data) == 2 and in_baht.layout.yaxis.title.text == "baht"


def test_a_years_line_runs_october_to_september_with_an_advance_in_october():
    months = pd.DataFrame(
        {
            "fiscal_year": [2566, 2566, 2566, 2566],
            "fiscal_month": [-1, 1, 12, 14],  # Aug advance, Oct, Sep, a payment the next November
            "disbursed_cumulative": [10.0, 30.0, 60.0, 100.0],
            "disbursed_cumulative_rate": [0.1, 0.3, 0.6, 1.0],
        }
    )
    line = charts.cumulative_disbursement(months, pd.DataFrame(), "th", "C").data[0]
    assert list(line.x) == ["ต.ค.", "ก.ย."] and list(line.y) == [0.3, 0.6]


def test_axis_titles_carry_each_kinds_unit():
    assert charts.kpi_axis_title("completed", "en") == "Completers (people)"
    assert charts.kpi_axis_title("skill_use_rate", "en") == "Skill-use rate (%)"
    assert charts.kpi_axis_title("income_gain_mean", "en") == "Income gain (mean) (baht/month)"
    assert charts.kpi_axis_title("disbursed", "en") == "Disbursed (baht)"
    assert charts.kpi_axis_title("payback_months", "en") == "Payback (months)"


def test_choropleth_reads_the_users_geojson_and_needs_no_base_map(tmp_path):
    square = [[[98.0, 18.0], [99.0, 18.0], [99.0, 19.0], [98.0, 18.0]]]
    features = [
        {
            "type": "Feature",
            "properties": {"pro_code": 50},
            "geometry": {"type": "Polygon", "coordinates": square},
        }
    ]
    path = tmp_path / "provinces.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    geojson = geo.province_geojson(str(path))
    assert geojson["features"][0]["properties"]["pro_code"] == "50"
    fig = charts.choropleth(province_table({"50": 0.8}), geojson, "skill_use_rate", "en", "Map")
    assert fig.data[0].type == "choroplethmap"
    assert fig.data[0].featureidkey == "properties.pro_code"
    assert fig.layout.map.style == "white-bg"


def test_without_a_geojson_setting_there_is_no_choropleth():
    assert geo.province_geojson(config.load({}).province_geojson) is None


def test_the_budget_chart_starts_its_first_province_at_the_top_of_the_plot():
    """Plotly's autorange padded the 77 rows by about four at each end: a blank band under the
    upper money axis. The range is the rows' own."""
    table = pd.DataFrame(
        {
            "province": ["50", "10", "51"],
            "disbursement_rate": [0.2, 0.6, 0.4],
            "disbursement_target": [0.5, 0.5, 0.5],
            "allocated": [100.0, 200.0, 150.0],
            "disbursed": [20.0, 120.0, 60.0],
            "disbursement_target_amount": [50.0, 100.0, 75.0],
            "below_target": [True, False, True],
        }
    )
    fig = charts.disbursement_by_province(table, "en", "Budget")
    assert list(fig.layout.yaxis.range) == [2.5, -0.5]
    assert list(fig.layout.yaxis.categoryarray) == ["Chiang Mai", "Lamphun", "Bangkok"]
