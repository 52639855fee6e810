"""Data quality of submitted data, per province and per course, within the user's scope.

Completeness: courses without disbursements, completers without a follow-up, participants
without an income. Suspicious values: incomes out of range, a follow-up dated before its course
ended, a province that disbursed more than it was allocated. Each check is one SQL query
aggregated per course (or per province and year for money), passed through `where_clauses`;
the province summary counts those rows. Thresholds are here, named, so the page can state them.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import and_, case, exists, func, or_, select

from data_access import reference
from data_access.cache import cached
from data_access.db import Database
from data_access.schema import (
    allocations,
    course_outcome,
    courses,
    disbursement_daily,
    disbursements,
    followups,
    import_batches,
    participant_outcome,
    participants,
)
from data_access.selection import Scope, Selection, visible_provinces, where_clauses

INCOME_CEILING = 100_000  # baht a month: above this, a typo (an extra zero) is likelier than a fact
CHANGE_CEILING = 50_000  # baht a month of change between before and after

MONEY = frozenset({"allocated", "disbursed", "excess", "max_before", "max_after"})
COURSE = (courses.c.course_code, courses.c.fiscal_year, courses.c.province_code, courses.c.course_name)


def _frame(db: Database, query) -> pd.DataFrame:
    with db.engine.connect() as conn:
        result = conn.execute(query)
        return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def _courses_without_disbursements(selection, scope):
    c = courses.c
    paid = exists().where(disbursements.c.course_id == c.id)
    return (
        select(*COURSE, func.coalesce(course_outcome.c.participants, 0).label("participants"))
        .select_from(courses.outerjoin(course_outcome, course_outcome.c.course_id == c.id))
        .where(~paid, *where_clauses(c, selection, scope))
    )


def _completers_without_followup(selection, scope):
    o = course_outcome.c
    return (
        select(*COURSE, o.completed, o.followed_up, (o.completed - o.followed_up).label("missing"))
        .select_from(course_outcome.join(courses, courses.c.id == o.course_id))
        .where(o.completed > o.followed_up, *where_clauses(o, selection, scope))
    )


def _count_if(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _participants_without_income(selection, scope):
    o = participant_outcome.c
    before = o.income_before.is_(None)
    after = and_(o.followup_date.is_not(None), o.income_after.is_(None))
    return (
        select(
            *COURSE, _count_if(before).label("no_income_before"), _count_if(after).label("no_income_after")
        )
        .select_from(participant_outcome.join(courses, courses.c.id == o.course_id))
        .where(or_(before, after), *where_clauses(o, selection, scope))
        .group_by(*COURSE)
    )


def _income_outliers(selection, scope):
    o = participant_outcome.c
    odd = or_(
        o.income_before > INCOME_CEILING,
        o.income_after > INCOME_CEILING,
        func.abs(o.income_after - o.income_before) > CHANGE_CEILING,
    )
    highest = func.max(func.coalesce(o.income_after, 0)), func.max(func.coalesce(o.income_before, 0))
    return (
        select(
            *COURSE,
            func.count().label("people"),
            highest[1].label("max_before"),
            highest[0].label("max_after"),
        )
        .select_from(participant_outcome.join(courses, courses.c.id == o.course_id))
        .where(odd, *where_clauses(o, selection, scope))
        .group_by(*COURSE)
    )


def _followup_before_course_end(selection, scope):
    f, c = followups.c, courses.c
    return (
        select(
            *COURSE, c.end_date, func.count().label("followups"), func.min(f.followup_date).label("earliest")
        )
        .select_from(
            followups.join(participants, participants.c.id == f.participant_id).join(
                courses, c.id == participants.c.course_id
            )
        )
        .where(f.followup_date < c.end_date, *where_clauses(c, selection, scope))
        .group_by(*COURSE, c.end_date)
    )


def _disbursed_over_allocated(selection, scope):
    """Whole provinces' money: allocations have no skill category, so a skill filter is set aside."""
    selection = selection.replace(skills=())
    d, a = disbursement_daily.c, allocations.c
    paid = (
        select(d.fiscal_year, d.province_code, func.sum(d.amount).label("disbursed"))
        .where(*where_clauses(d, selection, scope))
        .group_by(d.fiscal_year, d.province_code)
        .subquery()
    )
    given = (
        select(a.fiscal_year, a.province_code, func.sum(a.amount).label("allocated"))
        .where(*where_clauses(a, selection, scope, skills=False))
        .group_by(a.fiscal_year, a.province_code)
        .subquery()
    )
    allocated = func.coalesce(given.c.allocated, 0)
    on = and_(given.c.fiscal_year == paid.c.fiscal_year, given.c.province_code == paid.c.province_code)
    return (
        select(
            paid.c.fiscal_year,
            paid.c.province_code,
            allocated.label("allocated"),
            paid.c.disbursed,
            (paid.c.disbursed - allocated).label("excess"),
        )
        .select_from(paid.outerjoin(given, on))
        .where(paid.c.disbursed > allocated)
    )


# Each check and its query, in the order the page lists them.
QUERIES = {
    "courses_without_disbursements": _courses_without_disbursements,
    "completers_without_followup": _completers_without_followup,
    "participants_without_income": _participants_without_income,
    "income_outliers": _income_outliers,
    "followup_before_course_end": _followup_before_course_end,
    "disbursed_over_allocated": _disbursed_over_allocated,
}
CHECKS = tuple(QUERIES)


@cached
def issues(db: Database, selection: Selection, scope: Scope, check: str) -> pd.DataFrame:
    """The rows behind one check: per course (per province and year for money), sorted."""
    frame = _frame(db, QUERIES[check](selection, scope))
    for column in MONEY.intersection(frame.columns):
        frame[column] = frame[column].astype(float)
    return frame.sort_values(["province_code", "fiscal_year"]).reset_index(drop=True)


@cached
def province_summary(db: Database, selection: Selection, scope: Scope) -> pd.DataFrame:
    """One row per province in view: its last upload and how many rows each check found."""
    visible = visible_provinces(selection, scope)
    codes = [p.code for p in reference.provinces() if visible is None or p.code in visible]
    summary = pd.DataFrame({"province_code": codes})
    summary["last_upload"] = summary["province_code"].map(last_uploads(db, set(codes)))
    for check in CHECKS:
        counts = issues(db, selection, scope, check)["province_code"].value_counts()
        summary[check] = summary["province_code"].map(counts).fillna(0).astype(int)
    return summary


def last_uploads(db: Database, provinces: set[str]) -> dict[str, object]:
    """When each of `provinces` last had a submission imported (import batches name theirs)."""
    b = import_batches.c
    query = select(b.province_codes, func.max(b.imported_at)).group_by(b.province_codes)
    latest: dict[str, object] = {}
    for codes, when in _frame(db, query).itertuples(index=False):
        for code in set(str(codes).split()) & provinces:
            if code not in latest or when > latest[code]:
                latest[code] = when
    return latest
