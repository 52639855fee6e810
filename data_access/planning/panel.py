"""Yearly aggregates the planning models read: one row per fiscal year and province (or skill).

Every figure is a sum over a (year, unit) cell, read through `kpis.kpi_table` and one extra scoped
query; no participant row leaves the database. Only complete fiscal years are used for fitting:
a year whose 30 September is on or before the as-of date. Rates are taken among the people
followed up, so a complete year whose last follow-ups are still coming in is still unbiased.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import and_, case, func, select

from data_access import fiscal, kpis, reference
from data_access.cache import cached
from data_access.db import Database
from data_access.schema import participant_outcome
from data_access.selection import Scope, Selection, where_clauses

COLUMNS = (
    "participants",
    "completed",
    "skill_completed",
    "outcome_followed_up",
    "skill_users",
    "paired",
    "gain_sum",
    "gain_square_sum",
    "budget",
)
WIDE = Scope("planning", "executive")  # for national aggregates and hyperparameters only


def complete_years(years, as_of) -> tuple[int, ...]:
    """The fiscal years among `years` that ended on or before `as_of`."""
    return tuple(sorted(int(y) for y in set(years) if fiscal.fiscal_year_bounds(int(y))[1] <= as_of))


def _extra_sums(db: Database, selection: Selection, scope: Scope, dimension: str) -> pd.DataFrame:
    """Skill-course completers and the sum of squared income gains (for the spread of gains)."""
    o = participant_outcome.c
    skill_completer = and_(o.activity_type == "skill", o.completed.is_(True))
    paired = and_(
        skill_completer,
        o.followup_date.is_not(None),
        o.income_before.is_not(None),
        o.income_after.is_not(None),
    )
    gain = o.income_after - o.income_before
    unit = o.province_code if dimension == "province" else o.skill_code
    query = (
        select(
            o.fiscal_year.label("fiscal_year"),
            unit.label(dimension),
            func.sum(case((skill_completer, 1), else_=0)).label("skill_completed"),
            func.sum(case((paired, gain * gain), else_=0)).label("gain_square_sum"),
        )
        .where(*where_clauses(o, selection, scope))
        .group_by(o.fiscal_year, unit)
    )
    with db.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return pd.DataFrame(rows, columns=["fiscal_year", dimension, "skill_completed", "gain_square_sum"])


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
    sums = kpis.kpi_table(db, selection.replace(skills=()), scope, by=by, medians=False)
    extra = _extra_sums(db, selection.replace(skills=()), scope, dimension)
    frame = sums.merge(extra, on=list(by), how="left")
    frame["gain_sum"] = frame["income_after_sum"] - frame["income_before_sum"]
    frame["budget"] = frame["allocated" if dimension == "province" else "disbursed"]
    frame = frame.rename(columns={dimension: "unit"})
    region_of = {p.code: p.region for p in reference.provinces()}
    frame["group"] = frame["unit"].map(region_of) if dimension == "province" else "all"
    for column in COLUMNS:
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(float)
    frame[list(COLUMNS[:-1])] = frame[list(COLUMNS[:-1])].fillna(0.0)
    return frame[["fiscal_year", "unit", "group", *COLUMNS, "skill_use_rate"]]
