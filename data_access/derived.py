"""Rebuilds the derived tables from submitted data, for some (fiscal year, province) partitions or all.

Call inside the transaction that changed the submitted data: readers then never see submitted
and derived data disagree. A participant's outcome is their latest follow-up (DESIGN §5); the
unique (participant_id, followup_date) key makes "latest" a single row. `course_outcome` holds
every measure of `data_access.measures` per course.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, and_, delete, func, select, true, tuple_
from sqlalchemy.orm import aliased

from data_access import measures
from data_access.schema import (
    course_outcome,
    courses,
    disbursement_daily,
    disbursements,
    followups,
    participant_outcome,
    participants,
)

Partition = tuple[int, str]  # (fiscal_year, province_code)
COURSE_DIMENSIONS = ("fiscal_year", "province_code", "skill_code", "activity_type")
LATEST_FOLLOWUP = ("followup_date", "uses_skill", "occupation", "income_after", "collector")


def rebuild(conn: Connection, partitions: Iterable[Partition] | None = None) -> None:
    """Recompute every derived row of the given partitions (None = everything)."""
    parts = None if partitions is None else sorted(set(partitions))
    if parts == []:
        return
    for table in (participant_outcome, course_outcome, disbursement_daily):
        conn.execute(delete(table).where(_in_partitions(table.c, parts)))
    conn.execute(_participant_outcome_insert(parts))
    conn.execute(_course_outcome_insert(parts))
    conn.execute(_disbursement_daily_insert(parts))


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
    """One row per course (with or without participants): every measure of its people."""
    c, o = courses.c, participant_outcome.c
    query = (
        select(
            c.id.label("course_id"),
            *[c[name].label(name) for name in COURSE_DIMENSIONS],
            *[m.total(o).label(m.name) for m in measures.MEASURES],
        )
        .select_from(courses.outerjoin(participant_outcome, o.course_id == c.id))
        .where(_in_partitions(c, parts))
        .group_by(c.id)
    )
    return _insert(course_outcome, query)


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
