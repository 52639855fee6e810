"""AppTest runs of the executive pages on a small demo database: the figures shown are
data_access's for the same selection, ?lang=en is English, and an empty selection says so."""

import base64
import json

import numpy as np
import pandas as pd
import pytest

from assets.i18n import t
from data_access import budget, courses_list, demo, kpis
from data_access.db import Database
from data_access.selection import Scope, Selection
from ui import format as fmt
from ui.tiles import short_name as tiles_short_name

EVERYONE = Scope("guest", "executive")
PAGES = ("pages/overview.py", "pages/budget.py", "pages/skill_income.py", "pages/province.py")


def selection(**filters) -> Selection:
    return Selection(fiscal_years=(2568,), as_of=demo.AS_OF, **filters)


def numbers(values) -> list[float]:
    """A Plotly array as numbers: Plotly 7 sends numeric arrays base64-encoded."""
    if isinstance(values, dict):
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def charts(at) -> dict[str, dict]:
    """Every Plotly figure on the page, by its title (ui.chart_view writes it above the chart and
    keeps it in the figure's meta)."""
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    return {spec["layout"]["meta"]["title"]: spec for spec in specs}


def chart(at, title_start: str) -> dict:
    return next(spec for title, spec in charts(at).items() if title.startswith(title_start))


@pytest.fixture
def db(demo_url):
    return Database(demo_url)


def test_overview_summary_names_the_participants_and_the_provinces_behind(app, db):
    at = app(page="pages/overview.py", user="demo_exec")
    assert not at.exception
    now = kpis.kpi_summary(db, selection(), EVERYONE)
    quarter, behind = budget.lagging_provinces(db, selection(), EVERYONE)
    paragraph = at.markdown[0].value
    assert f"มีผู้เข้าอบรม {fmt.number(now['participants'])} คน" in paragraph
    assert f"มี {len(behind)} จาก 77 จังหวัดที่เบิกจ่ายต่ำกว่าเป้าหมายไตรมาส {quarter}" in paragraph


def test_overview_map_and_trend_show_the_province_and_yearly_kpis(app, db):
    at = app(page="pages/overview.py", user="demo_exec")
    by_province = kpis.kpi_table(db, selection(), EVERYONE, ("province",), medians=False).set_index(
        "province"
    )
    tiles = chart(at, "อัตราการนำทักษะไปใช้ รายจังหวัด")["data"][2]
    shown = dict(zip(tiles["customdata"], tiles["text"], strict=True))
    for code in ("10", "50", "96"):
        assert shown[code].rstrip("*") == tiles_short_name(code) + "<br>" + fmt.compact(
            "skill_use_rate", by_province.loc[code, "skill_use_rate"]
        )
    years = kpis.kpi_table(
        db,
        selection().replace(fiscal_years=tuple(range(2564, 2569))),
        EVERYONE,
        ("fiscal_year",),
        medians=False,
    )
    trend = chart(at, "อัตราการนำทักษะไปใช้ ปีงบประมาณ 2564–2568")["data"][0]
    assert trend["x"] == [f"ปีงบ {y}" for y in range(2564, 2569)]
    assert numbers(trend["y"]) == pytest.approx(years["skill_use_rate"].tolist())


def test_overview_in_english_keeps_the_chosen_kpi_in_the_link(app):
    at = app(page="pages/overview.py", user="demo_exec", lang="en", kpi="disbursement_rate")
    assert not at.exception
    assert at.title[0].value == "Project outcomes at a glance"
    assert at.selectbox(key="kpi").value == "disbursement_rate"
    assert "Disbursement rate by province, FY2568" in charts(at)
    assert at.markdown[0].value.startswith("In FY2568,")


def test_choosing_a_province_on_the_overview_opens_its_page(app):
    at = app(page="pages/overview.py", user="demo_exec")
    at.selectbox(key="open_province").set_value("50").run()
    assert not at.exception
    # AppTest drops widget state on st.switch_page; test_browser checks the province arrives.
    assert at.title[0].value == "ข้อมูลรายจังหวัด"


def test_budget_lists_the_provinces_behind_target_as_data_access_does(app, db):
    at = app(page="pages/budget.py", user="demo_exec")
    assert not at.exception
    quarter, behind = budget.lagging_provinces(db, selection(), EVERYONE)
    table = at.dataframe[0].value
    assert table["จังหวัด"].tolist() == [fmt.province_name(c) for c in behind["province"]]
    assert table["อัตราการเบิกจ่าย"].tolist() == [fmt.percent(r) for r in behind["disbursement_rate"]]
    bars = chart(at, "งบจัดสรรและเบิกจ่ายรายจังหวัด")["data"]
    assert len(bars[0]["y"]) == 77
    assert at.subheader[0].value == f"จังหวัดที่เบิกจ่ายต่ำกว่าเป้าหมายไตรมาส {quarter}"


def test_budget_with_a_skill_says_the_target_check_cannot_be_made_instead_of_claiming_success(app):
    at = app(page="pages/budget.py", user="demo_exec", skill="AGR")
    assert not at.exception
    assert not at.success
    assert any("ตรวจไม่ได้ว่าจังหวัดใดเบิกจ่ายต่ำกว่าเป้าหมาย" in info.value for info in at.info)


def test_budget_in_english(app):
    at = app(page="pages/budget.py", user="demo_exec", lang="en", province="50")
    assert not at.exception
    assert at.title[0].value == "Budget use"
    assert any(title.startswith("Cumulative disbursement by month, FY2568") for title in charts(at))


def test_skill_to_income_lead_and_table_match_data_access(app, db):
    at = app(page="pages/skill_income.py", user="demo_exec")
    assert not at.exception
    now = kpis.kpi_summary(db, selection(), EVERYONE)
    lead = at.markdown[0].value
    assert fmt.percent(now["skill_use_rate"]) in lead and fmt.percent(now["higher_income_share"]) in lead
    by_skill = kpis.kpi_table(db, selection(), EVERYONE, ("skill",), medians=False)
    table = at.dataframe[0].value.set_index("ประเภททักษะ")
    for _, row in by_skill.iterrows():
        assert table.loc[fmt.skill_name(row["skill"]), "รายได้เพิ่มขึ้น (เฉลี่ย) (บาท/เดือน)"] == fmt.number(
            row["income_gain_mean"]
        )


def test_skill_to_income_in_english(app):
    at = app(page="pages/skill_income.py", user="demo_exec", lang="en")
    assert not at.exception
    assert at.title[0].value == "From skill to income"
    assert any(title.startswith("Spread of income gains, FY2568") for title in charts(at))


def test_province_page_sets_the_province_beside_its_region_and_the_nation(app, db):
    at = app(page="pages/province.py", user="demo_exec", province="50")
    assert not at.exception
    own = kpis.kpi_summary(db, selection(provinces=("50",)), EVERYONE)
    totals = kpis.comparison_totals(db, selection(provinces=("50",)), EVERYONE).set_index("level")
    table = at.dataframe[0].value.set_index("ตัวชี้วัด")
    assert list(table.columns) == ["หน่วย", "เชียงใหม่", "ภาคเหนือ", "ทั้งประเทศ", "เทียบกับภาค", "เทียบกับทั้งประเทศ"]
    assert table.loc["ผู้เข้าอบรม", "เชียงใหม่"] == fmt.number(own["participants"])
    assert table.loc["อัตราการนำทักษะไปใช้", "ภาคเหนือ"] == fmt.percent(totals.loc["region", "skill_use_rate"])
    # one unit per row: baht in full with separators, however large
    assert table.loc["งบจัดสรร", "หน่วย"] == "บาท"
    assert table.loc["งบจัดสรร", "ทั้งประเทศ"] == fmt.number(totals.loc["nation", "allocated"])
    assert table.loc["ผู้เข้าอบรม", "เทียบกับภาค"] == "—"  # a size, not an outcome
    assert at.selectbox(key="province_page_region").value == "north"


def test_province_comparison_marks_each_outcome_better_or_worse_than_the_nation(app, db):
    at = app(page="pages/province.py", user="demo_exec", province="50", fy="2567")
    chosen = selection(provinces=("50",)).replace(fiscal_years=(2567,))
    own = kpis.kpi_summary(db, chosen, EVERYONE)
    nation = kpis.comparison_totals(db, chosen, EVERYONE).set_index("level").loc["nation"]
    table = at.dataframe[0].value.set_index("ตัวชี้วัด")
    marked = 0
    for key in ("completion_rate", "followup_coverage", "skill_use_rate", "employment_rate"):
        if own[key] is None or pd.isna(nation[key]) or own[key] == nation[key]:
            continue
        better = own[key] > nation[key]
        assert table.loc[t(f"kpi.{key}"), "เทียบกับทั้งประเทศ"] == ("▲ ดีกว่า" if better else "▼ ด้อยกว่า")
        marked += 1
    assert marked


def test_province_course_list_is_searchable(app, db):
    at = app(page="pages/province.py", user="demo_exec", province="10", fy="2567")
    listed = courses_list.course_list(
        db, selection(provinces=("10",)).replace(fiscal_years=(2567,)), EVERYONE
    )
    assert at.dataframe[1].value["รหัสหลักสูตร"].tolist() == listed["course_code"].tolist()
    code = listed["course_code"].iloc[0]
    at.text_input(key="course_search").input(code).run()
    assert at.dataframe[1].value["รหัสหลักสูตร"].tolist() == [code]


def test_province_course_list_marks_courses_not_started_by_the_as_of_date(app, db):
    at = app(page="pages/province.py", user="demo_exec", province="50")
    listed = courses_list.course_list(db, selection(provinces=("50",)), EVERYONE)
    table = at.dataframe[1].value
    expected = ["ยังไม่เริ่ม" if start > demo.AS_OF else "—" for start in listed["start_date"]]
    assert "ยังไม่เริ่ม" in expected and table["สถานะ"].tolist() == expected


def test_province_page_in_english(app):
    at = app(page="pages/province.py", user="demo_exec", province="50", lang="en")
    assert not at.exception
    assert list(at.dataframe[0].value.columns) == [
        "Indicator",
        "Unit",
        "Chiang Mai",
        "North",
        "Whole country",
        "Against the region",
        "Against the nation",
    ]


def test_province_page_asks_for_a_province_first(app):
    at = app(page="pages/province.py", user="demo_exec")
    assert not at.exception
    assert any("เลือกภาคแล้วเลือกจังหวัด" in info.value for info in at.info)


def empty_selection(db) -> tuple[str, str]:
    """A (province, skill) pair with no course in FY2568 in the demo data."""
    table = kpis.kpi_table(db, selection(), EVERYONE, ("province", "skill"), medians=False)
    empty = table[(table["participants"] == 0) & table["disbursed"].isna()]
    return empty.iloc[0]["province"], empty.iloc[0]["skill"]


@pytest.mark.parametrize("page", PAGES)
def test_an_empty_selection_says_so(app, db, page):
    province, skill = empty_selection(db)
    at = app(page=page, user="demo_exec", province=province, skill=skill)
    assert not at.exception
    assert any(info.value.startswith("ไม่มีข้อมูลสำหรับตัวเลือกนี้") for info in at.info)
    assert not at.get("plotly_chart")


def _lagging_list_of_one(lang):
    """Run by AppTest from its source alone, so it imports what it uses."""
    import pandas as pd

    from ui import overview_view

    behind = pd.DataFrame(
        {
            "province": ["50"],
            "below_target": [True],
            "disbursement_gap": [-0.2],
            "disbursement_rate": [0.3],
            "disbursement_target": [0.5],
            "disbursed": [30.0],
            "allocated": [100.0],
        }
    )
    overview_view.lagging_list(behind, 2, lang)


def test_the_list_of_laggards_is_not_offered_as_all_of_one():
    from streamlit.testing.v1 import AppTest

    labels = [
        AppTest.from_function(_lagging_list_of_one, args=(lang,)).run(timeout=30).expander[0].label
        for lang in ("th", "en")
    ]
    assert labels == [
        "ดูการเบิกจ่ายเทียบเป้าหมายไตรมาส 2 ของจังหวัดที่ต่ำกว่าเป้า",
        "See the disbursement of the province below the Q2 target",
    ]
