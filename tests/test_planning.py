"""Budget planning: pooled estimates, honest intervals, budget shares, backtest and scope.

The statistical tests run on panels made by hand or simulated from a known model (no database);
the rest run on a small demo database or a hand-made one, on both backends where SQL is involved.
"""

from datetime import date

import numpy as np
import pandas as pd
import pytest
from scipy.special import expit, logit

from data_access import demo
from data_access.db import Database
from data_access.errors import UserError
from data_access.planning import backtest, fitting, forecast, hierarchy, model, proposal
from data_access.planning.panel import yearly_panel
from data_access.planning.quantities import actual_skill_users
from data_access.selection import Scope, Selection
from tests.builder import Dataset
from tests.small_demo import small_demo
from ui import planning_view

EXECUTIVE = Scope("exec", "executive")
HEAD_50 = Scope("h50", "provincial", frozenset({"50"}))
YEARS = (2564, 2565, 2566, 2567)


def panel_row(year, unit, group, participants, completed, followed, users, budget, gain=1500.0, spread=900.0):
    """One (year, unit) cell: every completer on a skill course, every followed-up one paired."""
    return dict(
        fiscal_year=year,
        unit=unit,
        group=group,
        participants=float(participants),
        completed=float(completed),
        skill_completed=float(completed),
        skill_followed_up=float(followed),
        skill_users=float(users),
        paired=float(followed),
        income_gain_sum=gain * followed,
        income_gain_square_sum=(gain**2 + spread**2) * followed,
        budget=float(budget),
    )


def test_identical_provinces_every_year_give_the_rate_itself_with_narrow_intervals():
    rows = [
        panel_row(y, f"{u:02d}", "north" if u < 56 else "south", 1000, 900, 800, 640, 3_000_000)
        for y in YEARS
        for u in range(50, 62)
    ]
    panel = pd.DataFrame(rows)
    fitted = model.fit(panel, panel, YEARS)
    rates = model.expected_rates(fitted)
    assert rates["cost"].to_numpy() == pytest.approx(3000)
    assert rates["completion"].to_numpy() == pytest.approx(900.5 / 1001)
    assert rates["skill_use"].to_numpy() == pytest.approx(640.5 / 801, rel=1e-3)
    draws = model.simulate(fitted, pd.Series(3_000_000.0, index=fitted.units))
    low, mid, high = np.percentile(draws["participants"], (10, 50, 90), axis=1)
    assert mid == pytest.approx(1000) and np.all(high - low < 0.01)
    low, mid, high = np.percentile(draws["skill_users"], (10, 50, 90), axis=1)
    assert mid == pytest.approx(1000 * 0.9 * 0.8, rel=0.01)
    assert np.all((high - low) / mid < 0.1)  # only the binomial noise of 900 completers


def test_the_projected_allocation_per_completer_is_not_named_as_the_cost_per_completer_kpi():
    panel = pd.DataFrame([panel_row(y, "50", "north", 1000, 900, 800, 640, 3_000_000) for y in YEARS])
    rates = model.expected_rates(model.fit(panel, panel, YEARS))
    assert rates.loc["50", "budget_per_completer"] == pytest.approx(3000 / (900.5 / 1001))
    for unit, code, header in (("province", "50", "Allocation"), ("skill", "AGR", "Disbursed")):
        columns = planning_view.rates_table(rates.set_axis([code]), unit, "en").columns
        assert f"{header} per completer (projected, baht)" in columns
        assert not any(c.startswith("Cost per completer") for c in columns)  # DESIGN §5's KPI


def test_the_skill_users_a_year_produced_use_the_kpi_tables_skill_use_rate(db):
    d = Dataset().course("A", fy=2566, province="50")
    for who, uses in (("a", True), ("b", True), ("c", False), ("d", None)):
        d.participant("A", who, True, 5000)
        if uses is not None:
            d.followup("A", who, date(2023, 5, 1), uses_skill=uses, income_after=6000)
    sel = Selection(fiscal_years=(2566,), provinces=("50",), as_of=date(2023, 9, 30))
    panel = yearly_panel(d.load(db), sel, EXECUTIVE)
    assert panel["skill_use_rate"].tolist() == pytest.approx([2 / 3])
    assert actual_skill_users(panel).tolist() == pytest.approx([4 * 2 / 3])


def test_a_tiny_province_is_pulled_toward_its_region_by_the_expected_weight():
    hyper = hierarchy.Hyper(
        year_effect=pd.Series({2567: 0.0}),
        sigma2=0.02,
        kappa=0.0,
        tau2=0.05,
        group_mean=pd.Series({"north": logit(0.9)}),
        group_var=pd.Series({"north": 0.001}),
        step_var=0.0,
        step_df=0,
    )
    rate = 0.6  # 9 of 15: an extreme year for a tiny province
    obs = pd.DataFrame(
        dict(
            fiscal_year=[2567],
            unit=["58"],
            group=["north"],
            y=[logit(rate)],
            n=[15.0],
            unit_var=[1 / (rate * (1 - rate))],
        )
    )
    got = hierarchy.posterior(obs, hyper, pd.DataFrame({"group": ["north"]}, index=["58"])).loc["58"]
    own_var = 0.02 + 1 / (rate * (1 - rate)) / 15
    weight = 0.05 / (0.05 + own_var)
    assert got["weight"] == pytest.approx(weight)
    assert got["mean"] == pytest.approx(logit(0.9) + weight * (logit(rate) - logit(0.9)))
    assert weight < 0.25 and 0.6 < expit(got["mean"]) < 0.9


def test_a_province_without_data_gets_its_regions_level_and_the_between_province_spread():
    rows = [
        panel_row(y, u, "north", 200 + 10 * i, 180 + 2 * i, 150, 120, 600_000)
        for y in YEARS
        for i, u in enumerate(("50", "51", "52"))
    ]
    rows += [panel_row(y, "53", "north", 0, 0, 0, 0, np.nan) for y in YEARS]
    panel = pd.DataFrame(rows)
    fitted = model.fit(panel, panel, YEARS).quantities["completion"]
    empty = fitted.units.loc["53"]
    assert empty["weight"] == 0
    assert empty["mean"] == pytest.approx(fitted.hyper.group_mean["north"])
    assert empty["var"] == pytest.approx(fitted.hyper.tau2 + fitted.hyper.group_var["north"])


def known_model_panel(rng: np.random.Generator, provinces: int = 30, years: int = 6) -> pd.DataFrame:
    """Panels drawn from the model the planner assumes, with known variance components."""
    groups = np.arange(provinces) % 3
    level = {
        "cost": np.log(3000) + 0.1 * groups + rng.normal(0, 0.08, provinces),
        "completion": logit(0.9) + rng.normal(0, 0.3, provinces),
        "skill_use": logit(0.8) + rng.normal(0, 0.3, provinces),
    }
    steps = {name: np.cumsum(rng.normal(0, 0.04, years)) for name in level}
    rows = []
    for t in range(years):
        budget = rng.uniform(150_000, 2_000_000, provinces)
        value = {k: level[k] + steps[k][t] + rng.normal(0, 0.05, provinces) for k in level}
        participants = np.round(budget / np.exp(value["cost"]))
        completed = rng.binomial(participants.astype(int), expit(value["completion"]))
        followed = rng.binomial(completed, 0.85)
        users = rng.binomial(followed, expit(value["skill_use"]))
        for u in range(provinces):
            rows.append(
                panel_row(
                    2560 + t,
                    f"{u:02d}",
                    f"g{groups[u]}",
                    participants[u],
                    completed[u],
                    followed[u],
                    users[u],
                    budget[u],
                )
            )
    return pd.DataFrame(rows)


def test_80_percent_intervals_cover_about_80_percent_of_outcomes_from_a_known_model():
    inside = []
    for seed in range(16):
        panel = known_model_panel(np.random.default_rng(seed))
        past, last = panel[panel["fiscal_year"] < 2565], panel[panel["fiscal_year"] == 2565].set_index("unit")
        fitted = model.fit(past, past, tuple(range(2560, 2565)))
        draws = model.simulate(fitted, last["budget"], seed=seed)
        actual = {
            "participants": last["participants"],
            "skill_users": last["completed"] * last["skill_users"] / last["skill_followed_up"],
        }
        for metric, values in actual.items():
            low, high = np.percentile(draws[metric], (10, 90), axis=1)
            inside.extend((values.to_numpy() >= low) & (values.to_numpy() <= high))
    assert 0.72 <= np.mean(inside) <= 0.88


def test_apportion_gives_whole_baht_that_sum_exactly_to_the_budget():
    shares = proposal.apportion(1_000_001, pd.Series([1.0, 1.0, 1.0], index=["a", "b", "c"]))
    assert shares.sum() == 1_000_001 and shares.max() - shares.min() <= 1
    assert proposal.apportion(100, pd.Series([0.0, 0.0], index=["a", "b"])).tolist() == [50, 50]


def test_outcome_weighting_moves_money_to_more_skill_users_per_baht():
    rates = pd.DataFrame(
        {"cost": [3000.0, 3000.0], "completion": [0.9, 0.9], "skill_use": [0.9, 0.45]}, index=["50", "51"]
    )
    last = pd.Series({"50": 1_000_000.0, "51": 1_000_000.0})
    weights = proposal.weights("outcome", last, rates)
    assert weights["50"] == pytest.approx(2 * weights["51"])
    assert proposal.weights("equal", last, rates).tolist() == [1.0, 1.0]


# --- on a demo database ------------------------------------------------------------------------


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def demo_db(request, tmp_path_factory):
    """The small demo (3,000 participants, seed 5) on each backend; the tests only read it."""
    if request.param == "sqlite":
        db = small_demo(tmp_path_factory.mktemp("plan"))
    else:
        db = Database(request.getfixturevalue("postgres_demo_url"))
    yield db
    db.dispose()


SELECTION = Selection(fiscal_years=(2568,), as_of=demo.AS_OF)


def test_the_plan_is_for_the_next_year_and_learns_only_from_complete_years(demo_db):
    plan = proposal.proposal(demo_db, SELECTION, EXECUTIVE, 50_000_000.0)
    assert plan.fiscal_year == 2569 and plan.fit_years == YEARS  # FY2568 is still running
    assert plan.budget == 50_000_000 and plan.provinces["budget"].sum() == 50_000_000
    assert len(plan.provinces) == 77


def test_a_provincial_head_plans_their_province_only_with_the_same_figures(demo_db):
    mine = proposal.proposal(demo_db, SELECTION.replace(provinces=("50",)), HEAD_50, 800_000.0)
    assert mine.provinces["code"].tolist() == ["50"]
    custom = proposal.proposal(demo_db, SELECTION, EXECUTIVE, None, "custom", (("50", 800_000.0),))
    theirs = custom.provinces.set_index("code").loc["50"]
    for outcome in model.OUTCOMES:
        assert mine.provinces[outcome].iloc[0] == pytest.approx(theirs[outcome])
    assert mine.total["participants"] == pytest.approx(mine.provinces["participants"].iloc[0])


def test_a_provincial_heads_plan_cannot_be_widened_by_the_selection(demo_db):
    with pytest.raises(UserError, match="no province within your scope"):
        proposal.proposal(demo_db, SELECTION.replace(regions=("south",)), HEAD_50, 800_000.0)


def test_backtest_predicts_each_complete_year_from_earlier_ones(demo_db):
    rows = backtest.backtest(demo_db, SELECTION, EXECUTIVE)
    assert sorted(rows["fiscal_year"].unique()) == [2566, 2567]
    assert set(rows["metric"]) == {"participants", "skill_users"}
    assert (rows["low"] <= rows["estimate"]).all() and (rows["estimate"] <= rows["high"]).all()
    figures = backtest.summary(rows)
    assert 0.7 <= figures["coverage"] <= 0.9
    assert 0 < figures["mape_participants"] < figures["mape_skill_users"] < 0.6


def test_planning_needs_two_complete_years(demo_db):
    with pytest.raises(UserError, match="2 complete fiscal years"):
        fitting.fit_years(demo_db, Selection(fiscal_years=(2565,), as_of=date(2022, 6, 1)))


def test_yearly_panel_sums_the_skill_completers_and_squared_gains(db):
    d = (
        Dataset()
        .course("A", fy=2566, province="50")
        .course("E", fy=2566, province="50", activity="employment")
    )
    d.participant("A", "a", True, 5000).participant("A", "b", True, 6000).participant("E", "e", True, 1000)
    d.followup("A", "a", date(2023, 5, 1), uses_skill=True, income_after=8000)
    d.followup("A", "b", date(2023, 5, 1), uses_skill=False, income_after=5000)
    d.allocation(2566, "50", 90_000)
    d.load(db)
    panel = yearly_panel(
        db, Selection(fiscal_years=(2566,), provinces=("50",), as_of=date(2023, 9, 30)), EXECUTIVE
    )
    row = panel.set_index("unit").loc["50"]
    assert (row["participants"], row["completed"], row["skill_completed"]) == (3, 3, 2)
    assert row["income_gain_sum"] == 2000 and row["income_gain_square_sum"] == 3000**2 + 1000**2
    assert row["budget"] == 90_000 and row["group"] == "north"


def test_cached_plans_backtests_and_forecasts_never_cross_scopes(demo_db):
    for compute in (
        lambda scope: proposal.proposal(demo_db, SELECTION, scope, 1_000_000.0).provinces["code"],
        lambda scope: backtest.backtest(demo_db, SELECTION, scope)["province"],
        lambda scope: forecast.forecast(demo_db, SELECTION, scope)["province"],
    ):
        assert compute(EXECUTIVE).nunique() > 1  # warms the cache with every province
        assert set(compute(HEAD_50)) == {"50"}
