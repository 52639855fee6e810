"""KPI definitions in plain words, written from the tables the code computes with.

A ratio's words come from `kpi_definitions.KPIS` (its numerator and denominator) and each part's
population from `measures.MEASURES` (which people it counts, skill courses only or not), so the
words cannot drift from the arithmetic: change a formula there and its definition changes here.
Sums read from other tables (allocations, disbursements, targets) and medians have a sentence of
their own in the translation table (`def.<kpi>`).
"""

from __future__ import annotations

from assets.i18n import t
from data_access import kpi_definitions, measures

UNITS = {  # the unit a KPI of each kind (kpi_definitions.KPIS) is counted in
    "count": "unit.people",
    "rate": "unit.percent",
    "baht": "unit.baht",
    "baht_per_month": "unit.baht_month",
    "months": "unit.months",
}
SHOWN_BY_CELL = ("count", "rate")  # a header needs no unit: the cell shows % or is a head count


def header(kpi: str, lang: str) -> str:
    """A KPI's column header: its name, with its unit where a cell's format does not show it
    (baht, baht a month, months)."""
    kind = kpi_definitions.kind(kpi)
    name = t(f"kpi.{kpi}", lang)
    return name if kind in SHOWN_BY_CELL else f"{name} ({t(UNITS[kind], lang)})"


def _part(name: str, lang: str) -> str:
    """One side of a ratio: a measure's population, or a sum or earlier KPI by its name."""
    return t(f"measure.{name}", lang) if name in measures.BY_NAME else t(f"kpi.{name}", lang)


def _skill_courses_only(spec: kpi_definitions.Kpi) -> bool:
    return any(measures.BY_NAME[n].skill_courses_only for n in spec.ratio_of if n in measures.BY_NAME)


def formula(kpi: str, lang: str) -> str:
    """ "… ÷ …" for a ratio (with the rules its parts carry); the KPI's own sentence otherwise."""
    spec = kpi_definitions.KPIS[kpi]
    if spec.ratio_of is None:
        return t(f"def.{kpi}", lang)
    numerator, denominator = (_part(name, lang) for name in spec.ratio_of)
    words = [t("def.ratio", lang, numerator=numerator, denominator=denominator)]
    if _skill_courses_only(spec):
        words.append(t("def.skill_only", lang))
    if spec.only_positive:
        words.append(t("def.only_positive", lang))
    return " ".join(words)


def definition(kpi: str, lang: str) -> str:
    """The formula with the rules a reader needs: lower is better, no data for a zero denominator."""
    notes = [formula(kpi, lang)]
    if kpi in kpi_definitions.LOWER_IS_BETTER:
        notes.append(t("def.lower_is_better", lang))
    if kpi_definitions.KPIS[kpi].ratio_of is not None:
        notes.append(t("def.no_data", lang))
    text = " ".join(notes)
    return text[:1].upper() + text[1:]


def table(keys, lang: str) -> list[tuple[str, str]]:
    """(name, definition) for each KPI, once each, in the order given: a download's sheet."""
    return [(t(f"kpi.{key}", lang), definition(key, lang)) for key in dict.fromkeys(keys)]
