"""Budget use against the Cabinet's quarterly disbursement targets (DESIGN §4–§5).

Targets are cumulative fractions of the allocation by quarter end, kept in the targets table as
`disbursement_q1` … `disbursement_q4`, for a province or for the whole country (`ALL`). A
province without its own row is held to the country's.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import and_, or_, select

from data_access import fiscal, kpis
from data_access.cache import cached
from data_access.db import Database
from data_access.schema import targets
from data_access.selection import Scope, Selection, where_clauses
from data_access.targets import metric_targets

QUARTERS = (1, 2, 3, 4)
METRICS = {f"disbursement_q{q}": q for q in QUARTERS}


def latest_year(selection: Selection) -> int:
    """The fiscal year a budget view is about: the newest selected, else the as-of date's."""
    return max(selection.fiscal_years) if selection.fiscal_years else fiscal.fiscal_year(selection.as_of)


@cached
def quarter_targets(db: Database, selection: Selection, scope: Scope) -> pd.DataFrame:
    """(fiscal_year, province, quarter, target) rows of the visible provinces and the country (ALL)."""
    t = targets.c
    provinces = where_clauses(t, selection.replace(skills=()), scope, skills=False)
    query = select(t.fiscal_year, t.province_code, t.metric, t.value).where(
        t.metric.in_(METRICS),
        or_(and_(*provinces), and_(t.province_code == "ALL", *_years(t, selection))),
    )
    with db.engine.connect() as conn:
        rows = pd.DataFrame(
            conn.execute(query).all(), columns=["fiscal_year", "province", "metric", "target"]
        )
    rows["quarter"] = rows["metric"].map(METRICS).astype("int64")
    rows["target"] = rows["target"].astype(float)
    return rows[["fiscal_year", "province", "quarter", "target"]]


def _years(t, selection: Selection) -> list:
    return [t.fiscal_year.in_(selection.fiscal_years)] if selection.fiscal_years else []


def target_by_province(goals: pd.DataFrame, provinces: pd.Series, fiscal_year: int, quarter: int | None):
    """Each province's target for one quarter: its own row, else the country's (NaN if neither)."""
    if quarter is None:
        return pd.Series(float("nan"), index=provinces.index)
    found = goals[(goals["fiscal_year"] == fiscal_year) & (goals["quarter"] == quarter)]
    own = found.set_index("province")["target"]
    national = own.get("ALL", float("nan"))
    return provinces.map(own).fillna(national).astype(float)


def province_disbursement(
    db: Database, selection: Selection, scope: Scope
) -> tuple[int | None, pd.DataFrame]:
    """Every visible province's allocation, disbursement and rate beside the target of the latest
    quarter of the year that has ended by the as-of date; (quarter, table)."""
    fy = latest_year(selection)
    one_year = selection.replace(fiscal_years=(fy,))
    table = kpis.kpi_table(db, one_year, scope, ("province",), medians=False)
    quarter = fiscal.last_completed_quarter(fy, selection.as_of)
    goal = target_by_province(quarter_targets(db, one_year, scope), table["province"], fy, quarter)
    return quarter, kpis.against_disbursement_target(table, goal)


def lagging_provinces(db: Database, selection: Selection, scope: Scope) -> tuple[int | None, pd.DataFrame]:
    """Provinces below their quarter's disbursement target, furthest behind first; (quarter, table)."""
    quarter, table = province_disbursement(db, selection, scope)
    behind = table[table["below_target"]].sort_values("disbursement_gap", kind="stable")
    return quarter, behind.reset_index(drop=True)


def monthly_progress(db: Database, selection: Selection, scope: Scope) -> pd.DataFrame:
    """Cumulative disbursement by fiscal month for the year and the one before, in baht and as a
    share of that year's allocation."""
    fy = latest_year(selection)
    two_years = selection.replace(fiscal_years=(fy - 1, fy))
    months = kpis.disbursement_by_month(db, two_years, scope)
    allocated = kpis.kpi_table(db, two_years, scope, ("fiscal_year",), medians=False)
    return kpis.cumulative_disbursement_rate(months, allocated)


def year_targets(db: Database, selection: Selection, scope: Scope) -> pd.DataFrame:
    """(quarter, fiscal_month, target) of the latest selected year: where the cumulative line should be."""
    fy = latest_year(selection)
    goals = metric_targets(db, selection.replace(fiscal_years=(fy,)), scope)
    rows = [(q, q * 3, goals[f"disbursement_q{q}"]) for q in QUARTERS if f"disbursement_q{q}" in goals]
    return pd.DataFrame(rows, columns=["quarter", "fiscal_month", "target"])
