"""The Overview's short summary paragraph, written from the data in Thai or English.

Two pure steps, so both are tested without Streamlit: `overview_facts` picks the figures out of
data_access results; `overview_summary` writes the sentences from the translation table.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from assets.i18n import t
from ui import format as fmt

CHANGES = ("skill_use_rate", "income_gain_mean")


@dataclass(frozen=True)
class OverviewFacts:
    fiscal_year: int
    participants: int
    target_attainment: float | None
    quarter: int | None  # latest quarter ended; None before the first quarter ends
    lagging: int  # provinces below that quarter's disbursement target
    with_target: int  # provinces with an allocation and a target to be measured against
    changes: tuple[tuple[str, float | None, float | None], ...]  # (kpi, last year, this year)


def _value(row: pd.Series, key: str) -> float | None:
    value = row[key]
    return None if pd.isna(value) else float(value)


def overview_facts(
    fiscal_year: int, now: pd.Series, before: pd.Series, quarter: int | None, disbursement: pd.DataFrame
) -> OverviewFacts:
    """`now`/`before`: kpi_table rows of this and last year; `disbursement`: budget.province_disbursement."""
    measured = disbursement["disbursement_target"].notna() & disbursement["allocated"].notna()
    return OverviewFacts(
        fiscal_year=fiscal_year,
        participants=int(now["participants"]),
        target_attainment=_value(now, "target_attainment"),
        quarter=quarter,
        lagging=int(disbursement["below_target"].sum()),
        with_target=int(measured.sum()),
        changes=tuple((k, _value(before, k), _value(now, k)) for k in CHANGES),
    )


def _change(kpi: str, before: float | None, now: float | None, year: int, lang: str) -> str | None:
    if now is None:
        return None
    what, now_text = t(f"kpi.{kpi}", lang), fmt.kpi(kpi, now, lang)
    if before is None:
        return t("summary.now", lang, what=what, now=now_text)
    before_text = fmt.kpi(kpi, before, lang)
    if before_text == now_text:
        return t("summary.same", lang, what=what, now=now_text)
    direction = t("summary.rose" if now > before else "summary.fell", lang)
    return t(
        "summary.change", lang, what=what, direction=direction, before=before_text, now=now_text, year=year
    )


def overview_summary(facts: OverviewFacts, lang: str) -> str:
    """Three or four sentences: who took part, who is behind on disbursement, what changed."""
    attainment = (
        ""
        if facts.target_attainment is None
        else t("summary.attainment", lang, value=fmt.percent(facts.target_attainment))
    )
    sentences = [
        t(
            "summary.participants",
            lang,
            year=facts.fiscal_year,
            participants=fmt.number(facts.participants),
            attainment=attainment,
        )
    ]
    if facts.quarter is not None and facts.with_target:
        if facts.lagging:
            key = "summary.lagging_one" if facts.lagging == 1 else "summary.lagging"
            sentences.append(
                t(key, lang, count=facts.lagging, total=facts.with_target, quarter=facts.quarter)
            )
        else:
            sentences.append(t("summary.no_lagging", lang, quarter=facts.quarter))
    for kpi, before, now in facts.changes:
        sentence = _change(kpi, before, now, facts.fiscal_year - 1, lang)
        if sentence:
            sentences.append(sentence)
    return " ".join(sentences)
