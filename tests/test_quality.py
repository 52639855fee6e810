"""Data-quality checks on tiny hand-made data, on both backends, always within the scope."""

from datetime import date

import pandas as pd
import pytest

from data_access import quality, users
from data_access.selection import Scope, Selection
from tests.apptest import run_app
from tests.builder import Dataset
from tests.submission import run, small
from ui import quality_view

EXECUTIVE = Scope("exec", "executive")
LAMPHUN_STAFF = Scope("lp", "staff", frozenset({"51"}))
SEL = Selection(fiscal_years=(2566,), as_of=date(2023, 9, 30))


def suspicious() -> Dataset:
    """Chiang Mai (50): course A is clean; B has no payments, gaps and odd values.
    Lamphun (51): course C overspends its allocation."""
    d = Dataset()
    d.course("A", province="50", end=date(2023, 1, 31)).course("B", province="50", end=date(2023, 3, 31))
    d.course("C", province="51")
    d.participant("A", "a1", True, 5000).participant("B", "b1", True, None).participant("B", "b2", True, 5000)
    d.participant("B", "b3", True, 4000).participant("B", "b4", False, 3000)
    d.followup("A", "a1", date(2023, 5, 1), income_after=6000)
    d.followup("B", "b2", date(2023, 3, 1), income_after=600000)  # before the end, and a typo
    d.followup("B", "b3", date(2023, 5, 1), income_after=None)
    d.disbursement("A", date(2023, 2, 1), 10000).disbursement("C", date(2023, 2, 1), 30000)
    d.allocation(2566, "50", 50000).allocation(2566, "51", 20000)
    return d


@pytest.fixture
def data(db):
    return suspicious().load(db)


def issues(db, check, scope=EXECUTIVE):
    return quality.issues(db, SEL, scope, check)


def test_courses_without_disbursements(data):
    found = issues(data, "courses_without_disbursements")
    assert found[["course_code", "province_code", "participants"]].values.tolist() == [["B", "50", 4]]


def test_completers_without_a_followup(data):
    found = issues(data, "completers_without_followup")
    assert found[["course_code", "completed", "followed_up", "missing"]].values.tolist() == [["B", 3, 2, 1]]


def test_participants_without_income(data):
    found = issues(data, "participants_without_income")
    assert found[["course_code", "no_income_before", "no_income_after"]].values.tolist() == [["B", 1, 1]]


def test_income_outliers(data):
    found = issues(data, "income_outliers")
    assert found[["course_code", "people", "max_after"]].values.tolist() == [["B", 1, 600000.0]]


def test_a_followup_before_the_course_ended(data):
    found = issues(data, "followup_before_course_end")
    assert found[["course_code", "followups"]].values.tolist() == [["B", 1]]
    assert found["earliest"].iloc[0] == date(2023, 3, 1)


def test_disbursed_more_than_allocated(data):
    found = issues(data, "disbursed_over_allocated")
    assert found[["province_code", "allocated", "disbursed", "excess"]].values.tolist() == [
        ["51", 20000.0, 30000.0, 10000.0]
    ]


def test_a_skill_filter_does_not_make_every_province_over_allocated(data):
    for skill in ("AGR", "FOOD"):
        found = quality.issues(data, SEL.replace(skills=(skill,)), EXECUTIVE, "disbursed_over_allocated")
        assert found["province_code"].tolist() == ["51"]


def test_the_province_summary_counts_each_check_and_knows_the_last_upload(db):
    suspicious().load(db)
    run(db, small())
    summary = quality.province_summary(db, SEL, EXECUTIVE).set_index("province_code")
    assert len(summary) == 77
    assert summary.loc["50", "courses_without_disbursements"] == 1
    assert summary.loc["51", "disbursed_over_allocated"] == 1
    assert not pd.isna(summary.loc["50", "last_upload"]) and pd.isna(summary.loc["51", "last_upload"])
    ordered = quality.province_summary(db, SEL, EXECUTIVE)
    problems = ordered[list(quality.CHECKS)].sum(axis=1)
    assert problems.iloc[0] > 0 and problems.is_monotonic_decreasing
    quiet = ordered[problems == 0]["province_code"].tolist()
    assert quiet == sorted(quiet)


def test_checks_never_leave_the_scope(data):
    for check in quality.CHECKS:
        assert set(issues(data, check, LAMPHUN_STAFF)["province_code"]) <= {"51"}
    summary = quality.province_summary(data, SEL, LAMPHUN_STAFF)
    assert summary["province_code"].tolist() == ["51"]


def test_the_quality_page_lists_each_check(sqlite_db, monkeypatch):
    data = suspicious().load(sqlite_db)
    users.add(data, "analyst", "staff", "", actor="test")
    monkeypatch.setenv("DATABASE_URL", data.url)
    at = run_app(page="pages/data_quality.py", user="analyst", fy="2566", lang="en")
    assert not at.exception
    labels = [e.label for e in at.expander]
    assert "Courses without disbursements (1)" in labels and "Disbursed more than allocated (1)" in labels


def test_a_long_list_shows_its_first_rows_and_says_the_download_has_all(sqlite_db, monkeypatch):
    data = suspicious().course("D", province="50").load(sqlite_db)  # B and D have no payments
    users.add(data, "analyst", "staff", "", actor="test")
    monkeypatch.setenv("DATABASE_URL", data.url)
    monkeypatch.setattr(quality_view, "SCREEN_ROWS", 1)
    at = run_app(page="pages/data_quality.py", user="analyst", fy="2566", lang="en")
    assert not at.exception
    listed = next(e for e in at.expander if e.label == "Courses without disbursements (2)")
    note = "Showing the first 1 of 2 rows; download the file for every row."
    assert [c.value for c in listed.caption][-1] == note
    assert len(listed.dataframe[0].value) == 1
    shown_in_full = next(e for e in at.expander if e.label == "Disbursed more than allocated (1)")
    assert not any("Showing the first" in c.value for c in shown_in_full.caption)
