"""AppTest of the Budget planning page on a small demo database: what it shows is what
`data_access.planning` computes, in Thai and English, for every way of sharing the budget."""

import io

import openpyxl
import pytest

from assets.i18n import t
from data_access import demo
from data_access.db import Database
from data_access.planning import backtest, forecast, proposal
from data_access.selection import Scope, Selection
from tests.apptest import run_app
from tests.small_demo import small_demo
from ui import format as fmt
from ui import planning_view

PAGE = "pages/budget_planning.py"
EVERYONE = Scope("guest", "executive")
SELECTION = Selection(fiscal_years=(2568,), as_of=demo.AS_OF)


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    db = small_demo(tmp_path_factory.mktemp("planning_page"))
    db.dispose()
    return db.url


@pytest.fixture
def app(demo_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", demo_url)
    return lambda **params: run_app(page=PAGE, user="demo_exec", **params)


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def expected_plan(url, budget=None, basis="last_year", amounts=()):
    db = Database(url)
    if budget is None:
        budget = float(round(proposal.recent_actuals(db, SELECTION, EVERYONE)["allocation"].sum()))
    return proposal.proposal(db, SELECTION, EVERYONE, budget, basis, amounts)


def test_the_page_shows_the_proposal_backtest_and_forecast_of_data_access(app, demo_url):
    at = app()
    assert not at.exception
    assert at.title[0].value == "แผนงบประมาณปีงบประมาณ 2569"
    plan = expected_plan(demo_url)
    shown = metrics(at)
    assert shown["ผู้เข้าอบรม"] == fmt.number(plan.total["participants"])
    assert shown["ผู้นำทักษะไปใช้ประกอบอาชีพ"] == fmt.number(plan.total["skill_users"])
    low, high = fmt.number(plan.total["participants_low"]), fmt.number(plan.total["participants_high"])
    assert any(f"ช่วง 80%: {low} – {high}" in c.value for c in at.caption)
    figures = backtest.summary(backtest.backtest(Database(demo_url), SELECTION, EVERYONE))
    assert shown["ค่าจริงที่อยู่ในช่วง 80%"] == fmt.percent(figures["coverage"])
    outlook = forecast.forecast(Database(demo_url), SELECTION, EVERYONE)
    behind, quarter = outlook[outlook["at_risk"]], int(outlook["quarter"].dropna().iloc[0])
    assert len(behind) > 0  # the demo data has provinces behind this quarter's target
    shortfall = fmt.baht(behind["shortfall"].sum(), "th")
    warning = t("planning.forecast_at_risk", "th", n=len(behind), quarter=quarter, shortfall=shortfall)
    assert warning in [w.value for w in at.warning]
    assert len(at.dataframe[0].value) == 77


def test_in_english_with_another_budget_and_equal_shares(app, demo_url):
    at = app(lang="en")
    at.number_input(key="plan_budget").set_value(7_700_000)
    at.segmented_control(key="plan_basis").set_value("equal")
    at.run()
    assert not at.exception
    assert at.title[0].value == "Budget plan for FY2569"
    plan = expected_plan(demo_url, 7_700_000.0, "equal")
    assert set(plan.provinces["budget"]) == {100_000}
    assert metrics(at)["Skill users"] == fmt.number(plan.total["skill_users"])


def test_amounts_typed_per_province_make_the_budget(app, demo_url):
    at = app()
    at.segmented_control(key="plan_basis").set_value("custom")
    at.run()
    table = at.data_editor(key="plan_amounts").value
    row = table.index[table["code"] == "50"][0]
    at.session_state["plan_amounts"] = {
        "edited_rows": {int(row): {"amount": 2_000_000}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception
    amounts = dict(zip(table["code"], table["amount"], strict=True)) | {"50": 2_000_000.0}
    plan = expected_plan(demo_url, None, "custom", tuple(amounts.items()))
    assert metrics(at)["ผู้เข้าอบรม"] == fmt.number(plan.total["participants"])


def test_a_year_without_two_complete_years_before_it_says_so(app):
    at = app(fy="2564")
    assert not at.exception
    assert any("อย่างน้อย 2 ปี" in i.value for i in at.info)


def test_the_excel_annex_has_every_province_the_total_and_how_it_was_made(demo_url):
    plan = expected_plan(demo_url, 50_000_000.0, "outcome")
    book = openpyxl.load_workbook(io.BytesIO(planning_view.annex_workbook(plan, "en")), read_only=True)
    assert book.sheetnames == ["Plan by province", "Basis"]
    rows = list(book["Plan by province"].values)
    header, provinces, total = rows[0], rows[1:-1], rows[-1]
    assert header[:4] == ("Code", "Province", "Budget (baht)", "Participants")
    assert len(provinces) == 77 and sum(r[2] for r in provinces) == 50_000_000
    assert total[1] == "Total" and total[3] == pytest.approx(plan.total["participants"])
    basis = dict(list(book["Basis"].values)[1:])
    assert basis["Plan fiscal year"] == "2569" and basis["Budget shares"] == "Outcome-weighted"
