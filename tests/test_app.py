"""AppTest runs of the frame on a small demo database (fixtures `demo_url` and `app` in conftest)."""

from assets.i18n import t
from data_access import demo, kpis
from data_access.db import Database
from data_access.selection import Scope, Selection
from tests.apptest import run_app
from ui import format as fmt

EVERYONE = Scope("guest", "executive")


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_overview_shows_the_kpis_of_data_access(app, demo_url):
    at = app()
    assert not at.exception
    expected = kpis.kpi_summary(
        Database(demo_url), Selection(fiscal_years=(2568,), as_of=demo.AS_OF), EVERYONE
    )
    shown = metrics(at)
    assert shown["ผู้เข้าอบรม"] == fmt.number(expected["participants"])
    assert shown["อัตราการนำทักษะไปใช้"] == fmt.percent(expected["skill_use_rate"])
    assert shown["อัตราการเบิกจ่าย"] == fmt.percent(expected["disbursement_rate"])
    assert any("ข้อมูลตัวอย่าง" in w.value for w in at.warning)


def test_link_reproduces_the_view_in_english(app, demo_url):
    at = app(lang="en", fy="2566", province="50")
    assert not at.exception
    expected = kpis.kpi_summary(
        Database(demo_url), Selection(fiscal_years=(2566,), provinces=("50",), as_of=demo.AS_OF), EVERYONE
    )
    assert metrics(at)["Participants"] == fmt.number(expected["participants"])
    assert at.query_params["province"] == "50"
    assert "Chiang Mai" in at.caption[0].value


def test_invalid_link_values_are_ignored_with_a_notice(app):
    at = app(province="99", fy="1999")
    assert not at.exception
    assert any(w.value.endswith("ปีงบประมาณ “1999”, จังหวัด “99”") for w in at.warning)
    assert at.selectbox(key="province").value == ""


def test_empty_selection_says_so_and_draws_nothing(app, demo_url):
    nothing = Selection(fiscal_years=(2568,), provinces=("10",), skills=("AGR",), as_of=demo.AS_OF)
    assert kpis.kpi_summary(Database(demo_url), nothing, EVERYONE)["participants"] == 0  # in the demo data
    at = app(fy="2568", province="10", skill="AGR")
    assert not at.exception
    assert t("empty.no_data", "th") in [i.value for i in at.info]
    assert not at.metric and not at.get("plotly_chart")


def test_an_unreachable_database_is_said_in_both_languages_not_as_an_error_box(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=2")
    monkeypatch.setenv("CITIZEN_ID_KEY", "test-key-0123456789abcdef0123456789abcdef")
    at = run_app(user=None)
    assert not at.exception
    assert [e.value for e in at.error] == [
        "ติดต่อฐานข้อมูลไม่ได้ในขณะนี้ ระบบจะลองใหม่เองทุก 10 วินาที ข้อมูลที่บันทึกไว้ไม่สูญหาย\n\n"
        "The database cannot be reached right now; the dashboard retries by itself every 10 seconds. "
        "Nothing saved is lost."
    ]
    assert not at.text_input and not at.metric
