"""The KPIs of DESIGN §5 for a selection within a scope: the SQL that sums the measures.

What a KPI is lives in `kpi_definitions`, what it counts in `measures`. Here the sums are
computed in SQL over the derived tables (thousands of course rows, never participant rows in
pandas), beside allocations, disbursements, targets and the exact medians; `derive_rates` then
takes the ratios.
"""

from __future__ import annotations

import itertools
from datetime import date

import numpy as np
import pandas as pd
from sqlalchemy import BigInteger, case, cast, func, or_, select

from data_access import disbursed, grouping, measures, reference, targets
from data_access.cache import cached
from data_access.db import Database
from data_access.kpi_definitions import (
    COUNTS,
    KPI_KEYS,
    derive_rates,
)
from data_access.schema import (
    allocations,
    course_outcome,
    courses,
    income_distribution,
    participant_outcome,
    partition_outcome,
    provinces,
)
from data_access.selection import Scope, Selection, visible_codes, visible_provinces, where_clauses

# Sums read from other tables than course_outcome: null (not 0) where there is none.
MAYBE_MISSING = (
    "disbursed",
    "allocated",
    "target_participants",
    "income_before_median",
    "income_after_median",
)


def _started_by(columns, started_by: date | None) -> list:
    """Only courses that had started on `started_by` (None: every course of the selection)."""
    if started_by is None:
        return []
    started = select(courses.c.id).where(courses.c.start_date <= started_by)
    return [columns.course_id.in_(started)]


def _outcome_sums(conn, selection, scope, by, started_by=None) -> pd.DataFrame:
    """Every measure summed over the courses: from their sums per partition (partition_outcome),
    or, when only the courses started by a date count, from the course rows (course_outcome)."""
    if started_by is None:
        table, courses_counted = partition_outcome, func.sum(partition_outcome.c.courses)
    else:
        table, courses_counted = course_outcome, func.count()
    o = table.c
    aggregates = [
        func.coalesce(courses_counted, 0).label("courses"),
        *[func.coalesce(func.sum(o[name]), 0).label(name) for name in measures.NAMES],
    ]
    where = [*where_clauses(o, selection, scope), *_started_by(o, started_by)]
    return grouping.frame(conn, grouping.grouped(table, by, aggregates, where), by)


def _disbursed(conn, selection, scope, by) -> pd.DataFrame:
    parts = disbursed.summed_until_as_of(selection, scope, by)
    dims = [parts.c[d] for d in by]
    query = select(*dims, func.sum(parts.c.disbursed).label("disbursed")).group_by(*dims)
    return grouping.frame(conn, query, by)


def _allocated(conn, selection, scope, by) -> pd.DataFrame:
    a = allocations.c
    where = where_clauses(a, selection, scope, skills=False)
    query = grouping.grouped(allocations, by, [func.sum(a.amount).label("allocated")], where)
    return grouping.frame(conn, query, by)


def _medians(conn, selection, scope, by, started_by=None) -> pd.DataFrame:
    """Exact medians of income before and after over the paired skill completers, from the
    per-partition distributions of their values (income_distribution). Only the same-point
    comparison with last year (`started_by`) reads person rows: the distributions know no dates."""
    if started_by is not None:
        return _medians_started_by(conn, selection, scope, by, started_by)
    return _merge(
        [_median(conn, selection, scope, by, figure) for figure in ("income_before", "income_after")], by
    )


def _median(conn, selection, scope, by, figure: str) -> pd.DataFrame:
    """The middle value (the mean of the two middle values for an even count) of `figure`."""
    h = income_distribution.c
    where = [h.figure == figure, *where_clauses(h, selection, scope)]
    people = [h.value.label("value"), func.sum(h.people).label("people")]
    values = grouping.grouped(income_distribution, by, people, where).group_by(h.value).subquery()
    dims = [values.c[d] for d in by]
    ranked = select(
        *dims,
        values.c.value,
        cast(
            func.sum(values.c.people).over(partition_by=dims or None, order_by=values.c.value), BigInteger
        ).label("upto"),
        # PostgreSQL sums a bigint to a numeric: an integer again, so that // halves as integers.
        cast(func.sum(values.c.people).over(partition_by=dims or None), BigInteger).label("n"),
    ).subquery()
    r = ranked.c

    def at_rank(rank):
        return func.min(case((r.upto >= rank, r.value)))

    middle = (at_rank((r.n + 1) // 2) + at_rank((r.n + 2) // 2)) / 2
    query = select(*[r[d] for d in by], middle.label(f"{figure}_median")).group_by(*[r[d] for d in by])
    return grouping.frame(conn, query, by)


def _medians_started_by(conn, selection, scope, by, started_by) -> pd.DataFrame:
    """The same medians over the courses that had started by `started_by`, from person rows."""
    o = participant_outcome.c
    paired = [
        *measures.members(o, "paired"),
        *where_clauses(o, selection, scope),
        *_started_by(o, started_by),
    ]
    frames = []
    for name, column in (("income_before_median", o.income_before), ("income_after_median", o.income_after)):
        source = participant_outcome
        if "region" in by:
            source = source.join(provinces, provinces.c.code == o.province_code)
        dims = grouping.dimension_columns(participant_outcome, by)
        ranked = (
            select(
                *dims,
                column.label("value"),
                func.row_number().over(partition_by=dims or None, order_by=column).label("rn"),
                func.count().over(partition_by=dims or None).label("n"),
            )
            .select_from(source)
            .where(*paired)
            .subquery()
        )
        middle = or_(ranked.c.rn == (ranked.c.n + 1) // 2, ranked.c.rn == (ranked.c.n + 2) // 2)
        outer_dims = [ranked.c[d] for d in by]
        query = select(*outer_dims, func.avg(ranked.c.value).label(name)).where(middle).group_by(*outer_dims)
        frames.append(grouping.frame(conn, query, by))
    return _merge(frames, by)


def _merge(frames: list[pd.DataFrame], by) -> pd.DataFrame:
    merged = frames[0]
    for frame in frames[1:]:
        merged = (
            merged.merge(frame, on=list(by), how="outer")
            if by
            else pd.concat([merged.reset_index(drop=True), frame.reset_index(drop=True)], axis=1)
        )
    return merged


def _grid(selection: Selection, scope: Scope, by, years_seen) -> pd.DataFrame:
    """Every combination of the dimensions' values, so that "no data" rows are present too."""
    province_codes = visible_codes(selection, scope)
    region_of = reference.province_by_code()
    domains = {
        "fiscal_year": list(selection.fiscal_years) or sorted(years_seen),
        "province": province_codes,
        "region": [
            r.code for r in reference.REGIONS if any(region_of[c].region == r.code for c in province_codes)
        ],
        "skill": list(selection.skills) or [s.code for s in reference.SKILL_CATEGORIES],
    }
    return pd.DataFrame(list(itertools.product(*(domains[d] for d in by))), columns=list(by))


@cached
def kpi_table(
    db: Database,
    selection: Selection,
    scope: Scope,
    by: tuple[str, ...] = (),
    *,
    medians: bool = True,
    started_by: date | None = None,
) -> pd.DataFrame:
    """Every §5 KPI for the selection within the scope, one row per combination of `by`.

    `by` is a tuple of grouping.DIMENSIONS; `()` gives one national (or scope-wide) row. Rows for
    dimension values without data are present, with zero counts and null rates. `started_by`
    counts only the courses that had started on that date (see `same_point_last_year`).
    """
    unknown = set(by) - set(grouping.DIMENSIONS)
    if unknown:
        raise ValueError(f"unknown dimensions {sorted(unknown)}")
    by = tuple(by)
    no_skill_money = "skill" in by or bool(selection.skills)
    with db.engine.connect() as conn:
        frames = [
            _outcome_sums(conn, selection, scope, by, started_by),
            _disbursed(conn, selection, scope, by),
        ]
        if not no_skill_money:
            frames += [
                _allocated(conn, selection, scope, by),
                targets.participant_targets(conn, selection, scope, by),
            ]
        if medians:
            frames.append(_medians(conn, selection, scope, by, started_by))
    sums = _merge(frames, by)
    if by:
        years = set(sums["fiscal_year"].dropna().astype(int)) if "fiscal_year" in by else set()
        sums = _grid(selection, scope, by, years).merge(sums, on=list(by), how="left")
    elif sums.empty:
        sums = pd.DataFrame(index=[0])
    sums = _nothing_disbursed_is_zero(_typed(sums))
    if "fiscal_year" in by:
        sums["fiscal_year"] = sums["fiscal_year"].astype("int64")
    return derive_rates(sums).sort_values(list(by)).reset_index(drop=True) if by else derive_rates(sums)


def _nothing_disbursed_is_zero(sums: pd.DataFrame) -> pd.DataFrame:
    """Where there are courses or an allocation but no disbursement yet, disbursed is 0 baht (the
    rate 0 %, the furthest behind), not "no data"; only a selection with neither has no data."""
    has_budget = (sums["courses"] > 0) | sums["allocated"].notna()
    sums.loc[sums["disbursed"].isna() & has_budget, "disbursed"] = 0.0
    return sums


def _typed(sums: pd.DataFrame) -> pd.DataFrame:
    """Counts as integers and the measures' sums as floats (0 where absent); money from other
    tables and targets as floats (null where absent)."""
    for column in (*COUNTS, *measures.SUMS):
        sums[column] = pd.to_numeric(sums.get(column, 0), errors="coerce")
        sums[column] = sums[column].fillna(0)
    for column in COUNTS:
        sums[column] = sums[column].astype("int64")
    for column in measures.SUMS:
        sums[column] = sums[column].astype(float)
    for column in MAYBE_MISSING:
        sums[column] = pd.to_numeric(sums.get(column, np.nan), errors="coerce")
        sums[column] = sums[column].astype(float)
    return sums


def same_point_last_year(
    db: Database, selection: Selection, scope: Scope, by: tuple[str, ...] = (), *, medians: bool = True
) -> pd.DataFrame:
    """The previous fiscal year at the same point of its year: the as-of date moved back a year,
    courses counted only if they had started by then and money disbursed by then. What a
    year-on-year change compares with, so that part of a year is never set against a whole one.
    A row whose year has no data at all (no courses, no allocation) has only nulls and zeros."""
    earlier = selection.previous_year()
    return kpi_table(db, earlier, scope, by, medians=medians, started_by=earlier.as_of)


def has_data(row: pd.Series) -> bool:
    """Whether a kpi_table row holds any figure: a course or an allocation."""
    return bool(row["courses"] > 0) or not pd.isna(row["allocated"])


def kpi_summary(db: Database, selection: Selection, scope: Scope) -> dict[str, float | int | None]:
    """The single-row KPIs as the `kpis --json` contract has them: §5 names, null for no data."""
    row = kpi_table(db, selection, scope).iloc[0]
    out: dict[str, float | int | None] = {}
    for key in KPI_KEYS:
        value = row[key]
        if pd.isna(value):
            out[key] = None
        elif key in measures.COUNTS:
            out[key] = int(value)
        else:
            out[key] = float(value)
    return out


COMPARISON_DIMENSIONS = ("fiscal_year", "skill")


def comparison_totals(
    db: Database, selection: Selection, scope: Scope, by: tuple[str, ...] = (), *, medians: bool = True
) -> pd.DataFrame:
    """Region and national totals beside a scope's own figures (DESIGN §7).

    Safe for every role: it returns aggregated rows per level (one, or one per year or skill
    category of `by`) and names no province or other region, so a provincial head can compare
    with their region and the nation without seeing other provinces' figures.
    """
    if set(by) - set(COMPARISON_DIMENSIONS):
        raise ValueError(f"comparison totals are only split by {COMPARISON_DIMENSIONS}")
    wide = Scope(scope.username, "executive")
    visible = visible_provinces(selection, scope) or frozenset()
    regions = sorted({reference.province_by_code()[c].region for c in visible})
    nation = selection.replace(regions=(), provinces=())
    rows = {"nation": kpi_table(db, nation, wide, by, medians=medians)}
    if len(regions) == 1:
        region = selection.replace(regions=tuple(regions), provinces=())
        rows["region"] = kpi_table(db, region, wide, by, medians=medians)
    frame = pd.concat(rows, names=["level"]).reset_index(level=0)
    return frame.reset_index(drop=True)
