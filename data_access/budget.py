"""Budget use against the Cabinet's quarterly disbursement targets (DESIGN §4–§5).

Targets are cumulative fractions of the allocation by quarter end, kept in the targets table as
`disbursement_q1` … `disbursement_q4` and resolved by `targets` (a province's own row, else the
country's `ALL` row).
"""

from __future__ import annotations

import pandas as pd

from data_access import fiscal, kpis
from data_access.db import Database
from data_access.selection import Scope, Selection
from data_access.targets import metric_targets, province_targets


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
    return quarter, kpis.against_disbursement_target(table, table["province"].map(goal))


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
    months = kpis.disbursement_by_month(db, two_years, scope)
    allocated = kpis.kpi_table(db, two_years, scope, ("fiscal_year",), medians=False)
    return kpis.cumulative_disbursement_rate(months, allocated)


def year_targets(db: Database, selection: Selection, scope: Scope) -> pd.DataFrame:
    """(quarter, fiscal_month, target) of the latest selected year: where the cumulative line should be."""
    fy = fiscal.latest_year(selection)
    goals = metric_targets(db, selection.replace(fiscal_years=(fy,)), scope)
    rows = [(q, q * 3, goals[f"disbursement_q{q}"]) for q in fiscal.QUARTERS if f"disbursement_q{q}" in goals]
    return pd.DataFrame(rows, columns=["quarter", "fiscal_month", "target"])
