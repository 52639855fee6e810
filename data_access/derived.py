"""Rebuilds the derived tables from submitted data, for some (fiscal year, province) partitions or all.

Call inside the transaction that changed the submitted data: readers then never see submitted
and derived data disagree. A participant's outcome is their latest follow-up (DESIGN §5); the
unique (participant_id, followup_date) key makes "latest" a single row. `course_outcome` holds
every measure of `data_access.measures` per course and `partition_outcome` their sums per
partition; `income_distribution` and `outcome_breakdown` its distributions and breakdowns per
partition; `disbursement_daily` and `disbursement_monthly` the money per day and per month.
`participant_outcome` is the step the others are built from: no page reads it.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, and_, delete, extract, func, literal, select, true, tuple_, union_all
from sqlalchemy.orm import aliased

from data_access import measures
from data_access.schema import (
    course_outcome,
    courses,
    disbursement_daily,
    disbursement_monthly,
    disbursements,
    followups,
    income_distribution,
    outcome_breakdown,
    participant_outcome,
    participants,
    partition_outcome,
)

Partition = tuple[int, str]  # (fiscal_year, province_code)
COURSE_DIMENSIONS = ("fiscal_year", "province_code", "skill_code", "activity_type")
LATEST_FOLLOWUP = ("followup_date", "uses_skill", "occupation", "income_after", "collector")


def rebuild(conn: Connection, partitions: Iterable[Partition] | None = None) -> None:
    """Recompute every derived row of the given partitions (None = everything)."""
    parts = None if partitions is None else sorted(set(partitions))
    if parts == []:
        return
    for table in DERIVED:
        conn.execute(delete(table).where(_in_partitions(table.c, parts)))
    conn.execute(_participant_outcome_insert(parts))
    conn.execute(_course_outcome_insert(parts))
    conn.execute(_partition_outcome_insert(parts))
    conn.execute(_income_distribution_insert(parts))
    conn.execute(_outcome_breakdown_insert(parts))
    conn.execute(_disbursement_daily_insert(parts))
    conn.execute(_disbursement_monthly_insert(parts))
    _update_statistics(conn)


def _update_statistics(conn: Connection) -> None:
    """Row statistics for the query planner of the money tables. Without them SQLite read the
    as-of month's days through the fiscal-year key (every day of five years, 386,000 rows at 5M
    participants) instead of the date index: 55 ms a money query instead of 15. Both tables take
    ~70 ms at 5M; PostgreSQL's autovacuum would do the same, later."""
    for table in (disbursement_daily, disbursement_monthly):
        conn.exec_driver_sql(f"ANALYZE {table.name}")


DERIVED = (
    participant_outcome,
    course_outcome,
    partition_outcome,
    income_distribution,
    outcome_breakdown,
    disbursement_daily,
    disbursement_monthly,
)


def _in_partitions(columns, parts: list[Partition] | None):
    if parts is None:
        return true()
    return tuple_(columns.fiscal_year, columns.province_code).in_(parts)


def _insert(table, query):
    """INSERT … SELECT whose columns are the query's labels: every column named, none by position."""
    return table.insert().from_select([column.name for column in query.selected_columns], query)


def _participant_outcome_insert(parts):
    p, c, f = participants.c, courses.c, followups.c
    latest = aliased(followups)
    latest_date = (
        select(func.max(latest.c.followup_date)).where(latest.c.participant_id == p.id).scalar_subquery()
    )
    query = (
        select(
            p.id.label("participant_id"),
            p.course_id.label("course_id"),
            *[c[name].label(name) for name in COURSE_DIMENSIONS],
            *[p[name].label(name) for name in ("completed", "income_before")],
            *[f[name].label(name) for name in LATEST_FOLLOWUP],
        )
        .select_from(
            participants.join(courses, c.id == p.course_id).outerjoin(
                followups, and_(f.participant_id == p.id, f.followup_date == latest_date)
            )
        )
        .where(_in_partitions(c, parts))
    )
    return _insert(participant_outcome, query)


def _course_outcome_insert(parts):
    """One row per course (with or without participants): every measure of its people, and its
    follow-ups dated before the course ended."""
    c, o = courses.c, participant_outcome.c
    early = _followups_before_end(parts)
    query = (
        select(
            c.id.label("course_id"),
            *[c[name].label(name) for name in COURSE_DIMENSIONS],
            *[m.total(o).label(m.name) for m in measures.MEASURES],
            func.coalesce(func.max(early.c.followups), 0).label("followups_before_end"),
            func.max(early.c.earliest).label("earliest_followup_before_end"),
        )
        .select_from(
            courses.outerjoin(participant_outcome, o.course_id == c.id).outerjoin(
                early, early.c.course_id == c.id
            )
        )
        .where(_in_partitions(c, parts))
        .group_by(c.id)
    )
    return _insert(course_outcome, query)


def _partition_outcome_insert(parts):
    """course_outcome summed per partition: its courses and every measure."""
    o = course_outcome.c
    dims = [o[name] for name in COURSE_DIMENSIONS]
    query = (
        select(
            *dims,
            func.count().label("courses"),
            *[func.sum(o[name]).label(name) for name in measures.NAMES],
        )
        .where(_in_partitions(o, parts))
        .group_by(*dims)
    )
    return _insert(partition_outcome, query)


def _followups_before_end(parts):
    """Per course: its follow-ups (every one, not only the latest) dated before it ended."""
    c, p, f = courses.c, participants.c, followups.c
    return (
        select(
            p.course_id.label("course_id"),
            func.count().label("followups"),
            func.min(f.followup_date).label("earliest"),
        )
        .select_from(
            followups.join(participants, p.id == f.participant_id).join(courses, c.id == p.course_id)
        )
        .where(f.followup_date < c.end_date, _in_partitions(c, parts))
        .group_by(p.course_id)
        .subquery()
    )


def _income_distribution_insert(parts):
    """Per partition and distribution: how many of the measure's people have each value."""
    o = participant_outcome.c
    dimensions = [o[name] for name in COURSE_DIMENSIONS]
    queries = [
        select(
            *dimensions,
            literal(d.name).label("figure"),
            d.value(o).label("value"),
            func.count().label("people"),
        )
        .where(*measures.members(o, d.measure), _in_partitions(o, parts))
        .group_by(*dimensions, d.value(o))
        for d in measures.DISTRIBUTIONS
    ]
    return _insert(income_distribution, union_all(*queries).subquery().select())


def _outcome_breakdown_insert(parts):
    """Per partition and breakdown: how many of the measure's people gave each answer."""
    o = participant_outcome.c
    dimensions = [o[name] for name in COURSE_DIMENSIONS]
    queries = []
    for b in measures.BREAKDOWNS:
        queries.append(
            select(
                *dimensions,
                literal(b.name).label("breakdown"),
                func.coalesce(o[b.column], measures.UNKNOWN_ANSWER).label("answer"),
                func.count().label("people"),
            )
            .where(*measures.members(o, b.measure), _in_partitions(o, parts))
            .group_by(*dimensions, o[b.column])
        )
    return _insert(outcome_breakdown, union_all(*queries).subquery().select())


def _disbursement_daily_insert(parts):
    c, d = courses.c, disbursements.c
    dimensions = [c[name].label(name) for name in COURSE_DIMENSIONS]
    query = (
        select(*dimensions, d.date.label("date"), func.sum(d.amount).label("amount"))
        .select_from(disbursements.join(courses, c.id == d.course_id))
        .where(_in_partitions(c, parts))
        .group_by(*[c[name] for name in COURSE_DIMENSIONS], d.date)
    )
    return _insert(disbursement_daily, query)


def _disbursement_monthly_insert(parts):
    d = disbursement_daily.c
    dimensions = [d[name] for name in COURSE_DIMENSIONS]
    year, month = extract("year", d.date), extract("month", d.date)
    query = (
        select(*dimensions, year.label("year"), month.label("month"), func.sum(d.amount).label("amount"))
        .where(_in_partitions(d, parts))
        .group_by(*dimensions, year, month)
    )
    return _insert(disbursement_monthly, query)
