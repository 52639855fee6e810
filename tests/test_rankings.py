"""Rankings withhold rates on few people; comparison totals split by year still name no province."""

import pandas as pd
import pytest

from data_access import kpis, rankings
from data_access.selection import Scope, Selection
from tests.test_kpis import AS_OF, EXECUTIVE, hand_made


def provinces(rates: dict[str, float], n: dict[str, int], kpi="skill_use_rate", base="skill_followed_up"):
    return pd.DataFrame({"province": list(rates), kpi: list(rates.values()), base: [n[p] for p in rates]})


def test_ranking_leaves_out_rates_on_fewer_than_min_n_people():
    table = provinces({"50": 0.9, "51": 0.95, "52": 0.7, "53": None}, {"50": 40, "51": 5, "52": 20, "53": 0})
    got = rankings.ranked(table, "skill_use_rate", minimum=20)
    assert got["province"].tolist() == ["50", "52"]
    assert got["n"].tolist() == [40, 20]


def test_lower_is_better_ranks_the_cheapest_first():
    table = provinces({"50": 9000, "51": 7000}, {"50": 30, "51": 30}, "cost_per_completer", "completed")
    assert rankings.ranked(table, "cost_per_completer", minimum=20)["province"].tolist() == ["51", "50"]


def test_amounts_are_ranked_without_a_minimum():
    table = pd.DataFrame({"province": ["50", "51"], "participants": [3, 8]})
    assert rankings.ranked(table, "participants", minimum=20)["province"].tolist() == ["51", "50"]


@pytest.fixture
def data(db):
    return hand_made().load(db)


def test_comparison_totals_by_year_name_no_province(data):
    head51 = Scope("head51", "provincial", frozenset({"51"}))
    totals = kpis.comparison_totals(data, Selection(as_of=AS_OF), head51, ("fiscal_year",), medians=False)
    assert totals[["level", "fiscal_year", "participants"]].values.tolist() == [
        ["nation", 2566, 6],
        ["region", 2566, 6],
    ]
    assert "province" not in totals.columns
    with pytest.raises(ValueError):
        kpis.comparison_totals(data, Selection(as_of=AS_OF), head51, ("province",))


def test_medians_can_be_left_out_of_comparison_totals(data):
    totals = kpis.comparison_totals(
        data, Selection(fiscal_years=(2566,), as_of=AS_OF), EXECUTIVE, medians=False
    )
    assert totals["income_before_median"].isna().all()
