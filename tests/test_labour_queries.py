"""Reading the labour figures (DESIGN §9), on SQLite and PostgreSQL: places add up from
provinces' counts, rates come from summed counts, years of stocks are means and of flows sums,
and the scope decides which places a user may read."""

import pytest

from data_access import reference
from data_access.labour import queries
from data_access.selection import Scope
from tests.labour_builder import store

EXECUTIVE = Scope("exec", "executive")
CHIANG_MAI_HEAD = Scope("cm", "provincial", frozenset({"50"}))
NORTH = reference.provinces_of_region("north")


def north_quarter(period: str, unemployed: dict[str, float], labour_force: dict[str, float]):
    """Every northern province gets 0 unemployed of 1,000, except the ones given."""
    rows = []
    for code in NORTH:
        rows.append((code, "lfs_unemployed", period, unemployed.get(code, 0.0)))
        rows.append((code, "lfs_labour_force", period, labour_force.get(code, 1000.0)))
    return rows


def test_a_regions_unemployment_rate_is_summed_unemployed_over_summed_labour_force(db):
    # Chiang Mai 90 of 1,000 (9 %), Lamphun 10 of 9,000 (0.1 %): the mean of rates would be 4.6 %.
    rows = north_quarter("2566Q1", {"50": 90, "51": 10}, {"50": 1000, "51": 9000})
    store(db, rows)
    got = queries.series(db, EXECUTIVE, "unemployment_rate", "north")
    total_lf = 1000 + 9000 + 1000 * (len(NORTH) - 2)
    assert got["period"].tolist() == ["2566Q1"]
    assert got["value"].iloc[0] == pytest.approx(100 / total_lf)
    province = queries.series(db, EXECUTIVE, "unemployment_rate", "50")
    assert province["value"].tolist() == [pytest.approx(0.09)]


def test_a_region_counts_only_periods_every_province_has(db):
    store(db, north_quarter("2566Q1", {"50": 5}, {}))
    store(db, [("50", "lfs_unemployed", "2566Q2", 7.0)])  # Chiang Mai alone in Q2
    got = queries.series(db, EXECUTIVE, "lfs_unemployed", "north")
    assert got[["period", "value"]].values.tolist() == [["2566Q1", 5.0]]


def test_the_nation_prefers_its_published_row_to_the_provinces_sum(db):
    everyone = [
        (p.code, "lfs_unemployed", q, 10.0) for p in reference.provinces() for q in ("2566Q1", "2566Q2")
    ]
    store(db, [*everyone, ("ALL", "lfs_unemployed", "2566Q2", 999.5)])
    got = queries.series(db, EXECUTIVE, "lfs_unemployed", "ALL")
    assert got[["period", "value"]].values.tolist() == [["2566Q1", 770.0], ["2566Q2", 999.5]]


def test_a_year_of_a_stock_is_the_mean_of_its_quarters(db):
    store(
        db,
        [
            ("50", "lfs_employed", f"2566Q{q}", v)
            for q, v in zip((1, 2, 3, 4), (100, 200, 300, 600), strict=True)
        ],
    )
    store(db, [("50", "lfs_employed", "2567Q1", 50.0)])
    got = queries.yearly(db, EXECUTIVE, "lfs_employed", "50")
    assert got.values.tolist() == [[2566, 300.0, 4, True], [2567, 50.0, 1, False]]


def test_a_year_of_a_flow_is_the_sum_of_its_months(db):
    store(db, [("50", "doe_placements", f"2566-{m:02d}", float(m)) for m in range(1, 13)])
    got = queries.yearly(db, EXECUTIVE, "doe_placements", "50")
    assert got.values.tolist() == [[2566, 78.0, 12, True]]


def test_a_years_unemployment_rate_is_the_ratio_of_its_mean_counts(db):
    rows = [("50", "lfs_unemployed", "2566Q1", 30.0), ("50", "lfs_unemployed", "2566Q2", 10.0)]
    rows += [("50", "lfs_labour_force", "2566Q1", 1000.0), ("50", "lfs_labour_force", "2566Q2", 3000.0)]
    store(db, rows)
    got = queries.yearly(db, EXECUTIVE, "unemployment_rate", "50")
    assert got["value"].tolist() == [pytest.approx(20 / 2000)]  # not (3 % + 0.33 %) / 2
    assert got["periods"].tolist() == [2] and not got["complete"].iloc[0]


def test_a_provincial_head_reads_their_province_region_and_nation_but_no_other_province(db):
    store(db, north_quarter("2566Q1", {"50": 5, "51": 6}, {}))
    assert queries.series(db, CHIANG_MAI_HEAD, "lfs_unemployed", "50")["value"].tolist() == [5.0]
    assert queries.series(db, CHIANG_MAI_HEAD, "lfs_unemployed", "north")["value"].tolist() == [11.0]
    assert queries.series(db, CHIANG_MAI_HEAD, "lfs_unemployed", "51").empty
    assert queries.series(db, CHIANG_MAI_HEAD, "lfs_unemployed", "south").empty
    assert queries.panel(db, CHIANG_MAI_HEAD, "lfs_unemployed")["province_code"].unique().tolist() == ["50"]
    assert queries.latest(db, CHIANG_MAI_HEAD, "lfs_unemployed")["province_code"].tolist() == ["50"]


def test_latest_gives_each_provinces_newest_period_and_the_same_period_a_year_earlier(db):
    rows = [("50", "lfs_unemployed", "2565Q2", 8.0), ("50", "lfs_unemployed", "2566Q1", 5.0)]
    rows += [("50", "lfs_unemployed", "2566Q2", 6.0), ("51", "lfs_unemployed", "2566Q1", 3.0)]
    store(db, rows)
    got = queries.latest(db, EXECUTIVE, "lfs_unemployed")
    assert got.to_dict("records")[0] == {
        "province_code": "50",
        "period": "2566Q2",
        "value": 6.0,
        "year_earlier": 8.0,
    }
    assert got.to_dict("records")[1]["period"] == "2566Q1"
    assert got["year_earlier"].isna().tolist() == [False, True]


def test_a_new_import_is_read_at_once_not_from_the_cache(db):
    store(db, [("50", "lfs_unemployed", "2566Q1", 5.0)])
    assert len(queries.series(db, EXECUTIVE, "lfs_unemployed", "50")) == 1
    store(db, [("50", "lfs_unemployed", "2566Q2", 6.0)])
    assert len(queries.series(db, EXECUTIVE, "lfs_unemployed", "50")) == 2
