"""What every KPI of DESIGN §5 is: its kind, its formula over the measures' sums, and the people
behind it. `derive_rates` applies the formulas, once, for every caller (kpis, courses_list).

A KPI is a sum (a measure, or a sum read from another table: targets, allocations,
disbursements), a median (computed in SQL by `kpis`), or a ratio of two earlier values. A ratio
with a zero or missing denominator is null, shown as "no data", never 0 or an error.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from data_access import measures


@dataclass(frozen=True)
class Kpi:
    kind: str  # count, rate (a fraction), baht, baht_per_month or months
    ratio_of: tuple[str, str] | None = None  # (numerator, denominator): sums or earlier KPIs
    base: str | None = None  # the count of people behind it: shown as n, and ranked only above a minimum
    lower_is_better: bool = False
    only_positive: bool = False  # the denominator counts only where above 0 (payback on a gain)


# Every §5 KPI, in the order of the `kpis --json` contract (DESIGN §8).
KPIS = {
    "participants": Kpi("count"),
    "target_participants": Kpi("count"),
    "target_attainment": Kpi("rate", ("participants", "target_participants")),
    "completed": Kpi("count"),
    "completion_rate": Kpi("rate", ("completed", "participants"), "participants"),
    "followed_up": Kpi("count"),
    "followup_coverage": Kpi("rate", ("followed_up", "completed"), "completed"),
    "skill_use_rate": Kpi("rate", ("skill_users", "skill_followed_up"), "skill_followed_up"),
    "income_before_mean": Kpi("baht_per_month", ("income_before_sum", "paired"), "paired"),
    "income_after_mean": Kpi("baht_per_month", ("income_after_sum", "paired"), "paired"),
    "income_gain_mean": Kpi("baht_per_month", ("income_gain_sum", "paired"), "paired"),
    "income_before_median": Kpi("baht_per_month"),
    "income_after_median": Kpi("baht_per_month"),
    "higher_income_share": Kpi("rate", ("higher_income", "paired"), "paired"),
    "employment_rate": Kpi("rate", ("employed", "followed_up"), "followed_up"),
    "allocated": Kpi("baht"),
    "disbursed": Kpi("baht"),
    "disbursement_rate": Kpi("rate", ("disbursed", "allocated")),
    "cost_per_completer": Kpi("baht", ("disbursed", "completed"), "completed", lower_is_better=True),
    "payback_months": Kpi(
        "months",
        ("cost_per_completer", "income_gain_mean"),
        "paired",
        lower_is_better=True,
        only_positive=True,
    ),
}
KPI_KEYS = tuple(KPIS)
BASE_COUNT = {key: kpi.base for key, kpi in KPIS.items() if kpi.base}
LOWER_IS_BETTER = frozenset(key for key, kpi in KPIS.items() if kpi.lower_is_better)
RATES = frozenset(key for key, kpi in KPIS.items() if kpi.kind == "rate")
# Outcomes a place can be better or worse at than another (not sizes: counts and amounts).
COMPARABLE = frozenset(
    key
    for key, kpi in KPIS.items()
    if kpi.kind in ("rate", "baht_per_month", "months") or kpi.lower_is_better
)


def compare(key: str, value, other) -> int | None:
    """1 if `value` is better than `other` for this KPI, -1 if worse, 0 if equal; None when the
    KPI is a size rather than an outcome, or either value is missing."""
    if key not in COMPARABLE or pd.isna(value) or pd.isna(other):
        return None
    difference = (other - value) if key in LOWER_IS_BETTER else (value - other)
    return 0 if abs(difference) < 1e-9 else (1 if difference > 0 else -1)


# Sums kept per province only: a skill-category selection has none of them (DESIGN §5).
PER_PROVINCE_ONLY = frozenset({"allocated", "target_participants"})


def depends_on(key: str) -> frozenset[str]:
    """Every sum and KPI that `key` is computed from, itself included."""
    spec = KPIS.get(key)
    parts = {key}
    if spec is not None and spec.ratio_of:
        for name in spec.ratio_of:
            parts |= depends_on(name)
    return frozenset(parts)


def applies_to_skills(key: str) -> bool:
    """Whether `key` can be measured for a skill-category selection: not where it needs an
    allocation or a participants target, which are set per province, never per skill."""
    return not (depends_on(key) & PER_PROVINCE_ONLY)


# Counts of people shown beside KPIs (such as a rate's n): the courses and every counted measure.
COUNTS = ("courses", *measures.COUNTS)


def kind(key: str) -> str:
    """A KPI's kind; the counts of people shown beside KPIs (COUNTS) are counts."""
    return "count" if key in COUNTS else KPIS[key].kind


def ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """numerator / denominator, null (never 0 or an error) where the denominator is 0 or null."""
    den = denominator.astype(float)
    return (numerator.astype(float) / den.where(den != 0)).astype(float)


def derive_rates(sums: pd.DataFrame) -> pd.DataFrame:
    """Adds every §5 ratio to a frame of sums. The single home of KPI arithmetic."""
    out = sums.copy()
    for key, kpi in KPIS.items():
        if kpi.ratio_of is None:
            continue
        numerator, denominator = (out[name] for name in kpi.ratio_of)
        if kpi.only_positive:
            denominator = denominator.where(denominator > 0)
        out[key] = ratio(numerator, denominator)
    return out
