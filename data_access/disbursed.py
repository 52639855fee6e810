"""Disbursements dated on or before the as-of date, the way every money query reads them: whole
calendar months before the as-of month from `disbursement_monthly`, and the as-of month's own days
from `disbursement_daily`. The same sums as reading every day, from a twentieth of the rows."""

from __future__ import annotations

from sqlalchemy import Subquery, and_, extract, func, or_, select, union_all

from data_access import grouping
from data_access.schema import disbursement_daily, disbursement_monthly
from data_access.selection import Scope, Selection, where_clauses

DIMENSIONS = ("fiscal_year", "province_code", "skill_code", "activity_type")


def until_as_of(selection: Selection, scope: Scope) -> Subquery:
    """(fiscal_year, province_code, skill_code, activity_type, year, month, amount) rows within
    the selection and scope, dated on or before `selection.as_of`."""
    m, d = disbursement_monthly.c, disbursement_daily.c
    whole_months = select(*[m[n] for n in DIMENSIONS], m.year, m.month, m.amount).where(
        *_whole_months(selection, scope)
    )
    days = select(
        *[d[n] for n in DIMENSIONS],
        extract("year", d.date).label("year"),
        extract("month", d.date).label("month"),
        d.amount,
    ).where(*_days(selection, scope))
    return union_all(whole_months, days).subquery("disbursed")


def summed_until_as_of(selection: Selection, scope: Scope, by: tuple[str, ...]) -> Subquery:
    """The same money summed by the KPI dimensions `by` (grouping.DIMENSIONS), in two rows per
    group at most (whole months, the as-of month's days): the caller sums `disbursed` again by
    `by`. Summing each table on its own lets it group along its primary key; grouping the union
    of their rows took SQLite five times as long (60,000 monthly rows at 5M participants)."""
    parts = [
        grouping.grouped(table, by, [func.sum(table.c.amount).label("disbursed")], where(selection, scope))
        for table, where in ((disbursement_monthly, _whole_months), (disbursement_daily, _days))
    ]
    return union_all(*parts).subquery("disbursed")


def _whole_months(selection: Selection, scope: Scope) -> list:
    m, as_of = disbursement_monthly.c, selection.as_of
    return [
        *where_clauses(m, selection, scope),
        or_(m.year < as_of.year, and_(m.year == as_of.year, m.month < as_of.month)),
    ]


def _days(selection: Selection, scope: Scope) -> list:
    d, as_of = disbursement_daily.c, selection.as_of
    return [*where_clauses(d, selection, scope), d.date >= as_of.replace(day=1), d.date <= as_of]
