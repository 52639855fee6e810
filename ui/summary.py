"""The Overview's short summary paragraph, written from the data in Thai or English.

Two pure steps, so both are tested without Streamlit: `overview_facts` picks the figures out of
data_access results; `overview_summary` writes the sentences from the translation table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from assets.i18n import t
from ui import format as fmt

CHANGES = ("skill_use_rate", "income_gain_mean")
NAMED = 3  # provinces furthest behind the disbursement target named in the summary


@dataclass(frozen=True)
class OverviewFacts:
    fiscal_year: int
    participants: int
    target_attainment: float | None
    quarter: int | None  # latest quarter ended; None before the first quarter ends
    lagging: int  # provinces below that quarter's disbursement target
    with_target: int  # provinces with an allocation and a target to be measured against
    changes: tuple[tuple[str, float | None, float | None], ...]  # (kpi, last year, this year)
    furthest_behind: tuple[tuple[str, float, float], ...] = ()  # (province, rate, target), worst first
    only_province: str | None = None  # the one province measured, when there is exactly one
    previous_as_of: date | None = None  # the same point of last year that `changes` compare with


def _value(row: pd.Series, key: str) -> float | None:
    value = row[key]
    return None if pd.isna(value) else float(value)


def overview_facts(
    fiscal_year: int,
    now: pd.Series,
    before: pd.Series,
    quarter: int | None,
    disbursement: pd.DataFrame,
    previous_as_of: date | None = None,
) -> OverviewFacts:
    """`now`: the kpi_table row of this year; `before`: kpis.same_point_last_year's (as of
    `previous_as_of`); `disbursement`: budget.province_disbursement."""
    measured = disbursement["disbursement_target"].notna() & disbursement["allocated"].notna()
    behind = disbursement[disbursement["below_target"]].sort_values("disbursement_gap", kind="stable")
    named = tuple(
        (str(row["province"]), float(row["disbursement_rate"]), float(row["disbursement_target"]))
        for _, row in behind.head(NAMED).iterrows()
    )
    only = disbursement.loc[measured, "province"]
    return OverviewFacts(
        fiscal_year=fiscal_year,
        participants=int(now["participants"]),
        target_attainment=_value(now, "target_attainment"),
        quarter=quarter,
        lagging=int(disbursement["below_target"].sum()),
        with_target=int(measured.sum()),
        changes=tuple((k, _value(before, k), _value(now, k)) for k in CHANGES),
        furthest_behind=named,
        only_province=str(only.iloc[0]) if len(only) == 1 else None,
        previous_as_of=previous_as_of,
    )


def _change(kpi: str, before: float | None, now: float | None, year: str, lang: str) -> str | None:
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
        sentences.append(_disbursement_sentence(facts, lang))
    year = str(facts.fiscal_year - 1)
    if facts.previous_as_of is not None:
        year = t("summary.same_point", lang, year=year, as_of=fmt.thai_date(facts.previous_as_of, lang))
    for kpi, before, now in facts.changes:
        sentence = _change(kpi, before, now, year, lang)
        if sentence:
            sentences.append(sentence)
    return " ".join(sentences)


def _disbursement_sentence(facts: OverviewFacts, lang: str) -> str:
    """Who is behind the quarter's disbursement target, by name (worst first); for one province,
    that province, never "every province"."""
    if facts.only_province is not None:
        name = fmt.province_name(facts.only_province, lang)
        key = "summary.one_lagging" if facts.lagging else "summary.one_on_target"
        return t(key, lang, name=name, quarter=facts.quarter)
    if not facts.lagging:
        return t("summary.no_lagging", lang, quarter=facts.quarter)
    key = "summary.lagging_one" if facts.lagging == 1 else "summary.lagging"
    sentence = t(key, lang, count=facts.lagging, total=facts.with_target, quarter=facts.quarter)
    if facts.furthest_behind:
        names = t("summary.list_separator", lang).join(
            t(
                "summary.behind_item",
                lang,
                name=fmt.province_name(code, lang),
                rate=fmt.percent(rate, 0),
                target=fmt.percent(target, 0),
            )
            for code, rate, target in facts.furthest_behind
        )
        sentence += " " + t("summary.furthest_behind", lang, names=names)
    return sentence
