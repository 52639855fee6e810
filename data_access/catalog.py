"""What the filter bar can offer a user: fiscal years with data, and the places in their scope."""

from __future__ import annotations

from sqlalchemy import select, union

from data_access import reference
from data_access.cache import cached
from data_access.db import Database
from data_access.schema import allocations, courses
from data_access.selection import Scope, Selection, where_clauses


@cached
def fiscal_years(db: Database, scope: Scope) -> list[int]:
    """Fiscal years (BE) with courses or allocations in the scope, newest first."""
    everything = Selection()
    queries = [
        select(table.c.fiscal_year).where(*where_clauses(table.c, everything, scope, skills=False)).distinct()
        for table in (courses, allocations)
    ]
    with db.engine.connect() as conn:
        years = conn.execute(union(*queries)).scalars().all()
    return sorted({int(y) for y in years}, reverse=True)


def regions_in_scope(scope: Scope) -> list[str]:
    return [
        r.code
        for r in reference.REGIONS
        if any(scope.allows(c) for c in reference.provinces_of_region(r.code))
    ]


def provinces_in_scope(scope: Scope, region: str | None = None) -> list[str]:
    return [
        p.code
        for p in reference.provinces()
        if scope.allows(p.code) and (region is None or p.region == region)
    ]
