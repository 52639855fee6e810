"""The course list: scoped, searchable with literal text, sorted from an allow-list, with rates."""

from datetime import date

import pytest

from data_access import courses_list
from data_access.selection import Scope, Selection
from tests.builder import Dataset

EXECUTIVE = Scope("exec", "executive")
SELECTION = Selection(fiscal_years=(2566,), as_of=date(2023, 9, 30))


@pytest.fixture
def data(db):
    d = Dataset()
    d.course("2566-50-0001", province="50", name="Organic farming", start=date(2023, 1, 9), target=25)
    d.course("2566-50-0002", province="50", skill="FOOD", name="Thai cooking 100%", start=date(2022, 11, 1))
    d.course(
        "2566-50-0003", province="50", activity="employment", name="Canal cleaning", start=date(2023, 2, 1)
    )
    d.course("2566-51-0001", province="51", name="Longan orchards", start=date(2023, 3, 1))
    d.participant("2566-50-0001", "a", True, 5000).participant("2566-50-0001", "b", True, 6000)
    d.participant("2566-50-0001", "c", False, 4000).participant("2566-50-0003", "e", True, 3000)
    d.followup("2566-50-0001", "a", date(2023, 5, 1), uses_skill=True, income_after=8000)
    d.followup("2566-50-0001", "b", date(2023, 5, 1), uses_skill=False, income_after=6000)
    d.followup("2566-50-0003", "e", date(2023, 5, 1), uses_skill=True, income_after=9000)
    d.disbursement("2566-50-0001", date(2023, 1, 5), 30000).disbursement("2566-50-0001", date(2023, 10, 2), 1)
    return d.load(db)


def listed(db, scope=EXECUTIVE, **options):
    return courses_list.course_list(db, SELECTION, scope, **options)


def test_courses_come_in_start_order_with_their_own_rates(data):
    got = listed(data)
    assert got["course_code"].tolist() == ["2566-50-0002", "2566-50-0001", "2566-50-0003", "2566-51-0001"]
    farming = got.set_index("course_code").loc["2566-50-0001"]
    assert farming["participants"] == 3 and farming["course_target"] == 25
    assert farming["completion_rate"] == pytest.approx(2 / 3)
    assert farming["skill_use_rate"] == pytest.approx(0.5)
    assert farming["income_gain_mean"] == pytest.approx(1500)
    assert farming["disbursed"] == 30000  # the October payment is after the as-of date
    assert farming["cost_per_completer"] == pytest.approx(15000)


def test_employment_courses_have_no_skill_to_income_rates(data):
    cleaning = listed(data).set_index("course_code").loc["2566-50-0003"]
    assert cleaning["completion_rate"] == 1
    assert pd_isna(cleaning["skill_use_rate"]) and pd_isna(cleaning["income_gain_mean"])


def test_search_matches_name_or_code_and_takes_wildcards_literally(data):
    assert listed(data, search="COOK")["course_code"].tolist() == ["2566-50-0002"]
    assert listed(data, search="100%")["course_code"].tolist() == ["2566-50-0002"]
    assert listed(data, search="%")["course_code"].tolist() == ["2566-50-0002"]
    assert listed(data, search="51-")["course_code"].tolist() == ["2566-51-0001"]


def test_sort_and_limit(data):
    got = listed(data, sort="participants", descending=True, limit=2)
    assert got["course_code"].tolist() == ["2566-50-0001", "2566-50-0003"]
    with pytest.raises(ValueError):
        listed(data, sort="course_name; DROP TABLE courses")


def test_the_list_is_cut_to_the_scope(data):
    head51 = Scope("h51", "provincial", frozenset({"51"}))
    assert listed(data, scope=head51)["course_code"].tolist() == ["2566-51-0001"]
    assert listed(data, scope=head51, search="farming").empty


def pd_isna(value) -> bool:
    return value != value
