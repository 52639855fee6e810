"""The headline KPIs of a selection: value, target and change on the previous fiscal year.

Pure (no Streamlit): the Overview draws them as cards (ui.cards), the executive brief prints them.
"""

from __future__ import annotations

from dataclasses import dataclass

from assets.i18n import t
from data_access import kpi_definitions, targets
from ui import format as fmt


@dataclass(frozen=True)
class Card:
    kpi: str
    value: float | None
    previous: float | None = None
    target_text: str | None = None
    n: int | None = None  # the people behind a rate


def delta_text(card: Card, lang: str) -> str | None:
    """Change against last year: percentage points for rates, the unit's own difference otherwise."""
    if fmt.missing(card.value) or fmt.missing(card.previous):
        return None
    change = card.value - card.previous
    if card.kpi in kpi_definitions.RATES:
        return f"{change * 100:+.1f} {t('unit.pp', lang)}"
    return f"{change:+,.0f}"


HEADLINE_KPIS = (
    "participants",
    "completion_rate",
    "followup_coverage",
    "skill_use_rate",
    "income_gain_mean",
    "higher_income_share",
    "employment_rate",
    "disbursement_rate",
    "cost_per_completer",
)


def headline_cards(now, before, goals: dict[str, float], selection, lang: str) -> list[Card]:
    """The Overview's cards, each with its target from the targets table (or §4 defaults)."""
    fy = selection.fiscal_years[0]

    def target(kpi: str, value) -> str | None:
        return None if fmt.missing(value) else t("card.target", lang, value=fmt.kpi(kpi, value, lang))

    quarter = targets.disbursement_target(goals, fy, selection.as_of)
    disbursement_goal = (
        t("card.target_quarter", lang, quarter=quarter[0], value=fmt.percent(quarter[1])) if quarter else None
    )
    goals_text = {
        "participants": target("participants", now["target_participants"]),
        "completion_rate": target("completion_rate", goals.get("completion_rate")),
        "skill_use_rate": target("skill_use_rate", goals.get("skill_use_rate")),
        "income_gain_mean": target("income_gain_mean", goals.get("income_gain")),
        "disbursement_rate": disbursement_goal,
    }
    return [
        Card(kpi, now[kpi], before[kpi], goals_text.get(kpi), _people_behind(now, kpi))
        for kpi in HEADLINE_KPIS
    ]


def _people_behind(now, kpi: str) -> int | None:
    base = kpi_definitions.BASE_COUNT.get(kpi)
    return None if base is None else int(now[base])
