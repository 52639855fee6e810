"""Outcomes of people, beyond the §5 KPIs: how income gains are spread, what people do after
training, and who did the follow-up against how many field workers there are.

Each query sums people in SQL over the per-partition derived tables (`income_distribution`,
`outcome_breakdown`; a person's outcome is their latest follow-up) and returns a handful of rows.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import case, func, select

from data_access import kpi_definitions, measures, vocabularies
from data_access.cache import cached
from data_access.db import Database
from data_access.schema import field_staff, income_distribution, outcome_breakdown
from data_access.selection import Scope, Selection, where_clauses

# Monthly income gain (baht): 500-baht bins from −3,000 to 6,000; gains beyond fall in the end bins.
GAIN_EDGES = tuple(range(-3000, 6001, 500))
OCCUPATIONS = vocabularies.codes(vocabularies.OCCUPATIONS)
COLLECTORS = vocabularies.codes(vocabularies.COLLECTORS)
UNKNOWN = measures.UNKNOWN_ANSWER


def gain_bins() -> pd.DataFrame:
    """(bin, lower, upper): bin 0 is below the first edge and the last bin at or above the last;
    lower is inclusive, upper exclusive, and the open ends have no lower or upper."""
    lowers = [None, *GAIN_EDGES]
    uppers = [*GAIN_EDGES, None]
    bins = pd.DataFrame({"bin": range(len(lowers)), "lower": lowers, "upper": uppers})
    return bins.astype({"lower": "Int64", "upper": "Int64"})


@cached
def gain_distribution(db: Database, selection: Selection, scope: Scope) -> pd.DataFrame:
    """People of the paired set (DESIGN §5) per bin of income gain, every bin present."""
    h = income_distribution.c
    bin_of = case(*[(h.value < edge, i) for i, edge in enumerate(GAIN_EDGES)], else_=len(GAIN_EDGES))
    # Grouped outside: PostgreSQL would see the CASE's bound edges in GROUP BY as other values.
    people = (
        select(bin_of.label("bin"), h.people)
        .where(h.figure == "income_gain", *where_clauses(h, selection, scope))
        .subquery()
    )
    query = select(people.c.bin, func.sum(people.c.people).label("people")).group_by(people.c.bin)
    with db.engine.connect() as conn:
        counts = dict(conn.execute(query).all())
    bins = gain_bins()
    bins["people"] = bins["bin"].map(lambda b: int(counts.get(b, 0))).astype("int64")
    return bins


def _answers(conn, selection: Selection, scope: Scope, breakdown: str) -> dict[str, int]:
    b = outcome_breakdown.c
    query = (
        select(b.answer, func.sum(b.people))
        .where(b.breakdown == breakdown, *where_clauses(b, selection, scope))
        .group_by(b.answer)
    )
    return {answer: int(people) for answer, people in conn.execute(query).all()}


@cached
def occupations(db: Database, selection: Selection, scope: Scope) -> pd.DataFrame:
    """Followed-up skill completers by the occupation of their latest follow-up, every kind present."""
    with db.engine.connect() as conn:
        counts = _answers(conn, selection, scope, "occupation")
    return _every(counts, (*OCCUPATIONS, UNKNOWN), "occupation")


@cached
def followup_workload(db: Database, selection: Selection, scope: Scope) -> pd.DataFrame:
    """Followed-up completers (every course) by who did their latest follow-up, beside the field
    staff of that kind (labour volunteers, labour graduates; staff are not counted)."""
    f = field_staff.c
    volunteer, graduate, _staff = COLLECTORS
    staff = select(
        func.sum(f.labour_volunteers).label(volunteer), func.sum(f.labour_graduates).label(graduate)
    ).where(*where_clauses(f, selection, scope, skills=False))
    with db.engine.connect() as conn:
        counts = _answers(conn, selection, scope, "collector")
        headcount = conn.execute(staff).mappings().one()
    frame = _every(counts, (*COLLECTORS, UNKNOWN), "collector").rename(columns={"people": "followed_up"})
    frame["staff"] = frame["collector"].map(lambda c: headcount.get(c)).astype(float)
    return frame.assign(followups_per_person=kpi_definitions.ratio(frame["followed_up"], frame["staff"]))


def _every(counts: dict[str, int], kinds: tuple[str, ...], column: str) -> pd.DataFrame:
    """One row per kind in a fixed order; the `unknown` row only where someone has no answer."""
    rows = [(k, counts.get(k, 0)) for k in kinds if k != UNKNOWN or counts.get(k)]
    return pd.DataFrame(rows, columns=[column, "people"]).astype({"people": "int64"})
