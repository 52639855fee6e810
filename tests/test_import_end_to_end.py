"""From a hand-written workbook to `kpis --json`, through the command line (DESIGN §8).

The workbook is tests/submission.small(): Chiang Mai (50), FY2566.
  CM-01 skill AGR: a completed 5,000 → follow-ups 1 Mar (no, 4,500) and 15 Jun (yes, 8,000: latest);
                   b completed 6,000 → yes 7,000; c not completed 4,000.
  CM-02 skill FOOD: d completed 10,000 → no 9,000.
  CM-03 employment SERVICE: e completed 3,000 → yes 9,000 (not a skill course: no income KPIs).
  Disbursed 20,000 + 25,000 + 30,000 + 25,000 = 100,000; allocated 100,000 + 50,000; target 10 people.
By hand: 5 participants, 4 completers (a b d e), all 4 followed up; skill use over a b d = 2/3;
incomes before 5,000 6,000 10,000 (mean 7,000, median 6,000), after 8,000 7,000 9,000 (mean 8,000,
median 8,000), gain 1,000; higher income a b = 2/3; employed at the latest follow-up a b e of
the 4 followed up (d is not working) = 3/4; cost per completer 100,000 / 4 = 25,000; payback
25,000 / 1,000 = 25 months.
"""

import json
from datetime import UTC, datetime

import pytest

from data_access.cli import main
from data_access.schema import users
from tests.submission import run, small, xlsx

EXPECTED = {
    "participants": 5,
    "target_participants": 10,
    "target_attainment": 0.5,
    "completed": 4,
    "completion_rate": 0.8,
    "followed_up": 4,
    "followup_coverage": 1.0,
    "skill_use_rate": 2 / 3,
    "income_before_mean": 7000,
    "income_after_mean": 8000,
    "income_gain_mean": 1000,
    "income_before_median": 6000,
    "income_after_median": 8000,
    "higher_income_share": 2 / 3,
    "employment_rate": 3 / 4,
    "allocated": 150000,
    "disbursed": 100000,
    "disbursement_rate": 100000 / 150000,
    "cost_per_completer": 25000,
    "payback_months": 25,
}


@pytest.fixture
def cli(db, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db.url)
    with db.engine.begin() as conn:
        for name, role, scope in (("cm_staff", "staff", "50"), ("boss", "executive", "")):
            conn.execute(
                users.insert().values(username=name, role=role, scope=scope, created_at=datetime.now(UTC))
            )
    return db


def write(tmp_path, sheets, name="submission.xlsx"):
    path = tmp_path / name
    path.write_bytes(xlsx(sheets))
    return str(path)


def test_import_then_kpis_json_gives_the_hand_computed_values(cli, tmp_path, capsys):
    assert main(["import", write(tmp_path, small())]) == 0
    capsys.readouterr()
    assert main(["kpis", "--fy", "2566", "--province", "50", "--as-of", "2023-09-30", "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got == pytest.approx(EXPECTED)


def test_import_exit_0_prints_the_counts(cli, tmp_path, capsys):
    assert main(["import", write(tmp_path, small()), "--as", "cm_staff"]) == 0
    out = capsys.readouterr().out
    assert "ผู้เข้าอบรม / participants: imported: new 5, updated 0, unchanged 0, removed 0" in out


def test_import_exit_1_prints_every_problem_and_writes_nothing(cli, tmp_path, capsys):
    sheets = small()
    sheets["courses"][2][2] = "ลำพูน"
    sheets["participants"][1][5] = "lots"
    assert main(["import", write(tmp_path, sheets), "--as", "cm_staff"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("ไม่นำเข้า: พบข้อผิดพลาด 2 รายการ") and "Not imported: 2 problems found" in out
    assert "[error] courses!C3 (province) = ลำพูน" in out and "is outside your scope" in out
    assert "[error] participants!F2 (income_before) = lots" in out and "Not a number" in out
    assert main(["kpis", "--fy", "2566", "--json"]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[-1])["participants"] == 0


def test_a_dry_run_shows_the_changes_and_writes_nothing(cli, tmp_path, capsys):
    assert main(["import", write(tmp_path, small()), "--dry-run"]) == 0
    assert "would change: new 5" in capsys.readouterr().out
    assert run(cli, small()).counts()["participants"]["new"] == 5


def test_import_refuses_a_role_without_upload(cli, tmp_path, capsys):
    assert main(["import", write(tmp_path, small()), "--as", "boss"]) == 1
    assert "may not upload" in capsys.readouterr().out


def test_import_of_a_missing_file_or_unknown_user(cli, tmp_path, capsys):
    assert main(["import", str(tmp_path / "nowhere.xlsx")]) == 2
    assert main(["import", write(tmp_path, small()), "--as", "nobody"]) == 2
    assert "unknown user nobody" in capsys.readouterr().err
