"""Targets of rates and amounts for a selection: from the targets table, else DESIGN §4 defaults.

Quarterly disbursement targets are set by the Cabinet each year; they live only in the targets
table, never here.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import func, select

from data_access import fiscal
from data_access.cache import cached
from data_access.db import Database
from data_access.schema import targets
from data_access.selection import Scope, Selection, visible_provinces, where_clauses

DEFAULTS = {"completion_rate": 0.95, "skill_use_rate": 0.80}
RATE_METRICS = (
    "skill_use_rate",
    "income_gain",
    "disbursement_q1",
    "disbursement_q2",
    "disbursement_q3",
    "disbursement_q4",
)


@cached
def metric_targets(db: Database, selection: Selection, scope: Scope) -> dict[str, float]:
    """Each metric's target for the selection: the country's ALL row for the whole country if
    present, else the mean over the selected provinces' rows; §4 defaults where none are given."""
    t = targets.c
    where = [t.metric.in_(RATE_METRICS), *where_clauses(t, selection.replace(skills=()), scope, skills=False)]
    national = visible_provinces(selection, scope) is None
    # Grouped outside: PostgreSQL sees the bound 'ALL' of a GROUP BY expression as another value.
    found_rows = (
        select(t.metric, (t.province_code == "ALL").label("is_all"), t.value).where(*where).subquery()
    )
    r = found_rows.c
    query = select(r.metric, r.is_all, func.avg(r.value).label("value")).group_by(r.metric, r.is_all)
    with db.engine.connect() as conn:
        rows = pd.DataFrame(conn.execute(query).mappings().all(), columns=["metric", "is_all", "value"])
    found: dict[str, float] = dict(DEFAULTS)
    for metric, group in rows.groupby("metric"):
        preferred = group[group["is_all"].astype(bool) == national]
        found[str(metric)] = float((preferred if not preferred.empty else group)["value"].iloc[0])
    return found


def disbursement_target(targets_found: dict[str, float], fiscal_year: int, as_of) -> tuple[int, float] | None:
    """(quarter, cumulative target) of the latest quarter of the year ended by `as_of`."""
    quarter = fiscal.last_completed_quarter(fiscal_year, as_of)
    if quarter is None:
        return None
    value = targets_found.get(f"disbursement_q{quarter}")
    return None if value is None else (quarter, value)
