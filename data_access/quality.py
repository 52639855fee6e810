"""Data quality of submitted data, per province and per course, within the user's scope.

Completeness: courses without disbursements, completers without a follow-up, participants
without an income. Suspicious values: incomes out of range, a follow-up dated before its course
ended, a province that disbursed more than it was allocated. Each check is one SQL query
aggregated per course (or per province and year for money), passed through `where_clauses`,
reading the derived per-course counts (`course_outcome`) rather than people; the province summary
counts those rows. The thresholds live with the measures that count by them.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import and_, exists, func, select

from data_access import measures
from data_access.cache import cached
from data_access.db import Database
from data_access.schema import (
    allocations,
    course_outcome,
    courses,
    disbursement_monthly,
    disbursements,
    import_batches,
    participant_outcome,
)
from data_access.selection import Scope, Selection, visible_codes, where_clauses

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


def _participants_without_income(selection, scope):
    o = course_outcome.c
    return (
        select(*COURSE, o.no_income_before, o.no_income_after)
        .select_from(course_outcome.join(courses, courses.c.id == o.course_id))
        .where(o.no_income_before + o.no_income_after > 0, *where_clauses(o, selection, scope))
    )


def _income_outliers(selection, scope):
    """Only the few courses course_outcome counts outliers in are read person by person."""
    o, co = participant_outcome.c, course_outcome.c
    flagged = select(co.course_id).where(co.income_outliers > 0, *where_clauses(co, selection, scope))
    highest = func.max(func.coalesce(o.income_after, 0)), func.max(func.coalesce(o.income_before, 0))
    return (
        select(
            *COURSE,
            func.count().label("people"),
            highest[1].label("max_before"),
            highest[0].label("max_after"),
        )
        .select_from(participant_outcome.join(courses, courses.c.id == o.course_id))
        .where(o.course_id.in_(flagged), *measures.members(o, "income_outliers"))
        .group_by(*COURSE)
    )


def _followup_before_course_end(selection, scope):
    o, c = course_outcome.c, courses.c
    return (
        select(
            *COURSE,
            c.end_date,
            o.followups_before_end.label("followups"),
            o.earliest_followup_before_end.label("earliest"),
        )
        .select_from(course_outcome.join(courses, c.id == o.course_id))
        .where(o.followups_before_end > 0, *where_clauses(o, selection, scope))
    )


def _disbursed_over_allocated(selection, scope):
    """Whole provinces' money: allocations have no skill category, so a skill filter is set aside."""
    selection = selection.replace(skills=())
    d, a = disbursement_monthly.c, allocations.c
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
    """One row per province in view: its last upload and how many rows each check found; the
    provinces with the most to fix first, the others in code order."""
    codes = visible_codes(selection, scope)
    summary = pd.DataFrame({"province_code": codes})
    summary["last_upload"] = summary["province_code"].map(last_uploads(db, set(codes)))
    for check in CHECKS:
        counts = issues(db, selection, scope, check)["province_code"].value_counts()
        summary[check] = summary["province_code"].map(counts).fillna(0).astype(int)
    problems = summary[list(CHECKS)].sum(axis=1)
    order = problems.sort_values(ascending=False, kind="stable").index  # most to fix first, else by code
    return summary.loc[order].reset_index(drop=True)


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
