"""In-year disbursement forecast: shapes, pooling, Bornhuetter–Ferguson projection, target flags.

The hand-made history: Chiang Mai (50) and Lamphun (51) each had 1,200 baht allocated in FY2566
and FY2567 and paid 100 baht on the 15th of every month, October to September: a straight-line
shape, the same everywhere. In FY2568 (as of 31 January 2025) each has 1,200 allocated again;
Chiang Mai has kept to the pace (400 paid), Lamphun has paid 100 in January only. The Cabinet's
Q2 target is 50 % of the allocation for the whole country.
"""

from datetime import date

import numpy as np
import pandas as pd
import pytest

from data_access.planning import forecast
from data_access.selection import Scope, Selection
from tests.builder import Dataset

AS_OF = date(2025, 1, 31)
EXECUTIVE = Scope("exec", "executive")


def monthly_history() -> Dataset:
    d = Dataset()
    for fy in (2566, 2567):
        for province in ("50", "51"):
            code = f"{fy}-{province}"
            d.course(code, fy=fy, province=province).allocation(fy, province, 1200)
            for k in range(12):
                month = (9 + k) % 12 + 1
                year = fy - 543 - (1 if month >= 10 else 0)
                d.disbursement(code, date(year, month, 15), 100)
    d.course("now-50", fy=2568, province="50").course("now-51", fy=2568, province="51")
    d.allocation(2568, "50", 1200).allocation(2568, "51", 1200)
    for month, year in ((10, 2024), (11, 2024), (12, 2024), (1, 2025)):
        d.disbursement("now-50", date(year, month, 15), 100)
    d.disbursement("now-51", date(2025, 1, 15), 100)
    for q, value in ((1, 0.25), (2, 0.5), (3, 0.75), (4, 1.0)):
        d.target(2568, "ALL", f"disbursement_q{q}", value)
    return d


@pytest.fixture
def history(db):
    return monthly_history().load(db)


def test_a_straight_line_history_projects_the_rest_of_the_quarter_at_the_same_pace(history):
    got = forecast.forecast(history, Selection(as_of=AS_OF), EXECUTIVE).set_index("province")
    assert got.loc["50", "expected_share_now"] == pytest.approx(4 / 12)
    assert got.loc["50", "projected_q1"] == pytest.approx(300)  # Q1 is over: what was paid by 31 Dec
    assert got.loc["51", "projected_q1"] == pytest.approx(0)
    # Bornhuetter–Ferguson: paid so far + (6/12 − 4/12) × allocation × usual final rate (100 %).
    assert got.loc["50", "projected_q2"] == pytest.approx(400 + 200)
    assert got.loc["51", "projected_q2"] == pytest.approx(100 + 200)
    assert got.loc["51", "projected_q4"] == pytest.approx(100 + 800)


def test_provinces_below_the_quarters_target_are_flagged_with_the_shortfall(history):
    got = forecast.forecast(history, Selection(as_of=AS_OF), EXECUTIVE).set_index("province")
    assert (got["quarter"] == 2).all()
    assert got.loc["50", "target_q2"] == pytest.approx(600)
    assert not got.loc["50", "at_risk"] and got.loc["50", "shortfall"] == 0
    assert got.loc["51", "at_risk"] and got.loc["51", "shortfall"] == pytest.approx(300)


def test_a_provinces_own_target_comes_before_the_countrys(db):
    monthly_history().target(2568, "51", "disbursement_q2", 0.25).load(db)
    got = forecast.forecast(db, Selection(as_of=AS_OF), EXECUTIVE).set_index("province")
    assert got.loc["51", "target_q2"] == pytest.approx(300) and not got.loc["51", "at_risk"]
    assert got.loc["50", "target_q2"] == pytest.approx(600)


def test_the_usual_final_rate_is_the_kpi_tables_disbursement_rate():
    money = pd.DataFrame(
        {"fiscal_year": [2566, 2567], "province": ["50", "50"], "disbursement_rate": [0.8, 0.9]}
    )
    got = forecast._final_rates(money, 0.5, pd.Series({"50": 1.0}), (2566, 2567))
    assert got["50"] == pytest.approx(0.85)


def test_a_provincial_head_sees_only_their_province(history):
    head = Scope("h51", "provincial", frozenset({"51"}))
    got = forecast.forecast(history, Selection(as_of=AS_OF), head)
    assert got["province"].tolist() == ["51"]
    assert got["shortfall"].iloc[0] == pytest.approx(300)


def test_without_history_the_projection_is_a_straight_line_to_the_allocation(db):
    d = Dataset().course("now", fy=2568, province="50").allocation(2568, "50", 1200)
    d.disbursement("now", date(2024, 10, 15), 100).load(db)
    got = forecast.forecast(db, Selection(as_of=date(2024, 10, 31)), EXECUTIVE).set_index("province")
    assert got.loc["50", "projected_q1"] == pytest.approx(100 + (3 / 12 - 1 / 12) * 1200)
    assert got.loc["50", "own_shape_weight"] == 0 and not got.loc["50", "at_risk"]  # no targets set


def test_payments_after_september_count_toward_the_year_but_not_its_quarters():
    monthly = pd.DataFrame(
        {"fiscal_year": [2567, 2567], "province": ["50", "50"], "k": [6, 14], "disbursed": [600.0, 400.0]}
    )
    shape = forecast.shares(monthly)
    assert shape.loc[(2567, "50"), 6] == pytest.approx(0.6)
    assert shape.loc[(2567, "50"), 12] == pytest.approx(0.6)


def test_a_province_with_fewer_years_leans_more_on_the_national_shape():
    # Flat shapes keep the arithmetic readable: a 0.4 then 0.6; b 0.6 then 0.8; c one year at 0.9.
    rows = {(2566, "a"): 0.4, (2567, "a"): 0.6, (2566, "b"): 0.6, (2567, "b"): 0.8, (2567, "c"): 0.9}
    own = pd.DataFrame({k: [v] * 12 for k, v in rows.items()}, index=forecast.MONTHS).T
    own.index = pd.MultiIndex.from_tuples(own.index, names=["fiscal_year", "province"])
    shape, weight = forecast.pooled_shapes(own, pd.Series(0.5, index=forecast.MONTHS))
    within = 0.02  # each province's year-to-year variance
    between = np.var([0.5, 0.7, 0.9], ddof=1) - within * np.mean([1 / 2, 1 / 2, 1])
    k = within / between
    assert weight["a"] == pytest.approx(2 / (2 + k)) and weight["c"] == pytest.approx(1 / (1 + k))
    assert weight["c"] < weight["a"]
    assert shape.loc["c", 6] == pytest.approx(weight["c"] * 0.9 + (1 - weight["c"]) * 0.5)


def test_bornhuetter_ferguson_uses_the_allocation_early_and_the_payments_late():
    shape = pd.DataFrame([np.linspace(1 / 12, 1, 12)], index=["50"], columns=forecast.MONTHS)
    paid = pd.DataFrame([[0.0]], index=["50"], columns=[1])
    got = forecast.project(
        shape, pd.Series({"50": 0.9}), pd.Series({"50": 1200.0}), paid, date(2024, 10, 31), 2568
    )
    assert got.loc["50", "projected_q1"] == pytest.approx(0 + (3 / 12 - 1 / 12) * 1080)
    assert got.loc["50", "projected_q4"] == pytest.approx((1 - 1 / 12) * 1080)


def test_a_projection_never_exceeds_what_can_be_disbursed():
    """Chiang Mai's Q4 was once projected at 650,000 against a 555,000 allocation: a usual final
    rate above 100 % and payments ahead of the shape must stop at the allocation."""
    shape = pd.DataFrame([np.linspace(1 / 12, 1, 12)], index=["50"], columns=forecast.MONTHS)
    paid = pd.DataFrame([[300_000.0, 400_000.0]], index=["50"], columns=[1, 2])
    got = forecast.project(
        shape, pd.Series({"50": 1.2}), pd.Series({"50": 555_000.0}), paid, date(2024, 11, 30), 2568
    )
    assert got.loc["50", "projected_q4"] == 555_000.0
    assert got.loc["50", "projected_q1"] == pytest.approx(400_000 + (3 / 12 - 2 / 12) * 555_000 * 1.2)
    # already paid beyond the allocation: the projection keeps what is paid, never less
    over = pd.DataFrame([[600_000.0]], index=["50"], columns=[1])
    got = forecast.project(
        shape, pd.Series({"50": 1.0}), pd.Series({"50": 555_000.0}), over, date(2024, 10, 31), 2568
    )
    assert got.loc["50", "projected_q4"] == 600_000.0


def test_the_quarter_chart_tells_paid_quarters_from_projected_ones(history):
    outlook = forecast.forecast(history, Selection(fiscal_years=(2568,), as_of=AS_OF), EXECUTIVE)
    totals = forecast.quarter_totals(outlook)
    assert totals["actual"].tolist() == [True, False, False, False]
    assert forecast.at_risk_total(outlook) == (2, 1, pytest.approx(float(outlook["shortfall"].sum())))
