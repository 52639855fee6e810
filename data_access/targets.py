"""Targets: the one place a target is resolved (the participants target of every KPI table, the
Overview cards, budget use, the in-year disbursement forecast).

The participants target is a count: the provinces' targets are summed; the whole country has its
`ALL` row where a year has one (DESIGN §5), and a skill-category selection has none.

The other metrics are levels a province is held to (rates, the income gain). Per metric and
fiscal year, a province is held to its own row, else to the country's `ALL` row; where a year
has neither, the DESIGN §4 default applies (completion 95 %, skill use 80 %) if the metric has
one. Several provinces or a region are held to the mean of their provinces' targets; the whole
country to its `ALL` row where there is one. Quarterly disbursement targets are set by the
Cabinet each year; they live only in the targets table, never here.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, and_, case, func, or_, select

from data_access import fiscal, grouping, reference, vocabularies
from data_access.cache import cached
from data_access.db import Database
from data_access.schema import targets
from data_access.selection import (
    Scope,
    Selection,
    is_whole_country,
    visible_codes,
    visible_provinces,
    where_clauses,
)

DEFAULTS = {"completion_rate": 0.95, "skill_use_rate": 0.80}
PARTICIPANTS = "participants"  # the one target that is a count of people
# Metrics a province is held to as a level (a rate or an amount per person): averaged, not summed.
LEVEL_METRICS = tuple(m.code for m in vocabularies.TARGET_METRICS if m.code != PARTICIPANTS)
METRICS = ("completion_rate", *LEVEL_METRICS)


def participant_targets(conn: Connection, selection: Selection, scope: Scope, by: tuple[str, ...]):
    """The participants target per combination of `by`: the provinces' rows summed; for the whole
    country (not split by place), a year's ALL row where it exists, else its provinces' sum."""
    t = targets.c
    where = [t.metric == PARTICIPANTS, *where_clauses(t, selection, scope, skills=False)]
    national = visible_provinces(selection, scope) is None and not {"region", "province"} & set(by)
    if not national:
        where.append(t.province_code != reference.NATIONAL)
        query = grouping.grouped(targets, by, [func.sum(t.value).label("target_participants")], where)
        return grouping.frame(conn, query, by)
    is_all = t.province_code == reference.NATIONAL
    query = (
        select(
            t.fiscal_year.label("fiscal_year"),
            func.sum(case((is_all, t.value))).label("all_rows"),
            func.sum(case((is_all, None), else_=t.value)).label("province_rows"),
        )
        .where(*where)
        .group_by(t.fiscal_year)
    )
    years = grouping.frame(conn, query, ("fiscal_year",))
    years["target_participants"] = (
        years["all_rows"].astype(float).fillna(years["province_rows"].astype(float))
    )
    if by:
        return years[["fiscal_year", "target_participants"]]
    return pd.DataFrame({"target_participants": [years["target_participants"].sum(min_count=1)]})


@cached
def _rows(db: Database, selection: Selection, scope: Scope) -> pd.DataFrame:
    """(fiscal_year, province, metric, value) rows of the visible provinces and of the country
    (ALL: a Cabinet or ministry figure, not province data, so every scope may read it)."""
    t = targets.c
    visible = and_(*where_clauses(t, selection.replace(skills=()), scope, skills=False))
    years = [t.fiscal_year.in_(selection.fiscal_years)] if selection.fiscal_years else []
    query = select(t.fiscal_year, t.province_code, t.metric, t.value).where(
        t.metric.in_(LEVEL_METRICS), or_(visible, and_(t.province_code == reference.NATIONAL, *years))
    )
    with db.engine.connect() as conn:
        rows = pd.DataFrame(conn.execute(query).all(), columns=["fiscal_year", "province", "metric", "value"])
    return rows.astype({"value": float})


def _own_else_national(rows: pd.DataFrame, units: list[str]) -> pd.DataFrame:
    """Per unit (index) and metric (columns): in each year the unit's own rows, else that year's
    ALL row; then the mean over the years. NaN where no year has either."""
    years = sorted(set(rows["fiscal_year"]))
    table = rows.groupby(["fiscal_year", "province", "metric"])["value"].mean().unstack("metric")
    table = table.reindex(columns=list(METRICS)).astype(float)
    own = table.reindex(pd.MultiIndex.from_product([years, units], names=["fiscal_year", "province"]))
    national = table.reindex(pd.MultiIndex.from_product([years, [reference.NATIONAL]])).droplevel(1)
    filled = own.fillna(national.reindex(own.index.get_level_values("fiscal_year")).set_axis(own.index))
    return filled.groupby(level="province").mean().reindex(units)


@cached
def province_targets(db: Database, selection: Selection, scope: Scope) -> pd.DataFrame:
    """Every visible province's target of each metric (index province, columns METRICS)."""
    codes = visible_codes(selection, scope)
    return _own_else_national(_rows(db, selection, scope), codes).fillna(DEFAULTS)


@cached
def metric_targets(db: Database, selection: Selection, scope: Scope) -> dict[str, float]:
    """Each metric's target for the selection, leaving out metrics without one: the whole
    country's ALL row where it exists, else the mean of the visible provinces' targets."""
    found = province_targets(db, selection, scope).mean()
    if is_whole_country(selection, scope):
        found = (
            _own_else_national(_rows(db, selection, scope), [reference.NATIONAL]).iloc[0].combine_first(found)
        )
    return {str(metric): float(value) for metric, value in found.items() if pd.notna(value)}


def disbursement_target(targets_found: dict[str, float], fiscal_year: int, as_of) -> tuple[int, float] | None:
    """(quarter, cumulative target) of the latest quarter of the year ended by `as_of`."""
    quarter = fiscal.last_completed_quarter(fiscal_year, as_of)
    if quarter is None:
        return None
    value = targets_found.get(f"disbursement_q{quarter}")
    return None if value is None else (quarter, value)
