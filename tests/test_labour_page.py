"""The Labour situation page (AppTest) for each role: the unemployment map, a place's forecast
with its backtest in words, reach against need, the latest values; nothing outside the scope;
the empty state; forecasts made once, on the first view after new figures, with a message."""

import numpy as np
import pytest
from sqlalchemy import delete

from data_access import reference
from data_access.db import Database
from data_access.labour import engine, forecasts
from data_access.schema import labour_values
from tests.apptest import run_app
from tests.labour_builder import store
from tests.small_demo import small_demo
from tests.test_role_matrix import everything_shown, names_outside
from tests.test_roles import visible_text

QUARTERS = ["2560Q1", *engine.following("2560Q1", 33)]  # 2560Q1 … 2568Q2
FY2567_MONTHS = ["2566-10", *engine.following("2566-10", 11)]
NORTH = set(reference.provinces_of_region("north"))
PAGE = "pages/labour.py"


def market_rows(codes) -> list[tuple[str, str, str, float]]:
    """Every province: a labour force by its code, unemployment with a Q1 peak; a year of claims."""
    rows = []
    for code in codes:
        rng = np.random.default_rng(int(code))
        force = 20_000.0 + 1_000 * int(code)
        rate = 0.01 + 0.0004 * (int(code) % 50)
        for i, period in enumerate(QUARTERS):
            season = 1.3 if period.endswith("Q1") else 1.0
            rows.append((code, "lfs_labour_force", period, round(force * (1 + 0.001 * i), 1)))
            rows.append(
                (code, "lfs_unemployed", period, round(force * rate * season * rng.uniform(0.95, 1.05), 1))
            )
        for month in FY2567_MONTHS:
            rows += [
                (code, "sso_unemployment_claims", month, 30.0),
                (code, "sso_insured_33", month, force / 4),
            ]
            rows.append((code, "sso_insured_39", month, force / 40))
    return rows


def without_labour(folder) -> Database:
    db = small_demo(folder)
    with db.engine.begin() as conn:
        conn.execute(delete(labour_values))
    return db


@pytest.fixture(scope="module")
def market_url(tmp_path_factory):
    db = without_labour(tmp_path_factory.mktemp("labour_page"))
    store(db, market_rows([p.code for p in reference.provinces()]))
    forecasts.ensure(db, workers=1)
    db.dispose()
    return db.url


@pytest.fixture
def market(market_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", market_url)
    return market_url


def charts(at) -> list[str]:
    return [chart.proto.spec for chart in at.get("plotly_chart")]


def test_an_executive_sees_the_map_the_forecast_and_reach(market):
    at = run_app(page=PAGE, user="demo_exec", fy="2567")
    assert not at.exception
    assert at.title[0].value == "สถานการณ์แรงงาน"
    specs = charts(at)
    assert len(specs) == 4  # rate map, change map, fan, need against reach
    assert "อัตราการว่างงาน เม.ย.–มิ.ย. 2568" in specs[0]  # the latest quarter, by its months
    assert "ม.ค.–มี.ค. 2566" in specs[2] and "ช่วงคาดการณ์ 80%" in specs[2]
    assert "ความต้องการสูง เข้าถึงน้อย" in specs[3]
    assert any("ทดสอบย้อนหลัง" in info.value for info in at.info)
    assert at.selectbox(key="labour_place").value == reference.NATIONAL
    assert len(at.dataframe[0].value) == 77
    assert any("ความต้องการสูง เข้าถึงน้อย" in md.value for md in at.markdown)


def test_a_provincial_head_sees_their_province_and_only_totals_of_the_rest(market):
    at = run_app(page=PAGE, user="demo_cm", fy="2567")
    assert not at.exception
    assert at.selectbox(key="labour_place").options == ["ทั้งประเทศ", "ภาคเหนือ", "เชียงใหม่"]
    assert at.selectbox(key="labour_place").value == "50"
    assert at.dataframe[0].value["จังหวัด"].tolist() == ["เชียงใหม่"]
    labels = [m.label for m in at.metric]
    assert labels[0].startswith("เชียงใหม่") and any(label.startswith("ทั้งประเทศ") for label in labels)
    shown = everything_shown(at)
    assert [name for name in names_outside({"50"}) if name in shown] == []


def test_regional_staff_see_nothing_outside_their_region(market):
    at = run_app(page=PAGE, user="demo_north_staff", fy="2567")
    assert not at.exception
    assert len(at.dataframe[0].value) == len(NORTH)
    assert [name for name in names_outside(NORTH) if name in everything_shown(at)] == []


def test_another_indicator_in_english(market):
    at = run_app(page=PAGE, user="demo_exec", fy="2567", lang="en")
    at.selectbox(key="labour_indicator").set_value("lfs_unemployed").run()
    assert not at.exception
    assert "Jan–Mar 2566" in charts(at)[2]
    assert at.dataframe[0].value.columns.tolist()[3] == "unemployed"


def test_without_labour_figures_the_page_says_how_to_load_them(tmp_path, monkeypatch):
    db = without_labour(tmp_path)
    monkeypatch.setenv("DATABASE_URL", db.url)
    at = run_app(page=PAGE, user="demo_exec")
    assert not at.exception
    assert "ยังไม่มีข้อมูลสถานการณ์แรงงาน" in visible_text(at)
    assert charts(at) == []


def test_the_first_view_after_new_figures_makes_the_forecasts_once(tmp_path, monkeypatch):
    db = without_labour(tmp_path)
    store(db, market_rows(["50", "51"]))
    monkeypatch.setenv("DATABASE_URL", db.url)
    at = run_app(page=PAGE, user="demo_exec", fy="2567", lang="en")
    assert not at.exception
    assert [s.label for s in at.status] == ["Forecasts computed"]
    assert forecasts.is_current(db)
    again = run_app(page=PAGE, user="demo_exec", fy="2567", lang="en")
    assert not again.exception and len(again.status) == 0
