"""The course list of a selection, within the user's scope: each course with its people and money.

One row per course from the derived `course_outcome` (counts) and the disbursements up to the
selection's as-of date; used by the summary workbook and the data-quality page.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import func, select

from data_access.cache import cached
from data_access.db import Database
from data_access.schema import course_outcome, courses, disbursements
from data_access.selection import Scope, Selection, where_clauses

COLUMNS = (
    "course_code",
    "fiscal_year",
    "province_code",
    "skill_code",
    "activity_type",
    "course_name",
    "start_date",
    "end_date",
    "hours",
    "target_participants",
    "budget_planned",
    "participants",
    "completed",
    "followed_up",
    "disbursed",
)


@cached
def course_list(db: Database, selection: Selection, scope: Scope) -> pd.DataFrame:
    c, o, d = courses.c, course_outcome.c, disbursements.c
    disbursed = (
        select(d.course_id, func.sum(d.amount).label("disbursed"))
        .where(d.date <= selection.as_of)
        .group_by(d.course_id)
        .subquery()
    )
    query = (
        select(
            *[c[name] for name in COLUMNS[:11]],
            func.coalesce(o.participants, 0).label("participants"),
            func.coalesce(o.completed, 0).label("completed"),
            func.coalesce(o.followed_up, 0).label("followed_up"),
            func.coalesce(disbursed.c.disbursed, 0).label("disbursed"),
        )
        .select_from(
            courses.outerjoin(course_outcome, o.course_id == c.id).outerjoin(
                disbursed, disbursed.c.course_id == c.id
            )
        )
        .where(*where_clauses(c, selection, scope))
        .order_by(c.fiscal_year, c.province_code, c.course_code)
    )
    with db.engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).mappings().all(), columns=list(COLUMNS))
    for money in ("budget_planned", "disbursed"):
        frame[money] = pd.to_numeric(frame[money], errors="coerce").astype(float)
    return frame
