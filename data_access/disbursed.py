"""Disbursements dated on or before the as-of date, the way every money query reads them: whole
calendar months before the as-of month from `disbursement_monthly`, and the as-of month's own days
from `disbursement_daily`. The same sums as reading every day, from a twentieth of the rows."""

from __future__ import annotations

from sqlalchemy import Subquery, and_, extract, or_, select, union_all

from data_access.schema import disbursement_daily, disbursement_monthly
from data_access.selection import Scope, Selection, where_clauses

DIMENSIONS = ("fiscal_year", "province_code", "skill_code", "activity_type")


def until_as_of(selection: Selection, scope: Scope) -> Subquery:
    """(fiscal_year, province_code, skill_code, activity_type, year, month, amount) rows within
    the selection and scope, dated on or before `selection.as_of`."""
    as_of = selection.as_of
    m, d = disbursement_monthly.c, disbursement_daily.c
    whole_months = select(*[m[n] for n in DIMENSIONS], m.year, m.month, m.amount).where(
        *where_clauses(m, selection, scope),
        or_(m.year < as_of.year, and_(m.year == as_of.year, m.month < as_of.month)),
    )
    days = select(
        *[d[n] for n in DIMENSIONS],
        extract("year", d.date).label("year"),
        extract("month", d.date).label("month"),
        d.amount,
    ).where(*where_clauses(d, selection, scope), d.date >= as_of.replace(day=1), d.date <= as_of)
    return union_all(whole_months, days).subquery("disbursed")
