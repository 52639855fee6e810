"""Gain distribution, occupations and follow-up workload on a tiny dataset, on both backends.

FY2566, Chiang Mai (50), skill course A:
  p1 5,000 → 8,000 (+3,000), self-employed; an earlier follow-up by staff does not count, the
     latest (by a volunteer) does;
  p2 5,000 → 4,000 (−1,000), employed, volunteer;   p3 1,000 → 9,000 (+8,000), graduate;
  p4 9,000 → 4,000 (−5,000), not working, staff;    p5 income before unknown, occupation
     unknown, volunteer (followed up, not paired); p6 did not complete (ignored).
Employment course C: e1 completed, followed up by a graduate (counts for the workload only).
Field staff FY2566 Chiang Mai: 3 labour volunteers, 4 labour graduates.
"""

from datetime import date

import pandas as pd
import pytest

from data_access import outcomes
from data_access.selection import Scope, Selection
from tests.builder import Dataset

EXECUTIVE = Scope("exec", "executive")
SELECTION = Selection(fiscal_years=(2566,), as_of=date(2023, 9, 30))
ON = date(2023, 6, 1)


@pytest.fixture
def data(db):
    d = Dataset().course("A", province="50")
    d.course("C", province="50", skill="SERVICE", activity="employment")
    d.participant("A", "p1", True, 5000).participant("A", "p2", True, 5000)
    d.participant("A", "p3", True, 1000).participant("A", "p4", True, 9000)
    d.participant("A", "p5", True, None).participant("A", "p6", False, 2000)
    d.participant("C", "e1", True, 3000)
    d.followup("A", "p1", date(2023, 3, 1), income_after=2000, occupation="employed", collector="staff")
    d.followup("A", "p1", ON, income_after=8000, occupation="self_employed", collector="volunteer")
    d.followup("A", "p2", ON, income_after=4000, occupation="employed", collector="volunteer")
    d.followup("A", "p3", ON, income_after=9000, occupation="self_employed", collector="graduate")
    d.followup(
        "A", "p4", ON, uses_skill=False, income_after=4000, occupation="not_working", collector="staff"
    )
    d.followup("A", "p5", ON, income_after=7000, occupation=None, collector="volunteer")
    d.followup("A", "p6", ON, income_after=7000, collector="volunteer")
    d.followup("C", "e1", ON, income_after=5000, collector="graduate")
    d.staff(2566, "50", volunteers=3, graduates=4)
    return d.load(db)


def test_gain_bins_cover_every_gain_with_open_ends():
    bins = outcomes.gain_bins()
    assert bins.iloc[0]["upper"] == -3000 and pd.isna(bins.iloc[0]["lower"])
    assert bins.iloc[-1]["lower"] == 6000 and pd.isna(bins.iloc[-1]["upper"])
    assert len(bins) == len(outcomes.GAIN_EDGES) + 1


def test_gain_distribution_counts_the_paired_set_per_bin(data):
    got = outcomes.gain_distribution(data, SELECTION, EXECUTIVE)
    people = got[got["people"] > 0].set_index("lower", drop=False)
    assert got["people"].sum() == 4
    assert people.loc[3000, "upper"] == 3500
    assert people.loc[-1000, "people"] == 1
    assert got.iloc[-1]["people"] == 1  # +8,000: beyond the last edge
    assert got.iloc[0]["people"] == 1  # −5,000: below the first edge


def test_occupations_are_of_the_latest_followup_with_unknown_kept(data):
    got = outcomes.occupations(data, SELECTION, EXECUTIVE).set_index("occupation")["people"]
    assert got.to_dict() == {"self_employed": 2, "employed": 1, "not_working": 1, "other": 0, "unknown": 1}


def test_followup_workload_sets_followups_beside_field_staff(data):
    got = outcomes.followup_workload(data, SELECTION, EXECUTIVE).set_index("collector")
    assert got["followed_up"].to_dict() == {"volunteer": 3, "graduate": 2, "staff": 1}
    assert got.loc["volunteer", "staff"] == 3 and got.loc["graduate", "staff"] == 4
    assert got.loc["volunteer", "followups_per_person"] == pytest.approx(1.0)
    assert got.loc["graduate", "followups_per_person"] == pytest.approx(0.5)
    assert got["followups_per_person"].isna()["staff"]


def test_outside_the_scope_nothing_is_counted(data):
    head51 = Scope("h51", "provincial", frozenset({"51"}))
    assert outcomes.gain_distribution(data, SELECTION, head51)["people"].sum() == 0
    assert outcomes.occupations(data, SELECTION, head51)["people"].sum() == 0
    workload = outcomes.followup_workload(data, SELECTION, head51)
    assert workload["followed_up"].sum() == 0 and workload["staff"].isna().all()


def test_a_skill_selection_has_no_field_staff(data):
    workload = outcomes.followup_workload(data, SELECTION.replace(skills=("AGR",)), EXECUTIVE)
    assert workload.set_index("collector")["followed_up"].to_dict() == {
        "volunteer": 3,
        "graduate": 1,
        "staff": 1,
    }
    assert workload["staff"].isna().all()
