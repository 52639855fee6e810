"""Rebuilds the derived tables from submitted data, for some (fiscal year, province) partitions or all.

Call inside the transaction that changed the submitted data: readers then never see submitted
and derived data disagree. A participant's outcome is their latest follow-up (DESIGN §5); the
unique (participant_id, followup_date) key makes "latest" a single row.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, and_, case, delete, func, select, true, tuple_
from sqlalchemy.orm import aliased

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


def _participant_outcome_insert(parts):
    p, c, f = participants, courses, followups
    latest = aliased(followups)
    latest_date = (
        select(func.max(latest.c.followup_date)).where(latest.c.participant_id == p.c.id).scalar_subquery()
    )
    query = (
        select(
            p.c.id,
            p.c.course_id,
            c.c.fiscal_year,
            c.c.province_code,
            c.c.skill_code,
            c.c.activity_type,
            p.c.completed,
            p.c.income_before,
            f.c.followup_date,
            f.c.uses_skill,
            f.c.occupation,
            f.c.income_after,
            f.c.collector,
        )
        .select_from(
            p.join(c, c.c.id == p.c.course_id).outerjoin(
                f, and_(f.c.participant_id == p.c.id, f.c.followup_date == latest_date)
            )
        )
        .where(_in_partitions(c.c, parts))
    )
    columns = [
        "participant_id",
        "course_id",
        "fiscal_year",
        "province_code",
        "skill_code",
        "activity_type",
        "completed",
        "income_before",
        "followup_date",
        "uses_skill",
        "occupation",
        "income_after",
        "collector",
    ]
    return participant_outcome.insert().from_select(columns, query)


def _course_outcome_insert(parts):
    c, o = courses, participant_outcome
    completed = o.c.completed.is_(True)
    followed = and_(completed, o.c.followup_date.is_not(None))
    paired = and_(followed, o.c.income_before.is_not(None), o.c.income_after.is_not(None))

    def count_if(condition):
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    def sum_if(condition, value):
        return func.coalesce(func.sum(case((condition, value), else_=0)), 0)

    query = (
        select(
            c.c.id,
            c.c.fiscal_year,
            c.c.province_code,
            c.c.skill_code,
            c.c.activity_type,
            func.count(o.c.participant_id),
            count_if(completed),
            count_if(followed),
            count_if(and_(followed, o.c.uses_skill.is_(True))),
            count_if(paired),
            sum_if(paired, o.c.income_before),
            sum_if(paired, o.c.income_after),
            count_if(and_(paired, o.c.income_after > o.c.income_before)),
        )
        .select_from(c.outerjoin(o, o.c.course_id == c.c.id))
        .where(_in_partitions(c.c, parts))
        .group_by(c.c.id)
    )
    columns = [col.name for col in course_outcome.columns]
    return course_outcome.insert().from_select(columns, query)


def _disbursement_daily_insert(parts):
    c, d = courses, disbursements
    query = (
        select(
            c.c.fiscal_year,
            c.c.province_code,
            c.c.skill_code,
            c.c.activity_type,
            d.c.date,
            func.sum(d.c.amount),
        )
        .select_from(d.join(c, c.c.id == d.c.course_id))
        .where(_in_partitions(c.c, parts))
        .group_by(c.c.fiscal_year, c.c.province_code, c.c.skill_code, c.c.activity_type, d.c.date)
    )
    columns = ["fiscal_year", "province_code", "skill_code", "activity_type", "date", "amount"]
    return disbursement_daily.insert().from_select(columns, query)
