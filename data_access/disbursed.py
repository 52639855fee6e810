"""Disbursements dated on or before the as-of date, the way every money query reads them: whole
calendar months before the as-of month from `disbursement_monthly`, and the as-of month's own days
from `disbursement_daily`. The same sums as reading every day, from a twentieth of the rows."""

from __future__ import annotations

from sqlalchemy import Subquery, and_, extract, func, or_, union_all

from data_access import grouping
from data_access.schema import disbursement_daily, disbursement_monthly
from data_access.selection import Scope, Selection, where_clauses


def summed_until_as_of(
    selection: Selection, scope: Scope, by: tuple[str, ...], by_month: bool = False
) -> Subquery:
    """The same money summed by the KPI dimensions `by` (grouping.DIMENSIONS) and, `by_month`,
    by calendar `year` and `month`, in two rows per group at most (whole months, the as-of
    month's days): the caller sums `disbursed` again by the same columns. Summing each table on
    its own lets it group along its primary key; grouping the union of their rows took SQLite
    five times as long (60,000 monthly rows at 5M participants)."""
    m, d = disbursement_monthly.c, disbursement_daily.c
    parts = []
    for table, where, month in (
        (disbursement_monthly, _whole_months, (m.year, m.month)),
        (disbursement_daily, _days, (extract("year", d.date), extract("month", d.date))),
    ):
        part = grouping.grouped(
            table, by, [func.sum(table.c.amount).label("disbursed")], where(selection, scope)
        )
        if by_month:
            part = part.add_columns(month[0].label("year"), month[1].label("month")).group_by(*month)
        parts.append(part)
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
