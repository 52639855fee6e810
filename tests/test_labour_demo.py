"""Demo labour figures (DESIGN §9): every province, indicator and period of the span; sizes by
population; the Northeast's farm season; the 2563 Q2 shock fading; beside the demo project."""

import pytest
from sqlalchemy import func, select

from data_access import demo
from data_access.db import Database
from data_access.labour import catalogue, queries
from data_access.labour import demo as labour_demo
from data_access.schema import labour_values
from data_access.selection import Scope

EVERYONE = Scope("x", "executive")
QUARTERS, MONTHS = 8 * 4 + 2, (8 * 12 + 6)  # 2560Q1–2568Q2, 2560-01–2568-06


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = Database(f"sqlite:///{tmp_path_factory.mktemp('labour') / 'demo.db'}")
    db.migrate()
    demo.generate(db, participants_total=2000, seed=5)
    yield db
    db.dispose()


def by_period(db, indicator, place):
    frame = queries.series(db, EVERYONE, indicator, place)
    return dict(zip(frame["period"], frame["value"], strict=True))


def test_every_province_has_every_indicator_over_the_whole_span(db):
    demo.generate(db, participants_total=300, seed=3)
    with db.engine.connect() as conn:
        counts = dict(
            conn.execute(
                select(labour_values.c.indicator, func.count()).group_by(labour_values.c.indicator)
            ).all()
        )
        span = conn.execute(select(func.min(labour_values.c.period), func.max(labour_values.c.period))).all()
    lfs = {i.code: 77 * QUARTERS for i in catalogue.STORED if i.frequency == catalogue.QUARTER}
    monthly = {i.code: 77 * MONTHS for i in catalogue.STORED if i.frequency == catalogue.MONTH}
    assert counts == {**lfs, **monthly}
    assert span == [("2560-01", "2568Q2")]
    assert len(queries.series(db, EVERYONE, "unemployment_rate", "ALL")) == QUARTERS


def test_sizes_follow_population(demo_db):
    latest = queries.latest(demo_db, EVERYONE, "lfs_labour_force").set_index("province_code")["value"]
    assert (
        latest["10"] > latest["30"] > latest["50"] > latest["58"]
    )  # Bangkok, Korat, Chiang Mai, Mae Hong Son
    share = latest["10"] / latest.sum()
    assert 0.06 < share < 0.11
    assert labour_demo.population()["10"] == 5_471_000


def test_the_northeast_farm_season_shows_in_the_first_half_of_the_year(demo_db):
    seasonal = by_period(demo_db, "lfs_seasonal", "northeast")
    rate = by_period(demo_db, "unemployment_rate", "northeast")
    for year in (2561, 2566):
        assert min(seasonal[f"{year}Q1"], seasonal[f"{year}Q2"]) > 3 * max(
            seasonal[f"{year}Q3"], seasonal[f"{year}Q4"]
        )
        assert (rate[f"{year}Q1"] + rate[f"{year}Q2"]) > (rate[f"{year}Q3"] + rate[f"{year}Q4"])

    def share(region):  # seasonally inactive per person in the labour force, 2566 Q2
        return (
            by_period(demo_db, "lfs_seasonal", region)["2566Q2"]
            / by_period(demo_db, "lfs_labour_force", region)["2566Q2"]
        )

    assert share("northeast") > 5 * share("central")


def test_the_2563_q2_shock_is_the_peak_and_fades(demo_db):
    rate = by_period(demo_db, "unemployment_rate", "ALL")
    assert max(rate, key=rate.get) == "2563Q2"
    assert rate["2563Q2"] > 1.6 * rate["2562Q2"]
    assert rate["2563Q2"] > rate["2563Q4"] > rate["2564Q4"] > rate["2566Q4"]
    assert abs(rate["2566Q3"] / rate["2562Q3"] - 1) < 0.25
    claims = queries.yearly(demo_db, EVERYONE, "sso_unemployment_claims", "ALL").set_index("year")["value"]
    assert claims[2563] > 1.5 * claims[2562]


def test_regions_trend_differently(demo_db):
    def growth(region):
        employed = queries.yearly(demo_db, EVERYONE, "lfs_employed", region).set_index("year")["value"]
        return employed[2567] / employed[2561]

    assert growth("east") > growth("central") > growth("northeast")


def test_a_provinces_unemployed_are_thousands_and_plausible_nationally(demo_db):
    unemployed = queries.yearly(demo_db, EVERYONE, "lfs_unemployed", "ALL").set_index("year")["value"]
    assert 300_000 < unemployed[2566] < 600_000
    rate = queries.yearly(demo_db, EVERYONE, "unemployment_rate", "ALL").set_index("year")["value"]
    assert 0.007 < rate[2566] < 0.015
    smallest = queries.latest(demo_db, EVERYONE, "lfs_unemployed")["value"].min()
    assert smallest > 300


def test_the_same_seed_gives_the_same_figures():
    assert labour_demo.rows(7) == labour_demo.rows(7)
    assert labour_demo.rows(7)[1][:50] != labour_demo.rows(8)[1][:50]
