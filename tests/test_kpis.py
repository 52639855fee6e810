"""Every KPI of DESIGN §5 against values computed by hand on a tiny dataset, on both backends.

The dataset (FY2566, as of 30 Sep 2023):
  course A  skill AGR, Chiang Mai (50): p1 completed 5,000 → follow-ups: 1 Mar uses no 4,000
            not working, 1 Jun uses yes 8,000 self-employed (the latest counts); p2 completed
            6,000 → uses yes 6,500 employed; p3 completed 4,000, never followed up; p4 not
            completed (its follow-up, employed, is ignored).
  course B  skill FOOD, Chiang Mai: q1 completed 10,000 → uses no 9,000, not working.
  course C  employment SERVICE, Chiang Mai: e1 completed 2,000 → 9,000 employed (not a skill
            course: it counts for employment, not for skill-to-income).
  course D  skill AGR, Lamphun (51): no participants.
  Lampang (52): no data at all.
"""

from datetime import date

import pandas as pd
import pytest

from data_access import budget, kpis
from data_access.selection import Scope, Selection
from tests.builder import Dataset

AS_OF = date(2023, 9, 30)
EXECUTIVE = Scope("exec", "executive")


def hand_made() -> Dataset:
    d = Dataset()
    d.course("A", province="50", skill="AGR").course("B", province="50", skill="FOOD")
    d.course("C", province="50", skill="SERVICE", activity="employment")
    d.course("D", province="51", skill="AGR")
    d.participant("A", "p1", True, 5000).participant("A", "p2", True, 6000)
    d.participant("A", "p3", True, 4000).participant("A", "p4", False, 3000)
    d.participant("B", "q1", True, 10000).participant("C", "e1", True, 2000)
    d.followup("A", "p1", date(2023, 3, 1), uses_skill=False, income_after=4000, occupation="not_working")
    d.followup("A", "p1", date(2023, 6, 1), uses_skill=True, income_after=8000, occupation="self_employed")
    d.followup("A", "p2", date(2023, 5, 1), uses_skill=True, income_after=6500, occupation="employed")
    d.followup("A", "p4", date(2023, 5, 1), uses_skill=True, income_after=9000, occupation="employed")
    d.followup("B", "q1", date(2023, 5, 1), uses_skill=False, income_after=9000, occupation="not_working")
    d.followup("C", "e1", date(2023, 5, 1), uses_skill=True, income_after=9000, occupation="employed")
    d.disbursement("A", date(2022, 11, 1), 40000).disbursement("A", date(2023, 9, 30), 20000)
    d.disbursement("A", date(2023, 10, 15), 99999)  # after the as-of date
    d.disbursement("B", date(2023, 1, 10), 10000).disbursement("C", date(2023, 2, 1), 5000)
    d.disbursement("D", date(2023, 3, 1), 1000)
    d.allocation(2566, "50", 100000, "1").allocation(2566, "50", 50000, "2").allocation(2566, "51", 20000)
    d.target(2566, "50", "participants", 10).target(2566, "51", "participants", 5)
    d.target(2566, "ALL", "participants", 100)
    return d


def summary(db, scope=EXECUTIVE, **selection):
    return kpis.kpi_summary(db, Selection(fiscal_years=(2566,), as_of=AS_OF, **selection), scope)


@pytest.fixture
def data(db):
    return hand_made().load(db)


def test_province_kpis_match_hand_computed_values(data):
    got = summary(data, provinces=("50",))
    assert got["participants"] == 6
    assert got["target_participants"] == 10
    assert got["target_attainment"] == pytest.approx(0.6)
    assert got["completed"] == 5
    assert got["completion_rate"] == pytest.approx(5 / 6)
    assert got["followed_up"] == 4
    assert got["followup_coverage"] == pytest.approx(0.8)
    assert got["allocated"] == 150000
    assert got["disbursed"] == 75000
    assert got["disbursement_rate"] == pytest.approx(0.5)
    assert got["cost_per_completer"] == pytest.approx(15000)


def test_latest_followup_is_the_outcome(data):
    got = summary(data, provinces=("50",))
    # p1's latest follow-up says uses the skill at 8,000; p2 uses it; q1 does not.
    assert got["skill_use_rate"] == pytest.approx(2 / 3)
    assert got["income_before_mean"] == pytest.approx(7000)
    assert got["income_after_mean"] == pytest.approx((8000 + 6500 + 9000) / 3)
    assert got["income_gain_mean"] == pytest.approx((3000 + 500 - 1000) / 3)
    assert got["higher_income_share"] == pytest.approx(2 / 3)


def test_medians_odd_and_even(data):
    odd = summary(data, provinces=("50",))
    assert odd["income_before_median"] == 6000
    assert odd["income_after_median"] == 8000
    even = summary(data, provinces=("50",), skills=("AGR",))
    assert even["income_before_median"] == 5500
    assert even["income_after_median"] == 7250


def test_payback_is_cost_per_completer_over_gain(data):
    got = summary(data, provinces=("50",))
    assert got["payback_months"] == pytest.approx(15000 / ((3000 + 500 - 1000) / 3))


def test_payback_is_blank_when_gain_is_not_positive(data):
    food = summary(data, provinces=("50",), skills=("FOOD",))
    assert food["income_gain_mean"] == pytest.approx(-1000)
    assert food["payback_months"] is None


def test_disbursements_after_as_of_are_excluded(data):
    later = kpis.kpi_summary(
        data, Selection(fiscal_years=(2566,), provinces=("50",), as_of=date(2023, 10, 31)), EXECUTIVE
    )
    assert later["disbursed"] == 75000 + 99999
    assert summary(data, provinces=("50",))["disbursed"] == 75000


def test_whole_country_uses_the_all_target_row(data):
    got = summary(data)
    assert got["target_participants"] == 100
    assert got["target_attainment"] == pytest.approx(0.06)
    assert got["allocated"] == 170000
    assert got["disbursed"] == 76000


def test_region_sums_province_targets(data):
    got = summary(data, regions=("north",))
    assert got["target_participants"] == 15
    assert got["participants"] == 6


def test_skill_selection_has_no_allocation_or_target(data):
    got = summary(data, skills=("AGR",))
    assert got["participants"] == 4
    assert got["allocated"] is None
    assert got["target_participants"] is None
    assert got["disbursement_rate"] is None
    assert got["disbursed"] == 61000
    assert got["cost_per_completer"] == pytest.approx(61000 / 3)


def test_course_without_participants_and_zero_denominators_give_null(data):
    got = summary(data, provinces=("51",))
    assert got["participants"] == 0
    assert got["completion_rate"] is None
    assert got["followup_coverage"] is None
    assert got["skill_use_rate"] is None
    assert got["income_gain_mean"] is None
    assert got["income_before_median"] is None
    assert got["cost_per_completer"] is None
    assert got["disbursement_rate"] == pytest.approx(1000 / 20000)


def test_allocation_without_disbursement_is_zero_not_no_data(data):
    Dataset().allocation(2566, "53", 40000).load(data)
    got = summary(data, provinces=("53",))
    assert got["disbursed"] == 0
    assert got["disbursement_rate"] == 0


def test_province_with_no_data_is_all_no_data(data):
    got = summary(data, provinces=("52",))
    assert got["participants"] == 0
    assert got["allocated"] is None
    assert got["disbursed"] is None
    assert got["completion_rate"] is None and got["disbursement_rate"] is None


def test_by_province_lists_every_visible_province(data):
    table = kpis.kpi_table(data, Selection(fiscal_years=(2566,), as_of=AS_OF), EXECUTIVE, ("province",))
    assert len(table) == 77
    row = table.set_index("province").loc["52"]
    assert row["participants"] == 0
    assert table.set_index("province").loc["50", "participants"] == 6


def test_by_region_and_skill_and_year(data):
    sel = Selection(fiscal_years=(2566,), as_of=AS_OF)
    regions = kpis.kpi_table(data, sel, EXECUTIVE, ("region",)).set_index("region")
    assert regions.loc["north", "participants"] == 6
    assert regions.loc["south", "participants"] == 0
    skills = kpis.kpi_table(data, sel, EXECUTIVE, ("skill",)).set_index("skill")
    assert list(skills.index) == sorted(
        ["AGR", "FOOD", "CRAFT", "SEW", "BEAUTY", "REPAIR", "DIGITAL", "SERVICE"]
    )
    assert skills.loc["AGR", "participants"] == 4
    assert skills["allocated"].isna().all()
    years = kpis.kpi_table(data, Selection(as_of=AS_OF), EXECUTIVE, ("fiscal_year",))
    assert years["fiscal_year"].tolist() == [2566]


def test_disbursement_by_month_is_cumulative_in_fiscal_order(data):
    months = budget.disbursement_by_month(
        data, Selection(fiscal_years=(2566,), provinces=("50",), as_of=AS_OF), EXECUTIVE
    )
    assert months["fiscal_month"].tolist() == [2, 4, 5, 12]  # Nov, Jan, Feb, Sep
    assert months["disbursed_cumulative"].tolist() == [40000, 50000, 55000, 75000]


def out_of_year_payments(db):
    """A FY2566 course paid an advance in August 2022, then in November 2022 and November 2023."""
    d = Dataset().course("A", province="50").disbursement("A", date(2022, 8, 20), 2000)
    d.disbursement("A", date(2022, 11, 1), 10000).disbursement("A", date(2023, 11, 1), 5000)
    return d.load(db)


def test_a_payment_outside_the_fiscal_year_keeps_its_own_month(db):
    months = budget.disbursement_by_month(
        out_of_year_payments(db), Selection(fiscal_years=(2566,), as_of=date(2024, 9, 30)), EXECUTIVE
    )
    got = months[["fiscal_month", "year", "month", "disbursed", "disbursed_cumulative"]]
    assert got.values.tolist() == [
        [-1, 2022, 8, 2000, 2000],
        [2, 2022, 11, 10000, 12000],
        [14, 2023, 11, 5000, 17000],
    ]


def test_employment_rate_counts_latest_occupation_of_followed_up_completers_of_every_course(data):
    got = summary(data, provinces=("50",))
    # followed-up completers: p1 (latest self-employed), p2 (employed), q1 (not working) and e1
    # (employed, on an urgent-employment course); p4 did not complete.
    assert got["employment_rate"] == pytest.approx(3 / 4)
    assert summary(data, provinces=("50",), skills=("FOOD",))["employment_rate"] == 0
    assert summary(data, provinces=("51",))["employment_rate"] is None


def test_employment_rate_by_province_and_skill(data):
    sel = Selection(fiscal_years=(2566,), as_of=AS_OF)
    by_skill = kpis.kpi_table(data, sel, EXECUTIVE, ("skill",)).set_index("skill")
    assert by_skill.loc["AGR", ["employed", "followed_up"]].tolist() == [2, 2]
    assert by_skill.loc["SERVICE", "employment_rate"] == 1.0
    assert pd.isna(by_skill.loc["SEW", "employment_rate"])
    by_province = kpis.kpi_table(data, sel, EXECUTIVE, ("province",)).set_index("province")
    assert by_province.loc["50", "employed"] == 3


def test_scope_limits_every_query(data):
    lamphun_head = Scope("head51", "provincial", frozenset({"51"}))
    assert summary(data, scope=lamphun_head, provinces=("50",))["participants"] == 0
    own = summary(data, scope=lamphun_head)
    assert own["allocated"] == 20000
    table = kpis.kpi_table(data, Selection(fiscal_years=(2566,), as_of=AS_OF), lamphun_head, ("province",))
    assert table["province"].tolist() == ["51"]


def test_comparison_totals_name_no_province(data):
    lamphun_head = Scope("head51", "provincial", frozenset({"51"}))
    totals = kpis.comparison_totals(data, Selection(fiscal_years=(2566,), as_of=AS_OF), lamphun_head)
    assert totals["level"].tolist() == ["nation", "region"]
    assert "province" not in totals.columns
    assert totals.set_index("level").loc["region", "participants"] == 6


def test_a_query_without_scope_is_refused(data):
    with pytest.raises(TypeError):
        kpis.kpi_table(data, Selection(), None)


def same_point_data() -> Dataset:
    """FY2566 (last year): course E started 1 Nov 2022, course F on 1 Jul 2023; this year FY2567
    is seen as of 15 May 2024, so last year is compared as of 15 May 2023: only E counts, and
    only money paid by then."""
    d = Dataset()
    d.course("E", fy=2566, start=date(2022, 11, 1)).course("F", fy=2566, start=date(2023, 7, 1))
    d.course("G", fy=2567, start=date(2023, 11, 1))
    d.participant("E", "a1", True, 5000).participant("E", "a2", False, 5000)
    d.participant("F", "b1", True, 5000).participant("F", "b2", True, 5000).participant("F", "b3", True)
    d.participant("G", "c1", True, 5000)
    d.disbursement("E", date(2023, 1, 10), 30000).disbursement("F", date(2023, 7, 5), 50000)
    d.allocation(2566, "50", 100000)
    return d


def test_last_year_is_compared_at_the_same_point_of_its_year(db):
    data = same_point_data().load(db)
    this_year = Selection(fiscal_years=(2567,), as_of=date(2024, 5, 15))
    before = kpis.same_point_last_year(data, this_year, EXECUTIVE).iloc[0]
    assert before["participants"] == 2  # E's; F had not started on 15 May 2023
    assert before["completion_rate"] == pytest.approx(0.5)
    assert before["disbursed"] == 30000  # paid by 15 May 2023
    assert before["disbursement_rate"] == pytest.approx(0.3)
    assert kpis.has_data(before)
    whole = kpis.kpi_summary(data, Selection(fiscal_years=(2566,), as_of=date(2023, 9, 30)), EXECUTIVE)
    assert whole["participants"] == 5


def test_a_year_without_data_has_nothing_to_compare_with(db):
    data = same_point_data().load(db)
    first = Selection(fiscal_years=(2566,), as_of=date(2023, 5, 15))
    assert not kpis.has_data(kpis.same_point_last_year(data, first, EXECUTIVE).iloc[0])


def test_the_as_of_months_days_are_read_through_the_date_index(sqlite_db):
    """The derived rebuild leaves planner statistics behind: without them SQLite read every day of
    the selected years through the fiscal-year key to find one month's days. (A SQLite plan:
    PostgreSQL keeps statistics of its own.)"""
    from sqlalchemy.dialects import sqlite

    from data_access import disbursed

    data = hand_made().load(sqlite_db)
    selection = Selection(fiscal_years=(2565, 2566), as_of=date(2023, 10, 31))
    parts = disbursed.summed_until_as_of(selection, EXECUTIVE, ("fiscal_year", "province"))
    query = str(parts.element.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
    with data.engine.connect() as conn:
        plan = [row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {query}")]
    assert any("disbursement_daily USING INDEX ix_disbursement_daily_date" in step for step in plan), plan
