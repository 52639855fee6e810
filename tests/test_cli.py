"""The command line's contract (DESIGN §8): `init` and `kpis --json`."""

import json
import os
import subprocess
import sys
from datetime import date

import pytest

from data_access.cli import main
from tests.builder import Dataset
from tests.test_kpis import hand_made

PROJECT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture
def cli_db(db, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db.url)
    return hand_made().load(db)


def run_json(capsys, *args):
    assert main(list(args)) == 0
    return json.loads(capsys.readouterr().out)


# DESIGN §8, word for word: the keys of `kpis --json`, in this order.
CONTRACT_KEYS = """participants, target_participants, target_attainment, completed, completion_rate,
followed_up, followup_coverage, skill_use_rate, income_before_mean, income_after_mean,
income_gain_mean, income_before_median, income_after_median, higher_income_share, employment_rate,
allocated, disbursed, disbursement_rate, cost_per_completer, payback_months"""


def test_kpis_json_has_exactly_the_contract_keys(cli_db, capsys):
    out = run_json(capsys, "kpis", "--fy", "2566", "--province", "50", "--as-of", "2023-09-30", "--json")
    assert list(out) == [key.strip() for key in CONTRACT_KEYS.split(",")]
    assert out["employment_rate"] == pytest.approx(3 / 4)
    assert out["participants"] == 6
    assert out["completion_rate"] == pytest.approx(5 / 6)
    assert out["disbursed"] == 75000
    assert out["income_before_median"] == 6000


def test_kpis_json_accepts_names_ce_years_and_prints_null(cli_db, capsys):
    out = run_json(capsys, "kpis", "--fy", "2023", "--province", "จ.ลำพูน", "--as-of", "2023-09-30", "--json")
    assert out["participants"] == 0
    assert out["completion_rate"] is None
    assert out["allocated"] == 20000


def test_kpis_region_and_skill_by_name(cli_db, capsys):
    out = run_json(
        capsys,
        "kpis",
        "--fy",
        "2566",
        "--region",
        "ภาคเหนือ",
        "--skill",
        "เกษตรกรรม",
        "--as-of",
        "2023-09-30",
        "--json",
    )
    assert out["participants"] == 4
    assert out["allocated"] is None


def test_unknown_province_is_a_clear_error(cli_db, capsys):
    assert main(["kpis", "--fy", "2566", "--province", "Atlantis", "--json"]) == 2
    err = capsys.readouterr().err
    assert "ไม่รู้จักจังหวัด 'Atlantis'" in err and "unknown province 'Atlantis'" in err


def test_as_unknown_user_is_refused(cli_db, capsys):
    assert main(["kpis", "--fy", "2566", "--as", "nobody", "--json"]) == 2
    assert "unknown user nobody" in capsys.readouterr().err


@pytest.mark.parametrize(
    "command",
    [
        ["kpis", "--fy", "2566", "--json", "--as", ""],
        ["import", "x.xlsx", "--as", ""],
        ["users", "--as", "", "list"],
    ],
)
def test_as_an_empty_name_is_refused_not_taken_as_the_operator(cli_db, capsys, command):
    """`--as "$USER_NAME"` with the variable unset once ran with full operator rights."""
    assert main(command) == 2
    out, err = capsys.readouterr()
    assert out == "" and 'unknown user ""' in err


def test_init_demo_from_a_real_process(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.db'}",
        "CITIZEN_ID_KEY": "k-0123456789abcdef0123456789abcdef",
    }
    done = subprocess.run(
        [sys.executable, "-m", "data_access", "init", "--demo", "--participants", "2000", "--seed", "7"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    shown = subprocess.run(
        [sys.executable, "-m", "data_access", "kpis", "--fy", "2567", "--json"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["participants"] > 0


def test_init_on_an_existing_database_keeps_its_data(cli_db, capsys):
    assert main(["init"]) == 0
    capsys.readouterr()
    out = run_json(capsys, "kpis", "--fy", "2566", "--province", "50", "--as-of", "2023-09-30", "--json")
    assert out["participants"] == 6
    assert Dataset is not None and date is not None


@pytest.mark.parametrize("command", ["kpis", "plan"])
def test_fy_is_required_where_the_contract_says_so(cli_db, capsys, command):
    with pytest.raises(SystemExit) as stopped:
        main([command, "--json"])
    assert stopped.value.code == 2
    assert "--fy" in capsys.readouterr().err
