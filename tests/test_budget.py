"""Budget use against the quarterly disbursement targets, on a tiny dataset, on both backends.

FY2566 as of 15 May 2023: the latest quarter ended is Q2 (31 March).
  Chiang Mai (50): allocated 100,000; disbursed 40,000 in Nov and 10,000 in Jan (50 %); its own
                   Q2 target 60 %: behind by 10 points. FY2565: allocated 60,000, 30,000 in Dec.
  Lamphun (51):    allocated 20,000; disbursed 15,000 in Feb (75 %); no own target: the country's
                   Q2 target (54 %) applies.
  Lampang (52):    allocated 10,000 and nothing disbursed yet: 0 % of it, behind by 54 points.
"""

from datetime import date

import pytest

from data_access import budget
from data_access.selection import Scope, Selection
from tests.builder import Dataset

AS_OF = date(2023, 5, 15)
EXECUTIVE = Scope("exec", "executive")
SELECTION = Selection(fiscal_years=(2566,), as_of=AS_OF)


@pytest.fixture
def data(db):
    d = Dataset()
    d.course("A", province="50").course("B", province="51").course("P", fy=2565, province="50")
    d.disbursement("A", date(2022, 11, 1), 40000).disbursement("A", date(2023, 1, 10), 10000)
    d.disbursement("A", date(2023, 6, 1), 30000)  # after the as-of date
    d.disbursement("B", date(2023, 2, 1), 15000).disbursement("P", date(2021, 12, 5), 30000)
    d.allocation(2566, "50", 100000).allocation(2566, "51", 20000).allocation(2566, "52", 10000)
    d.allocation(2565, "50", 60000)
    d.target(2566, "50", "disbursement_q2", 0.6)
    d.target(2566, "ALL", "disbursement_q1", 0.3).target(2566, "ALL", "disbursement_q2", 0.54)
    return d.load(db)


def test_each_province_is_held_to_its_own_target_else_the_countrys(data):
    quarter, table = budget.province_disbursement(data, SELECTION, EXECUTIVE)
    assert quarter == 2
    rows = table.set_index("province")
    assert rows.loc["50", "disbursement_target"] == pytest.approx(0.6)
    assert rows.loc["50", "disbursement_target_amount"] == pytest.approx(60000)
    assert rows.loc["50", "disbursement_gap"] == pytest.approx(-0.1)
    assert rows.loc["51", "disbursement_target"] == pytest.approx(0.54)
    assert not rows.loc["51", "below_target"]
    assert len(table) == 77


def test_lagging_provinces_are_listed_furthest_behind_first(data):
    quarter, behind = budget.lagging_provinces(data, SELECTION, EXECUTIVE)
    assert quarter == 2
    assert behind["province"].tolist() == ["52", "50"]
    assert behind["disbursement_gap"].tolist() == pytest.approx([-0.54, -0.1])


def test_before_the_first_quarter_ends_nobody_is_lagging(data):
    early = SELECTION.replace(as_of=date(2022, 12, 1))
    quarter, behind = budget.lagging_provinces(data, early, EXECUTIVE)
    assert quarter is None
    assert behind.empty


def test_a_provincial_head_sees_only_their_own_province(data):
    head51 = Scope("h51", "provincial", frozenset({"51"}))
    _, table = budget.province_disbursement(data, SELECTION, head51)
    assert table["province"].tolist() == ["51"]
    assert table["disbursement_target"].tolist() == pytest.approx([0.54])  # the country's row


def test_monthly_progress_runs_over_this_year_and_the_last(data):
    months = budget.monthly_progress(data, SELECTION.replace(provinces=("50",)), EXECUTIVE)
    got = months[["fiscal_year", "fiscal_month", "disbursed_cumulative", "disbursed_cumulative_rate"]]
    assert got.values.tolist() == [[2565, 3, 30000, 0.5], [2566, 2, 40000, 0.4], [2566, 4, 50000, 0.5]]


def test_year_targets_are_the_quarter_ends_of_the_targets_table(data):
    national = budget.year_targets(data, SELECTION, EXECUTIVE)
    assert national.values.tolist() == [[1, 3, 0.3], [2, 6, 0.54]]
    chiang_mai = budget.year_targets(data, SELECTION.replace(provinces=("50",)), EXECUTIVE)
    assert chiang_mai.values.tolist() == [[1, 3, 0.3], [2, 6, 0.6]]  # its own Q2, the country's Q1
