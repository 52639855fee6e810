"""What the database already holds for the keys a submission names, read inside the import's
transaction, so the checks (does this course exist? whose province is it?) and the plan (new,
updated or unchanged?) see the same state the writes will change.

Lookups go by chunks of keys, so a file with 100,000 rows costs a few dozen indexed queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import Connection, select, tuple_

from data_access.importer import contract
from data_access.schema import courses, disbursements, followups, labour_values, participants

FOLLOWUP_KEY = contract.unique_key(followups)  # (participant_id, followup_date)
LABOUR_KEY = contract.unique_key(labour_values)  # (province_code, indicator, period)

CHUNK = 900  # keys per IN (...): well under SQLite's bound-parameter limit
COURSE_COLUMNS = contract.COURSES.value_columns  # a course's submitted attributes


@dataclass
class Existing:
    courses: dict[str, dict] = field(default_factory=dict)  # course_code → row
    participants: dict[tuple[int, bytes], dict] = field(default_factory=dict)  # (course_id, hash)
    followups: dict[tuple[int, object], dict] = field(default_factory=dict)  # (participant_id, date)
    disbursements: dict[int, list[tuple]] = field(default_factory=dict)  # course_id → [(date, amount)]
    allocations: dict[tuple, dict] = field(default_factory=dict)  # (fy, province, round)
    field_staff: dict[tuple, dict] = field(default_factory=dict)  # (fy, province)
    targets: dict[tuple, dict] = field(default_factory=dict)  # (fy, province, metric)
    labour_values: dict[tuple, dict] = field(default_factory=dict)  # (place, indicator, period)


def chunks(items: Iterable, size: int = CHUNK) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def load(conn: Connection, keys: dict[str, set]) -> Existing:
    """`keys`: course codes, the course codes of the participant/follow-up/disbursement sheets,
    and the (fiscal year, province) pairs of the allocation, field-staff and target sheets, and
    the (place, indicator, period) of every labour figure."""
    found = Existing()
    found.courses = _courses(conn, keys["courses"])
    ids = {code: row["id"] for code, row in found.courses.items()}
    people_courses = [ids[c] for c in keys["people_courses"] if c in ids]
    found.participants = _rows_by(
        conn, participants, participants.c.course_id, people_courses, contract.unique_key(participants)
    )
    followed = [ids[c] for c in keys["followup_courses"] if c in ids]
    found.followups = _followups(conn, followed)
    found.disbursements = _disbursements(conn, [ids[c] for c in keys["disbursement_courses"] if c in ids])
    for spec in contract.PROVINCE_SHEETS:
        pairs = tuple_(spec.table.c.fiscal_year, spec.table.c.province_code)
        setattr(
            found, spec.name, _rows_by(conn, spec.table, pairs, sorted(keys[spec.name]), spec.key_columns)
        )
    found.labour_values = _labour_values(conn, keys.get("labour_values", set()))
    return found


def _labour_values(conn: Connection, keys: set[tuple]) -> dict[tuple, dict]:
    """The stored figures of the file's places and indicators, kept where the file names them."""
    v = labour_values.c
    places, indicators = sorted({k[0] for k in keys}), sorted({k[1] for k in keys})
    out = {}
    for batch in chunks(places):
        query = select(labour_values).where(v.province_code.in_(batch), v.indicator.in_(indicators))
        for row in conn.execute(query).mappings():
            key = tuple(row[k] for k in LABOUR_KEY)
            if key in keys:
                out[key] = dict(row)
    return out


def _courses(conn: Connection, codes: set[str]) -> dict[str, dict]:
    out = {}
    for batch in chunks(sorted(codes)):
        query = select(courses.c.id, courses.c.course_code, *[courses.c[c] for c in COURSE_COLUMNS])
        for row in conn.execute(query.where(courses.c.course_code.in_(batch))).mappings():
            out[row["course_code"]] = dict(row)
    return out


def _rows_by(conn: Connection, table, column, values: list, key: tuple[str, ...]) -> dict[tuple, dict]:
    out = {}
    for batch in chunks(values):
        for row in conn.execute(select(table).where(column.in_(batch))).mappings():
            out[tuple(row[k] for k in key)] = dict(row)
    return out


def _followups(conn: Connection, course_ids: list[int]) -> dict[tuple, dict]:
    out = {}
    source = followups.join(participants, participants.c.id == followups.c.participant_id)
    for batch in chunks(course_ids):
        query = select(followups).select_from(source).where(participants.c.course_id.in_(batch))
        for row in conn.execute(query).mappings():
            out[tuple(row[k] for k in FOLLOWUP_KEY)] = dict(row)
    return out


def _disbursements(conn: Connection, course_ids: list[int]) -> dict[int, list[tuple]]:
    out: dict[int, list[tuple]] = defaultdict(list)
    d = disbursements.c
    for batch in chunks(course_ids):
        for course_id, day, amount in conn.execute(
            select(d.course_id, d.date, d.amount).where(d.course_id.in_(batch))
        ):
            out[course_id].append((day, float(amount)))
    return {k: sorted(v) for k, v in out.items()}
