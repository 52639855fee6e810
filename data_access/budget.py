"""Budget use against the Cabinet's quarterly disbursement targets (DESIGN §4–§5), and money by
month.

Targets are cumulative fractions of the allocation by quarter end, kept in the targets table as
`disbursement_q1` … `disbursement_q4` and resolved by `targets` (a province's own row, else the
country's `ALL` row).
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import func, select

from data_access import disbursed, fiscal, grouping, kpis
from data_access.cache import cached
from data_access.db import Database
from data_access.kpi_definitions import ratio
from data_access.selection import Scope, Selection
from data_access.targets import metric_targets, province_targets


@cached
def monthly_disbursed(
    db: Database, selection: Selection, scope: Scope, by_province: bool = False
) -> pd.DataFrame:
    """Disbursed per fiscal year (and province) and calendar month, dated on or before the as-of
    date, with the month's place in its fiscal year.

    `fiscal_month` counts from the year's October (1) to its September (12); a payment dated
    before or after its course's fiscal year keeps its own month (0 or less, 13 or more), so it
    is never added to the same month of another year.
    """
    by = ("fiscal_year", "province") if by_province else ("fiscal_year",)
    paid = disbursed.summed_until_as_of(selection, scope, by, by_month=True)
    keys = [paid.c[name] for name in (*by, "year", "month")]
    query = select(*keys, func.sum(paid.c.disbursed).label("disbursed")).group_by(*keys)
    with db.engine.connect() as conn:
        frame = grouping.frame(conn, query, ())
    frame = frame.astype({"fiscal_year": int, "year": int, "month": int, "disbursed": float})
    frame["fiscal_month"] = fiscal.months_since_start(frame["fiscal_year"], frame["year"], frame["month"])
    return frame


def disbursement_by_month(db: Database, selection: Selection, scope: Scope) -> pd.DataFrame:
    """Disbursed per fiscal year and calendar month, with the running total within the year
    (the Budget use chart and the export's monthly sheet)."""
    frame = monthly_disbursed(db, selection, scope)
    frame = frame.sort_values(["fiscal_year", "fiscal_month"]).reset_index(drop=True)
    frame["disbursed_cumulative"] = frame.groupby("fiscal_year")["disbursed"].cumsum()
    return frame[["fiscal_year", "fiscal_month", "year", "month", "disbursed", "disbursed_cumulative"]]


def province_disbursement(
    db: Database, selection: Selection, scope: Scope
) -> tuple[int | None, pd.DataFrame]:
    """Every visible province's allocation, disbursement and rate beside the target of the latest
    quarter of the year that has ended by the as-of date; (quarter, table)."""
    fy = fiscal.latest_year(selection)
    one_year = selection.replace(fiscal_years=(fy,))
    table = kpis.kpi_table(db, one_year, scope, ("province",), medians=False)
    quarter = fiscal.last_completed_quarter(fy, selection.as_of)
    goals = province_targets(db, one_year, scope)
    goal = goals[f"disbursement_q{quarter}"] if quarter else pd.Series(dtype=float)
    return quarter, _against_target(table, table["province"].map(goal))


def lagging_provinces(db: Database, selection: Selection, scope: Scope) -> tuple[int | None, pd.DataFrame]:
    """Provinces below their quarter's disbursement target, furthest behind first; (quarter, table)."""
    quarter, table = province_disbursement(db, selection, scope)
    behind = table[table["below_target"]].sort_values("disbursement_gap", kind="stable")
    return quarter, behind.reset_index(drop=True)


def monthly_progress(db: Database, selection: Selection, scope: Scope) -> pd.DataFrame:
    """Cumulative disbursement by fiscal month for the year and the one before, in baht and as a
    share of that year's allocation."""
    fy = fiscal.latest_year(selection)
    two_years = selection.replace(fiscal_years=(fy - 1, fy))
    months = disbursement_by_month(db, two_years, scope)
    allocated = kpis.kpi_table(db, two_years, scope, ("fiscal_year",), medians=False)
    out = months.merge(allocated[["fiscal_year", "allocated"]], on="fiscal_year", how="left")
    out["disbursed_cumulative_rate"] = ratio(out["disbursed_cumulative"], out["allocated"])
    return out


def year_targets(db: Database, selection: Selection, scope: Scope) -> pd.DataFrame:
    """(quarter, fiscal_month, target) of the latest selected year: where the cumulative line should be."""
    fy = fiscal.latest_year(selection)
    goals = metric_targets(db, selection.replace(fiscal_years=(fy,)), scope)
    rows = [
        (q, fiscal.quarter_end_month(q), goals[f"disbursement_q{q}"])
        for q in fiscal.QUARTERS
        if f"disbursement_q{q}" in goals
    ]
    return pd.DataFrame(rows, columns=["quarter", "fiscal_month", "target"])


def _against_target(table: pd.DataFrame, target_rate: pd.Series) -> pd.DataFrame:
    """Adds the quarter's cumulative target (a fraction of the allocation), the amount it means,
    the gap in rate and whether the row is below it (False where either side is unknown)."""
    out = table.copy()
    out["disbursement_target"] = target_rate.astype(float).to_numpy()
    out["disbursement_target_amount"] = out["allocated"] * out["disbursement_target"]
    out["disbursement_gap"] = out["disbursement_rate"] - out["disbursement_target"]
    out["below_target"] = (out["disbursement_gap"] < 0).fillna(False).astype(bool)
    return out
