"""Next year's budget proposal: a total budget shared among the visible provinces, and the expected
participants, completers, skill users and income gain of each, with 80 % intervals.

Intervals come from draws (model.simulate): a province's draws carry its own uncertainty and a
year step shared by every province, so the total's interval is taken from summed draws and is
wider than independent errors would give. Estimates are the draws' medians, bounds their 10th
and 90th percentiles. `income_gain_monthly` is the total extra income per month of the
province's completers (baht); payback is budget / that gain, in months.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_access import fiscal, reference
from data_access.cache import cached
from data_access.db import Database
from data_access.errors import UserError
from data_access.labour import forecasts, need
from data_access.planning import fitting, model
from data_access.planning.fitting import fit_years  # noqa: F401  (the page's entry point)
from data_access.planning.quantities import actual_skill_users
from data_access.selection import Scope, Selection

BASES = ("last_year", "outcome", "equal", "need", "custom")
LEVELS = (10, 50, 90)  # an 80 % interval around the median
LAST_YEAR = {  # outcome → the column of its figure in the last complete year
    "participants": "last_participants",
    "completers": "last_completers",
    "skill_users": "last_skill_users",
}


@dataclass(frozen=True)
class BudgetPlan:
    """A proposal. `provinces` has code, budget, and for each outcome `<outcome>` (the estimate),
    `<outcome>_low`, `<outcome>_high`; `total` is one such row for the sum (with the last complete
    year's figures, LAST_YEAR). Do not mutate."""

    fiscal_year: int
    fit_years: tuple[int, ...]
    budget: int
    basis: str
    provinces: pd.DataFrame
    total: pd.Series


def apportion(total: float, weights: pd.Series) -> pd.Series:
    """Whole baht in proportion to `weights`, summing exactly to `total` (largest remainders)."""
    weights = weights.clip(lower=0).fillna(0.0)
    if weights.sum() <= 0:
        weights = pd.Series(1.0, index=weights.index)
    exact = weights / weights.sum() * round(total)
    whole = np.floor(exact)
    short = int(round(total) - whole.sum())
    order = (exact - whole).sort_values(ascending=False, kind="stable").index[:short]
    whole[order] += 1
    return whole.astype("int64")


def weights(
    basis: str,
    last_allocation: pd.Series,
    rates: pd.DataFrame,
    need: pd.Series | None = None,
    blend: float = 0.0,
) -> pd.Series:
    """Shares of the budget: last year's allocation, that adjusted by skill users per baht
    against the average province (outcome-weighted), equal, or by need: each province's share
    of next year's `need` (forecast unemployed or claimants), blended with the outcome-weighted
    share as (1 − blend) × need share + blend × outcome share."""
    if basis == "need":
        need_share = need.reindex(rates.index) / need.reindex(rates.index).sum()
        if not blend:
            return need_share
        outcome = weights("outcome", last_allocation, rates)
        return (1 - blend) * need_share + blend * outcome / outcome.sum()
    last = last_allocation.reindex(rates.index).fillna(0.0)
    if last.sum() <= 0:
        last = pd.Series(1.0, index=rates.index)
    if basis == "last_year":
        return last
    if basis == "outcome":
        per_baht = rates["completion"] * rates["skill_use"] / rates["cost"]
        return last * per_baht / np.average(per_baht, weights=last)
    if basis == "equal":
        return pd.Series(1.0, index=rates.index)
    raise ValueError(f"unknown basis {basis!r}")


def summarise(draws: dict[str, np.ndarray], budget: np.ndarray) -> tuple[pd.DataFrame, pd.Series]:
    """Median and 80 % bounds per province and for the total (from summed draws)."""
    rows, total = {}, {}
    for name, values in draws.items():
        low, mid, high = np.percentile(values, LEVELS, axis=1)
        t_low, t_mid, t_high = np.percentile(values.sum(axis=0), LEVELS)
        rows |= {name: mid, f"{name}_low": low, f"{name}_high": high}
        total |= {name: t_mid, f"{name}_low": t_low, f"{name}_high": t_high}
    frame = _with_payback(pd.DataFrame(rows).assign(budget=budget))
    return frame, _with_payback(pd.DataFrame([total]).assign(budget=budget.sum())).iloc[0]


def _with_payback(frame: pd.DataFrame) -> pd.DataFrame:
    """Yearly gain, and payback months = budget / monthly gain (blank where the gain is ≤ 0)."""
    gain = "income_gain_monthly"
    for suffix in ("", "_low", "_high"):
        frame[f"income_gain_yearly{suffix}"] = 12 * frame[f"{gain}{suffix}"]
    for suffix, bound in (("", ""), ("_low", "_high"), ("_high", "_low")):
        monthly = frame[f"{gain}{bound}"]
        frame[f"payback_months{suffix}"] = frame["budget"] / monthly.where(monthly > 0)
    return frame


@cached
def recent_actuals(db: Database, selection: Selection, scope: Scope) -> pd.DataFrame:
    """Per visible province: the base year's allocation (for shares and the default budget) and
    the last complete year's results (for comparison)."""
    base, last_fit = fiscal.latest_year(selection), fitting.fit_years(db, selection)[-1]
    _, scoped = fitting.panels(db, selection, scope)
    by_year = scoped.assign(skill_users=actual_skill_users(scoped)).set_index(["fiscal_year", "unit"])
    last = by_year.xs(last_fit)
    allocation = by_year.xs(base)["budget"] if base in by_year.index.levels[0] else last["budget"]
    return pd.DataFrame(
        {
            "allocation": allocation.fillna(0.0),
            "last_participants": last["participants"],
            "last_completers": last["completed"],
            "last_skill_users": last["skill_users"],
        }
    )


@cached
def proposal(
    db: Database,
    selection: Selection,
    scope: Scope,
    budget: float | None = None,
    basis: str = "last_year",
    amounts: tuple[tuple[str, float], ...] = (),
    need_indicator: str = "lfs_unemployed",
    blend: float = 0.0,
) -> BudgetPlan:
    """The plan for the year after the selection's year. `budget` None = the base year's total
    allocation; `basis` "custom" takes `amounts` ((province code, baht), …) and their sum;
    "need" shares by `need_indicator` in the plan's year, blended with outcome by `blend`."""
    plan_model = fitting.plan_model(db, selection, scope)
    actuals = recent_actuals(db, selection, scope).reindex(plan_model.units)
    if basis == "custom":
        budgets = pd.Series(dict(amounts), dtype=float).reindex(plan_model.units).fillna(0.0).round()
    else:
        total = actuals["allocation"].sum() if budget is None else budget
        plan_year = fiscal.latest_year(selection) + 1
        year_need = _need(db, scope, plan_year, need_indicator, plan_model.units) if basis == "need" else None
        shares = weights(basis, actuals["allocation"], model.expected_rates(plan_model), year_need, blend)
        budgets = apportion(total, shares)
    draws = model.simulate(plan_model, budgets)
    provinces, total = summarise(draws, budgets.to_numpy(dtype=float))
    provinces.insert(0, "code", plan_model.units)
    provinces["name_th"] = provinces["code"].map(lambda c: reference.province_by_code()[c].name_th)
    provinces = provinces.join(actuals.reset_index(drop=True))
    for column in LAST_YEAR.values():
        total[column] = provinces[column].sum(min_count=1)
    return BudgetPlan(
        fiscal_year=fiscal.latest_year(selection) + 1,
        fit_years=plan_model.years,
        budget=int(budgets.sum()),
        basis=basis,
        provinces=provinces,
        total=total,
    )


def expected_rates(db: Database, selection: Selection, scope: Scope, by: str) -> pd.DataFrame:
    """Each province's (`by="province"`) or skill's (`by="skill"`) expected rates, as fitted."""
    fitted = (fitting.plan_model if by == "province" else fitting.skill_model)(db, selection, scope)
    return model.expected_rates(fitted)


def _need(db: Database, scope: Scope, fy: int, indicator: str, units: pd.Index) -> pd.Series:
    """Next year's need per province; every province of the plan must have one."""
    values = need.next_year(db, scope, fy, indicator, forecasts.stored_version(db)).reindex(units)
    missing = [code for code in units if pd.isna(values.get(code))]
    if missing:
        shown = ", ".join(missing[:10]) + (" …" if len(missing) > 10 else "")
        raise UserError("planning.error.no_need", indicator=indicator, year=fy, provinces=shown)
    return values


def to_json(plan: BudgetPlan) -> dict:
    """The `plan --json` contract of DESIGN §8: counts and baht as whole numbers."""

    def outcomes(row) -> dict:
        out = {}
        for name in model.OUTCOMES:
            out[name] = {
                "estimate": round(float(row[name])),
                "low": round(float(row[f"{name}_low"])),
                "high": round(float(row[f"{name}_high"])),
            }
        return out

    provinces = [
        {"code": row["code"], "name_th": row["name_th"], "budget": int(row["budget"]), **outcomes(row)}
        for _, row in plan.provinces.iterrows()
    ]
    total = {"budget": sum(p["budget"] for p in provinces), **outcomes(plan.total)}
    return {"fiscal_year": plan.fiscal_year, "budget": plan.budget, "provinces": provinces, "total": total}
