"""Yearly aggregates the planning models read: one row per fiscal year and province (or skill).

Every figure is a sum of measures (data_access/measures.py) over a (year, unit) cell, read
through `kpis.kpi_table`; no participant row leaves the database. Only complete fiscal years
are used for fitting: a year whose 30 September is on or before the as-of date. Rates are taken
among the people followed up, so a complete year whose last follow-ups are still coming in is
still unbiased.
"""

from __future__ import annotations

import pandas as pd

from data_access import fiscal, kpis, reference
from data_access.cache import cached
from data_access.db import Database
from data_access.selection import Scope, Selection

COLUMNS = (
    "participants",
    "completed",
    "skill_completed",
    "skill_followed_up",
    "skill_users",
    "paired",
    "income_gain_sum",
    "income_gain_square_sum",
    "budget",
)
WIDE = Scope("planning", "executive")  # for national aggregates and hyperparameters only


def complete_years(years, as_of) -> tuple[int, ...]:
    """The fiscal years among `years` that ended on or before `as_of`."""
    return tuple(sorted(int(y) for y in set(years) if fiscal.fiscal_year_bounds(int(y))[1] <= as_of))


@cached
def yearly_panel(
    db: Database, selection: Selection, scope: Scope, dimension: str = "province"
) -> pd.DataFrame:
    """Sums per (fiscal_year, unit) for the selection's years, units with no data included.

    `unit` is a province (grouped by region; `budget` = allocation, what a proposal sets) or a
    skill category (one group; `budget` = disbursed, as allocations are per province only).
    `skill_use_rate` is kpi_table's (DESIGN §5), for the skill users a year actually produced.
    """
    by = ("fiscal_year", dimension)
    frame = kpis.kpi_table(db, selection.replace(skills=()), scope, by=by, medians=False)
    frame["budget"] = frame["allocated" if dimension == "province" else "disbursed"]
    frame = frame.rename(columns={dimension: "unit"})
    region_of = {p.code: p.region for p in reference.provinces()}
    frame["group"] = frame["unit"].map(region_of) if dimension == "province" else "all"
    for column in COLUMNS:
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(float)
    frame[list(COLUMNS[:-1])] = frame[list(COLUMNS[:-1])].fillna(0.0)
    return frame[["fiscal_year", "unit", "group", *COLUMNS, "skill_use_rate"]]
