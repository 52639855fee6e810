"""In-year disbursement forecast: each province's cumulative disbursement at the end of each quarter
of the current fiscal year (the one containing the as-of date), and who is likely to miss the
quarter's target (targets table `disbursement_qN` × allocation).

A province's monthly shape is the share of a year's final disbursement reached by each fiscal
month, averaged over its past complete years and pulled toward the national shape (more pull
the fewer years it has, by how much provinces' shapes really differ against their year-to-year
noise). The projection is Bornhuetter–Ferguson, as in insurance reserving: what is disbursed so
far, plus the part of the year's expected final amount (allocation × the province's usual final
disbursement rate) that the shape says comes between the as-of date and the quarter's end. Early
in the year it leans on the allocation; late, on what was actually paid.
"""

from __future__ import annotations

import calendar
from datetime import date

import numpy as np
import pandas as pd

from data_access import budget, fiscal, kpis, targets
from data_access.cache import cached
from data_access.db import Database
from data_access.planning.panel import WIDE, complete_years
from data_access.selection import Scope, Selection

MONTHS = np.array(fiscal.MONTHS)


def _paid_by_month(
    db: Database, selection: Selection, scope: Scope, by_province: bool = True
) -> pd.DataFrame:
    """Disbursed per fiscal year, province (or "all") and month since the year's start `k`, an
    advance paid before the year's October counted in its first month (budget.monthly_disbursed)."""
    frame = budget.monthly_disbursed(db, selection.replace(skills=()), scope, by_province)
    if not by_province:
        frame["province"] = "all"
    frame["k"] = fiscal.advances_in_first_month(frame["fiscal_month"])
    return frame[["fiscal_year", "province", "k", "disbursed"]]


def shares(monthly: pd.DataFrame) -> pd.DataFrame:
    """Cumulative share of each (year, province)'s final disbursement by fiscal month 1–12."""
    by_month = monthly.pivot_table(
        index=["fiscal_year", "province"], columns="k", values="disbursed", aggfunc="sum", fill_value=0.0
    )
    final = by_month.sum(axis=1)
    cumulative = by_month.reindex(columns=MONTHS, fill_value=0.0).cumsum(axis=1)
    return cumulative.div(final.where(final > 0), axis=0).dropna()


def pooling_weights(own: pd.DataFrame) -> pd.Series:
    """Per province: T / (T + K), K = within-province year-to-year variance / between-province
    variance of the shapes (both averaged over months)."""
    years = own.groupby(level="province").size()
    within = own.groupby(level="province").var().mean(axis=1)
    within = float(within[years > 1].mean()) if (years > 1).any() else 0.0
    means = own.groupby(level="province").mean()
    between = float(means.var().mean()) - within * float((1 / years).mean()) if len(means) > 1 else 0.0
    if within <= 0:
        return pd.Series(1.0, index=years.index)
    k = within / between if between > 0 else np.inf
    return years / (years + k)


def pooled_shapes(own: pd.DataFrame, national: pd.Series) -> tuple[pd.DataFrame, pd.Series]:
    """(province × month shapes, weight on own history): own mean shrunk toward the national."""
    weight = pooling_weights(own)
    means = own.groupby(level="province").mean()
    pooled = means.mul(weight, axis=0) + np.outer(1 - weight, national.reindex(MONTHS).to_numpy())
    return pooled, weight


def share_at(shape: pd.DataFrame, day: date) -> pd.Series:
    """Share of the year's final expected by `day`, interpolating within its fiscal month."""
    k = fiscal.fiscal_month(day)
    fraction = day.day / calendar.monthrange(day.year, day.month)[1]
    before = shape[k - 1] if k > 1 else 0.0
    return before + fraction * (shape[k] - before)


def project(
    shape: pd.DataFrame,
    final_rate: pd.Series,
    allocated: pd.Series,
    to_date: pd.DataFrame,
    as_of: date,
    fy: int,
) -> pd.DataFrame:
    """Cumulative disbursement at each quarter's end: actual where the quarter is over, else
    Bornhuetter–Ferguson, never above what can be disbursed (the allocation, or what is already
    paid where that is more). `to_date` is this year's (province × month 1–12) cumulative paid."""
    ultimate = allocated * final_rate
    now = share_at(shape, as_of)
    paid = to_date.iloc[:, -1] if to_date.shape[1] else pd.Series(0.0, index=shape.index)
    ceiling = np.fmax(allocated.reindex(shape.index), paid)
    out = pd.DataFrame(index=shape.index)
    for q in fiscal.QUARTERS:
        if fiscal.quarter_end(fy, q) <= as_of:
            out[f"projected_q{q}"] = to_date.get(fiscal.quarter_end_month(q), paid)
        else:
            projected = paid + (shape[fiscal.quarter_end_month(q)] - now).clip(lower=0) * ultimate
            out[f"projected_q{q}"] = projected.clip(upper=ceiling)
    return out.assign(disbursed=paid, expected_share_now=now)


def _final_rates(money: pd.DataFrame, national: float, weight: pd.Series, past) -> pd.Series:
    """Final disbursed / allocated per province over past years, pulled toward the national rate
    with the shapes' weights."""
    years = money[money["fiscal_year"].isin(past)]
    own = years.groupby("province")["disbursement_rate"].mean()
    w = weight.reindex(own.index).fillna(0.0)
    return w * own.fillna(national) + (1 - w) * national


def _national(db: Database, past: tuple[int, ...], as_of: date) -> tuple[pd.Series, float]:
    """The country's mean monthly shape and final disbursement rate over the past years (a
    straight line and 100 % when there is no history). Aggregates only: safe for every scope."""
    if not past:
        return pd.Series(MONTHS / 12, index=MONTHS), 1.0
    selection = Selection(fiscal_years=past, as_of=as_of)
    shape = shares(_paid_by_month(db, selection, WIDE, by_province=False)).mean()
    rate = kpis.kpi_table(db, selection, WIDE, medians=False).iloc[0]["disbursement_rate"]
    return shape, 1.0 if pd.isna(rate) else float(rate)


def _this_year(monthly: pd.DataFrame, fy: int, as_of: date, provinces) -> pd.DataFrame:
    """Cumulative paid by month 1 … the as-of's month for `fy`, per province."""
    now = monthly[monthly["fiscal_year"] == fy]
    months = range(1, fiscal.fiscal_month(as_of) + 1)
    by_month = now.pivot_table(index="province", columns="k", values="disbursed", aggfunc="sum")
    return by_month.reindex(index=provinces, columns=months).fillna(0.0).cumsum(axis=1)


def _flag(frame: pd.DataFrame, goals: pd.DataFrame, fy: int, as_of: date) -> pd.DataFrame:
    """Targets in baht; the current quarter's projection, target, shortfall and at-risk flag.
    `goals` holds each province's cumulative targets (fractions) as resolved by `targets`."""
    for q in fiscal.QUARTERS:
        frame[f"target_q{q}"] = goals[f"disbursement_q{q}"].reindex(frame.index) * frame["allocated"]
    open_quarters = [q for q in fiscal.QUARTERS if fiscal.quarter_end(fy, q) > as_of]
    quarter = open_quarters[0] if open_quarters else None
    frame["quarter"] = quarter
    frame["projected"] = frame[f"projected_q{quarter}"] if quarter else np.nan
    frame["target"] = frame[f"target_q{quarter}"] if quarter else np.nan
    frame["shortfall"] = (frame["target"] - frame["projected"]).clip(lower=0)
    frame["at_risk"] = frame["shortfall"] > 0
    return frame


@cached
def forecast(db: Database, selection: Selection, scope: Scope) -> pd.DataFrame:
    """Per visible province, for the fiscal year containing the as-of date: allocated, disbursed
    so far, projected and target cumulative disbursement at each quarter's end, and for the
    current quarter the projection, target, shortfall (baht) and whether it is at risk."""
    as_of, fy = selection.as_of, fiscal.fiscal_year(selection.as_of)
    every_year = selection.replace(fiscal_years=(), skills=())
    monthly = _paid_by_month(db, every_year, scope)
    past = complete_years([y for y in monthly["fiscal_year"].unique() if y < fy], as_of)
    national_shape, national_rate = _national(db, past, as_of)
    by = ("fiscal_year", "province")
    money = kpis.kpi_table(db, every_year.replace(fiscal_years=(*past, fy)), scope, by, medians=False)
    provinces = money.loc[money["fiscal_year"] == fy, "province"]
    shape, weight = pooled_shapes(shares(monthly[monthly["fiscal_year"].isin(past)]), national_shape)
    shape = shape.reindex(provinces).apply(lambda row: row.fillna(national_shape), axis=1)
    rate = _final_rates(money, national_rate, weight, past).reindex(provinces).fillna(national_rate)
    allocated = money[money["fiscal_year"] == fy].set_index("province")["allocated"].fillna(0.0)
    frame = project(shape, rate, allocated, _this_year(monthly, fy, as_of, provinces), as_of, fy)
    frame = frame.assign(allocated=allocated, own_shape_weight=weight.reindex(provinces).fillna(0.0))
    goals = targets.province_targets(db, every_year.replace(fiscal_years=(fy,)), scope)
    return _flag(frame, goals, fy, as_of).rename_axis("province").reset_index()


def quarter_totals(outlook: pd.DataFrame) -> pd.DataFrame:
    """Sum over the provinces of the cumulative disbursement and target at each quarter's end;
    `actual` is False from the current quarter on (a projection)."""
    current = outlook["quarter"].dropna()
    first_open = int(current.iloc[0]) if len(current) else len(fiscal.QUARTERS) + 1
    return pd.DataFrame(
        {
            "quarter": list(fiscal.QUARTERS),
            "projected": [outlook[f"projected_q{q}"].sum() for q in fiscal.QUARTERS],
            "target": [outlook[f"target_q{q}"].sum(min_count=1) for q in fiscal.QUARTERS],
            "actual": [q < first_open for q in fiscal.QUARTERS],
        }
    )


def at_risk_total(outlook: pd.DataFrame) -> tuple[int | None, int, float]:
    """(current quarter or None, provinces at risk of missing its target, their shortfall in baht)."""
    quarter = outlook["quarter"].dropna()
    at_risk = outlook[outlook["at_risk"]]
    return (int(quarter.iloc[0]) if len(quarter) else None), len(at_risk), float(at_risk["shortfall"].sum())
