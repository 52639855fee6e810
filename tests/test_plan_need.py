"""Sharing next year's budget by need (`plan --basis need`): shares of next fiscal year's
unemployed or claimants — published where published, forecast for the rest — optionally blended
with outcome per baht; exact shares on hand-made figures."""

import json

import pandas as pd
import pytest
from sqlalchemy import delete, insert

from data_access import reference
from data_access.cli import main
from data_access.db import set_meta
from data_access.labour import forecasts, need
from data_access.planning import proposal
from data_access.schema import labour_forecasts, labour_values
from data_access.selection import Scope
from tests.labour_builder import store
from tests.small_demo import small_demo

NORTH = reference.provinces_of_region("north")
FY2569_AHEAD = ["2569Q1", "2569Q2", "2569Q3"]  # 2568Q4 is published; the rest forecast
EXECUTIVE = Scope("exec", "executive")


def hand_made_need(db, unemployed: dict[str, float]) -> None:
    """Each province's 2568Q4 published and 2569Q1–Q3 forecast, all equal to its figure; the
    stored forecasts are marked current, as if computed from these figures."""
    with db.engine.begin() as conn:
        conn.execute(delete(labour_values))
    store(db, [(code, "lfs_unemployed", "2568Q4", value) for code, value in unemployed.items()])
    rows = [
        dict(
            place=code,
            indicator="lfs_unemployed",
            period=p,
            step=i + 1,
            estimate=v,
            low=v * 0.9,
            high=v * 1.1,
        )
        for code, v in unemployed.items()
        for i, p in enumerate(FY2569_AHEAD)
    ]
    with db.engine.begin() as conn:
        conn.execute(delete(labour_forecasts))
        conn.execute(insert(labour_forecasts), rows)
        set_meta(conn, forecasts.VERSION_KEY, forecasts.labour_version(db))


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = small_demo(tmp_path_factory.mktemp("plan_need"))
    yield db
    db.dispose()


def test_need_shares_are_each_provinces_share_of_next_years_need():
    rates = pd.DataFrame(
        {"completion": [0.8, 0.8], "skill_use": [0.5, 0.5], "cost": [1000.0, 1000.0]}, ["50", "51"]
    )
    last = pd.Series({"50": 100.0, "51": 300.0})
    shares = proposal.weights("need", last, rates, pd.Series({"50": 300.0, "51": 100.0}))
    assert shares.tolist() == [0.75, 0.25]
    # blended half with outcome-weighted shares (equal outcomes: last year's 1/4 and 3/4)
    blended = proposal.weights("need", last, rates, pd.Series({"50": 300.0, "51": 100.0}), blend=0.5)
    assert blended.tolist() == pytest.approx([0.5 * 0.75 + 0.5 * 0.25, 0.5 * 0.25 + 0.5 * 0.75])


def test_next_years_need_takes_published_quarters_and_forecasts_for_the_rest(demo_db):
    hand_made_need(demo_db, {"50": 4000.0, "51": 1000.0})
    store(demo_db, [("51", "lfs_unemployed", "2569Q1", 2000.0)])  # published: preferred to its forecast
    set_meta_current(demo_db)
    got = need.next_year(demo_db, EXECUTIVE, 2569, "lfs_unemployed", forecasts.stored_version(demo_db))
    assert got["50"] == 4000.0
    assert got["51"] == (1000 + 2000 + 1000 + 1000) / 4  # a stock: the mean of the year's quarters
    assert pd.isna(got["10"])  # no figures for Bangkok
    head = Scope("head50", "provincial", frozenset({"50"}))
    assert need.next_year(demo_db, head, 2569, "lfs_unemployed", "v").index.tolist() == ["50"]


def set_meta_current(db) -> None:
    with db.engine.begin() as conn:
        set_meta(conn, forecasts.VERSION_KEY, forecasts.labour_version(db))


def test_plan_basis_need_shares_the_budget_exactly(demo_db, monkeypatch, capsys):
    hand_made_need(demo_db, {code: (4000.0 if code == "50" else 1000.0) for code in NORTH})
    monkeypatch.setenv("DATABASE_URL", demo_db.url)
    args = ["plan", "--fy", "2568", "--region", "north", "--budget", "9000000", "--basis", "need", "--json"]
    assert main(args) == 0
    budgets = {p["code"]: p["budget"] for p in json.loads(capsys.readouterr().out)["provinces"]}
    assert budgets == {code: (3_000_000 if code == "50" else 750_000) for code in NORTH}
    assert main([*args, "--blend", "1"]) == 0  # all outcome: the outcome-weighted plan
    blended = json.loads(capsys.readouterr().out)
    assert main([*args[:-3], "--basis", "outcome", "--json"]) == 0
    assert blended["provinces"] == json.loads(capsys.readouterr().out)["provinces"]


def test_plan_basis_need_without_figures_says_what_is_missing(demo_db, monkeypatch, capsys):
    hand_made_need(demo_db, {"50": 4000.0})
    monkeypatch.setenv("DATABASE_URL", demo_db.url)
    assert main(["plan", "--fy", "2568", "--region", "north", "--basis", "need", "--json"]) == 2
    err = capsys.readouterr().err
    assert "No lfs_unemployed for FY2569" in err and "51, 52" in err
    assert main(["plan", "--fy", "2568", "--basis", "need", "--blend", "2", "--json"]) == 2
    assert "between 0 and 1" in capsys.readouterr().err
