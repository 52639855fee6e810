"""The project beside the labour market (reach and need) for a fiscal year, on hand-made data, on
SQLite and PostgreSQL: fiscal years take their calendar quarters and months, stocks are means and
flows sums, and each province's quadrant is named against the nation."""

from datetime import date

import pytest

from data_access.labour import reach
from data_access.selection import Scope, Selection
from tests.labour_builder import store
from tests.test_kpis import hand_made

FY2566 = Selection(fiscal_years=(2566,), as_of=date(2023, 9, 30))
EXECUTIVE = Scope("exec", "executive")
HEAD_50 = Scope("head50", "provincial", frozenset({"50"}))
MONTHS = [f"2565-{m:02d}" for m in (10, 11, 12)] + [f"2566-{m:02d}" for m in range(1, 10)]


def labour_rows():
    rows = []
    for period, unemployed in zip(
        ["2565Q4", "2566Q1", "2566Q2", "2566Q3"], [1000, 2000, 3000, 2000], strict=True
    ):
        rows += [("50", "lfs_unemployed", period, unemployed), ("50", "lfs_labour_force", period, 100_000)]
        rows += [("51", "lfs_unemployed", period, 500), ("51", "lfs_labour_force", period, 10_000)]
    rows += [("50", "lfs_unemployed", "2566Q4", 99_999), ("50", "lfs_labour_force", "2566Q4", 1)]  # FY2567
    for month in MONTHS:
        rows += [("50", "sso_unemployment_claims", month, 10), ("51", "sso_unemployment_claims", month, 5)]
        rows += [("50", "sso_insured_33", month, 10_000), ("50", "sso_insured_39", month, 2_000)]
        rows += [("51", "sso_insured_33", month, 3_000), ("51", "sso_insured_39", month, 1_000)]
    return rows


@pytest.fixture
def market(db):
    hand_made().load(db)
    store(db, labour_rows())
    return db


def test_fiscal_year_2566_is_october_2565_to_september_2566():
    periods = reach.fiscal_periods(2566)
    assert periods[:4] == ("2565Q4", "2566Q1", "2566Q2", "2566Q3")
    assert periods[4:] == tuple(MONTHS)


def test_reach_and_need_of_each_province(market):
    got = reach.provinces(market, FY2566, EXECUTIVE).set_index("province_code")
    chiang_mai, lamphun = got.loc["50"], got.loc["51"]
    assert chiang_mai["lfs_unemployed"] == 2000  # the mean of its four quarters
    assert chiang_mai["unemployment_rate"] == pytest.approx(0.02)
    assert chiang_mai["sso_unemployment_claims"] == 120  # a flow: the sum of twelve months
    assert chiang_mai["claims_per_1000_insured"] == pytest.approx(10.0)
    assert chiang_mai["participants_per_1000_unemployed"] == pytest.approx(3.0)  # 6 of 2,000
    assert chiang_mai["skill_users_per_1000_unemployed"] == pytest.approx(1.0)  # 2 of 2,000
    assert lamphun["unemployment_rate"] == pytest.approx(0.05)
    assert lamphun["claims_per_1000_insured"] == pytest.approx(15.0)
    assert lamphun["reach"] == 0
    assert got.loc["10", "reach"] != got.loc["10", "reach"]  # Bangkok has no labour figures: no reach


def test_quadrants_are_named_against_the_nation(market):
    nation = reach.totals(market, FY2566, EXECUTIVE).set_index("level").loc["nation"]
    assert nation["unemployment_rate"] == pytest.approx(2500 / 110_000)  # summed counts, not averaged rates
    assert nation["reach"] == pytest.approx(6 / 2500 * 1000)
    got = reach.provinces(market, FY2566, EXECUTIVE).set_index("province_code")["quadrant"]
    assert got["50"] == "low_need_high_reach" and got["51"] == "high_need_low_reach"
    by_claims = reach.provinces(market, FY2566, EXECUTIVE, "claims_per_1000_insured").set_index(
        "province_code"
    )
    assert by_claims.loc["50", "need"] == pytest.approx(10.0)
    assert by_claims.loc["51", "quadrant"] == "high_need_low_reach"  # 15 per 1,000 against the nation's 11.25


def test_a_provincial_head_sees_their_province_and_totals_only(market):
    got = reach.provinces(market, FY2566, HEAD_50)
    assert got["province_code"].tolist() == ["50"]
    totals = reach.totals(market, FY2566, HEAD_50)
    assert totals["level"].tolist() == ["nation", "region"]
    assert "province_code" not in totals
    assert totals.set_index("level").loc["region", "lfs_unemployed"] == 2500
