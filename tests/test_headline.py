"""The headline cards' changes and the KPI definitions, without Streamlit."""

from datetime import date

import pandas as pd

from data_access import kpi_definitions, kpi_words
from data_access.selection import Selection
from ui import headline


def test_changes_carry_their_unit():
    card = headline.Card
    assert headline.delta_text(card("participants", 15775, 15000), "th") == "+775 คน"
    assert headline.delta_text(card("skill_use_rate", 0.83, 0.812), "en") == "+1.8 pp"
    assert headline.delta_text(card("income_gain_mean", 1640.0, 1520.0), "en") == "+120 baht/month"
    assert headline.delta_text(card("cost_per_completer", 9000.0, 9500.0), "en") == "-500 baht"
    assert headline.delta_text(card("payback_months", 5.0, 5.5), "en") == "-0.5 months"
    assert headline.delta_text(card("participants", 100, None), "en") is None


def test_the_change_says_which_point_of_last_year():
    selection = Selection(fiscal_years=(2568,), as_of=date(2025, 5, 15))
    assert headline.comparison_label(selection, "th") == "เทียบ 15 พ.ค. 2567"
    assert headline.comparison_label(selection, "en") == "vs 15 May 2567"


def test_no_change_is_shown_against_a_year_without_data():
    figures = {k: 0.5 for k in kpi_definitions.KPI_KEYS}
    figures |= {"participants": 10, "completed": 5, "followed_up": 4, "courses": 3}
    figures |= {"skill_followed_up": 4, "paired": 3}
    now = pd.Series(figures)
    empty = now.copy()
    empty[:] = float("nan")
    empty["courses"] = 0
    selection = Selection(fiscal_years=(2564,), as_of=date(2021, 5, 15))
    cards = headline.headline_cards(now, empty, {}, selection, "en")
    assert all(card.previous is None for card in cards)
    assert all(headline.delta_text(card, "en") is None for card in cards)


def test_every_kpi_has_a_definition_in_both_languages_from_its_formula():
    for key in kpi_definitions.KPIS:
        assert kpi_words.definition(key, "th") and kpi_words.definition(key, "en")
    assert kpi_words.definition("skill_use_rate", "en") == (
        "Completers whose latest follow-up says they use the skill for work ÷ completers followed up "
        "at least once. Skill courses only, not urgent employment. A zero denominator shows — (no data)."
    )
    assert kpi_words.definition("cost_per_completer", "th").startswith("เบิกจ่าย ÷ ผู้ผ่านการอบรม")
    assert "Lower is better." in kpi_words.definition("payback_months", "en")
