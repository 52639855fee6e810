"""Targets: a province's own row, else the country's ALL row, else the DESIGN §4 default; several
provinces take the mean of each one's target. On both backends.

FY2566: the country's ALL rows say skill use 90 % and 54 % disbursed by the end of Q2. Chiang Mai
(50) has its own skill-use target of 70 % and Q2 target of 60 %; Lamphun (51) has none. FY2567
has an ALL skill-use row of 85 % and Chiang Mai's own Q2 row of 50 %.
"""

from datetime import date

import pytest

from data_access import targets
from data_access.selection import Scope, Selection
from tests.builder import Dataset

AS_OF = date(2024, 9, 30)
EXECUTIVE = Scope("exec", "executive")
FY2566 = Selection(fiscal_years=(2566,), as_of=AS_OF)


@pytest.fixture
def data(db):
    d = Dataset()
    d.target(2566, "ALL", "skill_use_rate", 0.9).target(2566, "ALL", "disbursement_q2", 0.54)
    d.target(2566, "50", "skill_use_rate", 0.7).target(2566, "50", "disbursement_q2", 0.6)
    d.target(2567, "ALL", "skill_use_rate", 0.85).target(2567, "50", "disbursement_q2", 0.5)
    return d.load(db)


def test_a_province_without_rows_of_its_own_is_held_to_the_countrys(data):
    got = targets.metric_targets(data, FY2566.replace(provinces=("51",)), EXECUTIVE)
    assert got == pytest.approx({"completion_rate": 0.95, "skill_use_rate": 0.9, "disbursement_q2": 0.54})


def test_a_province_with_its_own_rows_is_held_to_them(data):
    got = targets.metric_targets(data, FY2566.replace(provinces=("50",)), EXECUTIVE)
    assert got["skill_use_rate"] == pytest.approx(0.7) and got["disbursement_q2"] == pytest.approx(0.6)


def test_without_any_row_the_design_defaults_apply_and_disbursement_has_none(db):
    Dataset().load(db)
    got = targets.metric_targets(db, FY2566.replace(provinces=("50",)), EXECUTIVE)
    assert got == {"completion_rate": 0.95, "skill_use_rate": 0.80}


def test_several_provinces_take_the_mean_of_each_ones_target(data):
    got = targets.metric_targets(data, FY2566.replace(provinces=("50", "51")), EXECUTIVE)
    assert got["skill_use_rate"] == pytest.approx((0.7 + 0.9) / 2)
    assert got["disbursement_q2"] == pytest.approx((0.6 + 0.54) / 2)


def test_a_region_with_no_province_rows_and_no_all_row_takes_the_default(db):
    Dataset().target(2566, "ALL", "disbursement_q2", 0.54).load(db)
    got = targets.metric_targets(db, FY2566.replace(regions=("north",)), EXECUTIVE)
    assert got["skill_use_rate"] == pytest.approx(0.80) and got["disbursement_q2"] == pytest.approx(0.54)


def test_the_whole_country_is_held_to_its_all_row(data):
    got = targets.metric_targets(data, FY2566, EXECUTIVE)
    assert got["skill_use_rate"] == pytest.approx(0.9) and got["disbursement_q2"] == pytest.approx(0.54)


def test_each_year_falls_back_to_its_own_all_row(data):
    both = Selection(fiscal_years=(2566, 2567), provinces=("50",), as_of=AS_OF)
    got = targets.province_targets(data, both, EXECUTIVE).loc["50"]
    assert got["skill_use_rate"] == pytest.approx((0.7 + 0.85) / 2)  # own in 2566, ALL in 2567
    assert got["disbursement_q2"] == pytest.approx((0.6 + 0.5) / 2)


def test_a_provincial_head_gets_the_countrys_row_and_only_their_province(data):
    head51 = Scope("h51", "provincial", frozenset({"51"}))
    got = targets.province_targets(data, FY2566, head51)
    assert got.index.tolist() == ["51"]
    assert got.loc["51", "disbursement_q2"] == pytest.approx(0.54)
    assert targets.metric_targets(data, FY2566, head51)["skill_use_rate"] == pytest.approx(0.9)
