"""The course list of a selection: each course's plan beside its outcome and money, searchable.
Used by the Province page and the summary workbook.

Sorting uses an allow-list of columns (never a name from the user); the search text is a bound
LIKE pattern with its wildcards escaped, so it matches literally.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import func, or_, select

from data_access import kpi_definitions, measures
from data_access.cache import cached
from data_access.db import Database
from data_access.schema import course_outcome, courses, disbursements
from data_access.selection import Scope, Selection, where_clauses

MAX_ROWS = 2000
SORTS = ("start_date", "course_code", "course_name", "participants", "budget_planned", "disbursed")


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _disbursed_per_course(selection: Selection, scope: Scope):
    c, d = courses.c, disbursements.c
    return (
        select(d.course_id, func.sum(d.amount).label("disbursed"))
        .select_from(disbursements.join(courses, c.id == d.course_id))
        .where(d.date <= selection.as_of, *where_clauses(c, selection, scope))
        .group_by(d.course_id)
        .subquery()
    )


@cached
def course_list(
    db: Database,
    selection: Selection,
    scope: Scope,
    search: str = "",
    sort: str = "start_date",
    descending: bool = False,
    limit: int | None = MAX_ROWS,
) -> pd.DataFrame:
    """One row per course (at most `limit`; None = every course, for exports), with the §5 rates
    of its own people and whether it had started by the selection's as-of date (`started`)."""
    if sort not in SORTS:
        raise ValueError(f"cannot sort courses by {sort!r}")
    c, o = courses.c, course_outcome.c
    paid = _disbursed_per_course(selection, scope)
    columns = {
        "course_code": c.course_code,
        "fiscal_year": c.fiscal_year,
        "province": c.province_code,
        "course_name": c.course_name,
        "skill": c.skill_code,
        "activity_type": c.activity_type,
        "start_date": c.start_date,
        "end_date": c.end_date,
        "hours": c.hours,
        "course_target": c.target_participants,
        "budget_planned": c.budget_planned,
        **{name: o[name] for name in measures.NAMES},
        "disbursed": func.coalesce(paid.c.disbursed, 0),
    }
    where = where_clauses(c, selection, scope)
    if search.strip():
        pattern = f"%{_escaped(search.strip().lower())}%"
        where.append(
            or_(
                func.lower(c.course_name).like(pattern, escape="\\"),
                func.lower(c.course_code).like(pattern, escape="\\"),
            )
        )
    order = columns[sort].desc() if descending else columns[sort].asc()
    query = (
        select(*[column.label(name) for name, column in columns.items()])
        .select_from(
            courses.join(course_outcome, o.course_id == c.id).outerjoin(paid, paid.c.course_id == c.id)
        )
        .where(*where)
        .order_by(order, c.course_code)
        .limit(limit)
    )
    with db.engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).all(), columns=list(columns))
    started = pd.to_datetime(frame["start_date"]) <= pd.Timestamp(selection.as_of)
    return _with_rates(frame).assign(started=started.to_numpy())


def _with_rates(frame: pd.DataFrame) -> pd.DataFrame:
    """A course's §5 rates (kpi_definitions); participants targets and allocations are not per course."""
    money = ("budget_planned", "disbursed", *measures.SUMS)
    counts = {n: "int64" for n in measures.COUNTS}
    typed = frame.astype({m: float for m in money}).astype(counts)
    rates = kpi_definitions.derive_rates(
        typed.assign(target_participants=float("nan"), allocated=float("nan"))
    )
    return rates.drop(columns=["target_participants", "allocated", "target_attainment", "disbursement_rate"])
