"""`plan --json` (DESIGN §8): the contract's exact shape, budgets that add up, scope, errors."""

import json
from datetime import UTC, datetime

import pytest

from data_access.cli import main
from data_access.schema import users
from tests.small_demo import small_demo

OUTCOMES = ["participants", "completers", "skill_users", "income_gain_monthly"]


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    db = small_demo(tmp_path_factory.mktemp("plan_cli"))
    with db.engine.begin() as conn:
        conn.execute(
            users.insert().values(
                username="head50", role="provincial", scope="50", created_at=datetime.now(UTC)
            )
        )
    db.dispose()
    return db.url


@pytest.fixture
def cli(demo_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", demo_url)


def plan(capsys, *args):
    assert main(["plan", "--fy", "2568", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def check_outcomes(row):
    assert list(row)[-4:] == OUTCOMES
    for name in OUTCOMES:
        assert list(row[name]) == ["estimate", "low", "high"]
        assert all(isinstance(v, int) for v in row[name].values())
        assert row[name]["low"] <= row[name]["estimate"] <= row[name]["high"]


def test_plan_json_has_exactly_the_contract_shape(cli, capsys):
    out = plan(capsys, "--budget", "50000000")
    assert list(out) == ["fiscal_year", "budget", "provinces", "total"]
    assert out["fiscal_year"] == 2569 and out["budget"] == 50_000_000
    assert len(out["provinces"]) == 77
    first = out["provinces"][0]
    assert list(first) == ["code", "name_th", "budget", *OUTCOMES]
    assert first["code"] == "10" and first["name_th"] == "กรุงเทพมหานคร"
    for row in out["provinces"]:
        check_outcomes(row)
    assert list(out["total"]) == ["budget", *OUTCOMES]
    check_outcomes(out["total"])
    assert out["total"]["budget"] == sum(p["budget"] for p in out["provinces"]) == 50_000_000


def test_total_interval_is_narrower_than_the_sum_of_province_intervals_but_not_zero(cli, capsys):
    out = plan(capsys)
    total = out["total"]["participants"]
    summed = sum(p["participants"]["high"] - p["participants"]["low"] for p in out["provinces"])
    assert 0 < total["high"] - total["low"] < summed
    assert total["low"] <= sum(p["participants"]["estimate"] for p in out["provinces"]) <= total["high"]


def test_region_and_equal_shares(cli, capsys):
    out = plan(capsys, "--region", "ภาคเหนือ", "--budget", "9,000,000", "--basis", "equal")
    assert [p["code"] for p in out["provinces"]] == [str(c) for c in range(50, 59)]
    assert {p["budget"] for p in out["provinces"]} == {1_000_000}


def test_a_provincial_head_gets_only_their_province(cli, capsys):
    out = plan(capsys, "--as", "head50", "--budget", "800000")
    assert [p["code"] for p in out["provinces"]] == ["50"]
    assert out["total"]["participants"] == out["provinces"][0]["participants"]


def test_a_bad_budget_is_a_clear_error(cli, capsys):
    assert main(["plan", "--fy", "2568", "--budget", "lots", "--json"]) == 2
    err = capsys.readouterr().err
    assert "งบประมาณไม่ถูกต้อง 'lots'" in err and "invalid budget 'lots'" in err


def test_too_few_complete_years_is_a_clear_error(cli, capsys):
    assert main(["plan", "--fy", "2564", "--json"]) == 2
    assert "planning needs at least 2 complete fiscal years up to FY2564" in capsys.readouterr().err
