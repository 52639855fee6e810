"""Labour forecasts kept in the database (on SQLite and PostgreSQL): computed once per version of
the labour figures, read within the user's scope, and printed by `forecast --json` (DESIGN §9)."""

import json

import numpy as np
import pytest

from data_access import users
from data_access.cli import main
from data_access.db import bump_data_version
from data_access.labour import engine, forecasts
from data_access.selection import Scope
from tests.labour_builder import store

QUARTERS = ["2560Q1", *engine.following("2560Q1", 33)]  # 2560Q1 … 2568Q2
HEAD_50 = Scope("head50", "provincial", frozenset({"50"}))


def labour_rows(code: str, scale: float) -> list[tuple[str, str, str, float]]:
    rng = np.random.default_rng(int(code))
    season = np.tile([1.3, 1.1, 0.8, 0.8], 9)[: len(QUARTERS)]
    rows = []
    for i, period in enumerate(QUARTERS):
        unemployed = scale * 20 * season[i] * (1 + rng.normal(0, 0.05))
        rows.append((code, "lfs_unemployed", period, round(unemployed, 1)))
        rows.append((code, "lfs_labour_force", period, round(scale * 1000 * (1 + 0.002 * i), 1)))
    return rows


@pytest.fixture
def labour_db(db, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db.url)
    store(db, labour_rows("50", 900) + labour_rows("51", 250))
    users.add(db, "head50", "provincial", "50", actor="test")
    return db


def forecast_json(capsys, *args):
    assert main(["forecast", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_forecasts_are_computed_once_per_version_of_the_labour_figures(labour_db):
    assert not forecasts.is_current(labour_db)
    assert forecasts.ensure(labour_db) is True
    assert forecasts.is_current(labour_db)
    assert forecasts.ensure(labour_db) is False
    with labour_db.engine.begin() as conn:  # the project's own records change: nothing to refit
        bump_data_version(conn)
    assert forecasts.is_current(labour_db)
    store(labour_db, [("50", "lfs_unemployed", "2568Q3", 15000.0)])
    assert not forecasts.is_current(labour_db)
    assert forecasts.ensure(labour_db) is True
    stored = forecasts.forecast(
        labour_db, HEAD_50, "lfs_unemployed", "50", forecasts.stored_version(labour_db)
    )
    assert stored["period"].iloc[0] == "2568Q4"


def test_forecast_json_follows_the_contract(labour_db, capsys):
    out = forecast_json(capsys, "--indicator", "lfs_unemployed", "--province", "เชียงใหม่")
    assert list(out) == ["indicator", "place", "unit", "series", "forecast", "method", "backtest"]
    assert (out["indicator"], out["place"], out["unit"]) == ("lfs_unemployed", "50", "persons")
    assert [row["period"] for row in out["series"]] == QUARTERS
    assert [row["period"] for row in out["forecast"]] == ["2568Q3", "2568Q4", "2569Q1", "2569Q2"]
    for row in out["forecast"]:
        assert list(row) == ["period", "estimate", "low", "high"]
        assert row["low"] < row["estimate"] < row["high"]
    assert out["method"] in ("seasonal_naive", "ets_ana", "ets_aada")
    assert list(out["backtest"]) == ["mase", "coverage"]
    assert 0 <= out["backtest"]["coverage"] <= 1 and out["backtest"]["mase"] > 0


def test_the_unemployment_rate_forecast_is_unemployed_over_labour_force(labour_db, capsys):
    rate = forecast_json(capsys, "--indicator", "unemployment_rate", "--province", "50", "--horizon", "8")
    unemployed = forecast_json(capsys, "--indicator", "lfs_unemployed", "--province", "50", "--horizon", "8")
    force = forecast_json(capsys, "--indicator", "lfs_labour_force", "--province", "50", "--horizon", "8")
    assert len(rate["forecast"]) == 8 and rate["unit"] == "fraction"
    for r, u, f in zip(rate["forecast"], unemployed["forecast"], force["forecast"], strict=True):
        assert r["estimate"] == pytest.approx(u["estimate"] / f["estimate"], abs=1e-5)
    assert rate["method"].startswith("ratio:")


def test_a_provincial_head_forecasts_only_their_province(labour_db, capsys):
    assert (
        main(["forecast", "--indicator", "lfs_unemployed", "--province", "51", "--as", "head50", "--json"])
        == 2
    )
    assert "51" in capsys.readouterr().err
    own = forecast_json(capsys, "--indicator", "lfs_unemployed", "--province", "50", "--as", "head50")
    assert own["forecast"]
    region = forecast_json(capsys, "--indicator", "lfs_unemployed", "--region", "north", "--as", "head50")
    assert region["series"] == [] and region["forecast"] == []  # the north lacks 7 provinces: no total


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--indicator", "nonsense"], "unknown indicator 'nonsense' (e.g. lfs_unemployed"),
        (["--indicator", "lfs_unemployed", "--horizon", "9"], "invalid horizon '9' (1 to 8)"),
        (["--indicator", "doe_vacancies", "--horizon", "x"], "invalid horizon 'x' (1 to 24)"),
        (["--indicator", "lfs_unemployed", "--province", "Atlantis"], "unknown province 'Atlantis'"),
    ],
)
def test_bad_arguments_are_told_in_thai_and_english(labour_db, capsys, args, message):
    assert main(["forecast", *args, "--json"]) == 2
    err = capsys.readouterr().err
    assert "ผิดพลาด:" in err and message in err
