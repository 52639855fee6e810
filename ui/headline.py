"""The headline KPIs of a selection: value, target and change on the previous fiscal year.

Pure (no Streamlit): the Overview draws them as cards (ui.cards), the executive brief prints them.
"""

from __future__ import annotations

from dataclasses import dataclass

from assets.i18n import t
from data_access import kpi_definitions, kpis, targets
from ui import format as fmt


@dataclass(frozen=True)
class Card:
    kpi: str
    value: float | None
    previous: float | None = None
    target_text: str | None = None
    n: int | None = None  # the people behind a rate


DELTA_UNITS = {
    "rate": "unit.pp",
    "count": "unit.people",
    "baht": "unit.baht",
    "baht_per_month": "unit.baht_month",
    "months": "unit.months",
}


def delta_text(card: Card, lang: str) -> str | None:
    """Change against the same point of last year, with its unit: percentage points for rates,
    people, baht, baht/month or months otherwise. None when either year has no figure."""
    if fmt.missing(card.value) or fmt.missing(card.previous):
        return None
    change = card.value - card.previous
    kind = kpi_definitions.kind(card.kpi)
    amount = change * 100 if kind == "rate" else change
    decimals = 1 if kind in ("rate", "months") else 0
    return f"{amount:+,.{decimals}f} {t(DELTA_UNITS[kind], lang)}"


def comparison_label(selection, lang: str) -> str:
    """What a card's change is against: "vs 15 May 2567", the same point of last year (the
    card's help says it in full)."""
    earlier = selection.previous_year()
    return t("card.vs_same_point", lang, as_of=fmt.thai_date(earlier.as_of, lang))


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
    """The Overview's cards, each with its target from the targets table (or §4 defaults).

    `before` is kpis.same_point_last_year's row; a year without data gives no change at all."""
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
    compared = kpis.has_data(before)
    return [
        Card(kpi, now[kpi], before[kpi] if compared else None, goals_text.get(kpi), _people_behind(now, kpi))
        for kpi in HEADLINE_KPIS
    ]


def _people_behind(now, kpi: str) -> int | None:
    base = kpi_definitions.BASE_COUNT.get(kpi)
    return None if base is None else int(now[base])
