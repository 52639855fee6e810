"""How well past plans would have done: each complete year predicted from the years before it.

For every complete fiscal year with at least two complete years before it, the model is fitted
on those earlier years only and given that year's actual allocation per province (the budget a
proposal sets; disbursement is an outcome of it). Its participants and skill users are then
compared with what happened. Years still in progress are neither learnt from nor predicted.
The earlier years' data are read as they are today (later corrections included), not as they
stood at the time.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from data_access.cache import cached
from data_access.db import Database
from data_access.planning import fitting, model
from data_access.planning.quantities import actual_skill_users
from data_access.selection import Scope, Selection

METRICS = ("participants", "skill_users")


def _predict_year(wide: pd.DataFrame, scoped: pd.DataFrame, year: int, years) -> pd.DataFrame:
    """Predicted (median, 80 % bounds) against actual, per province, for one target year,
    learnt from the complete `years` before it."""
    past = [y for y in years if y < year]
    before = scoped[scoped["fiscal_year"].isin(past)]
    fitted = model.fit(
        wide[wide["fiscal_year"] < year], before, tuple(sorted(before["fiscal_year"].unique()))
    )
    target = scoped[scoped["fiscal_year"] == year].set_index("unit")
    target = target[(target["budget"] > 0) & (target["participants"] > 0)]
    draws = model.simulate(fitted, target["budget"])
    actual = {"participants": target["participants"], "skill_users": actual_skill_users(target)}
    rows = []
    for metric in METRICS:
        low, estimate, high = np.percentile(draws[metric], (10, 50, 90), axis=1)
        frame = pd.DataFrame({"estimate": estimate, "low": low, "high": high}, index=fitted.units)
        frame["actual"] = actual[metric]
        rows.append(frame.dropna().assign(metric=metric))
    return pd.concat(rows).rename_axis("province").reset_index().assign(fiscal_year=year)


@cached
def backtest(db: Database, selection: Selection, scope: Scope) -> pd.DataFrame:
    """One row per (target year, province, metric): actual, estimate, low, high, inside."""
    years = fitting.fit_years(db, selection)
    wide, scoped = fitting.panels(db, selection, scope)
    targets = [y for y in years if sum(earlier < y for earlier in years) >= fitting.MIN_YEARS]
    columns = ["fiscal_year", "province", "metric", "actual", "estimate", "low", "high"]
    if not targets:
        return pd.DataFrame(columns=[*columns, "inside"])
    rows = pd.concat([_predict_year(wide, scoped, year, years) for year in targets], ignore_index=True)[
        columns
    ]
    rows["inside"] = (rows["actual"] >= rows["low"]) & (rows["actual"] <= rows["high"])
    return rows


YEARS_TO_JUDGE = 3  # fewer tested years than this say too little about the intervals


def summary_by_year(rows: pd.DataFrame) -> pd.DataFrame:
    """summary() of each tested fiscal year, one row per year (fiscal_year first)."""
    return pd.DataFrame(
        [{"fiscal_year": year, **summary(part)} for year, part in rows.groupby("fiscal_year")]
    )


def summary(rows: pd.DataFrame) -> dict[str, float | int | None]:
    """MAPE per metric, share of actual values inside the 80 % intervals (all, and per metric)."""
    out: dict[str, float | int | None] = {
        "years": len(rows["fiscal_year"].unique()),
        "checks": len(rows),
        "coverage": float(rows["inside"].mean()) if len(rows) else None,
    }
    for metric in METRICS:
        part = rows[rows["metric"] == metric]
        error = (part["estimate"] - part["actual"]).abs() / part["actual"].where(part["actual"] > 0)
        out[f"mape_{metric}"] = float(error.mean()) if error.notna().any() else None
        out[f"coverage_{metric}"] = float(part["inside"].mean()) if len(part) else None
    return out
