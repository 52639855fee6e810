"""Applies an ImportPlan inside the caller's transaction: upserts, the import record, derived tables, version.

Rows with a unique key are written with INSERT … ON CONFLICT DO UPDATE (SQLite ≥ 3.24 and
PostgreSQL), in chunks, so a second import running at the same time cannot create a duplicate.
Allocations have no unique key in the schema: the plan found their ids inside this same
transaction, and they are updated by id. Derived tables are rebuilt for every (fiscal year,
province) partition the import touched, including a moved course's old one, and the data
version is bumped when anything changed, all before the transaction commits.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, Table, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite

from data_access import bulk, derived
from data_access.db import bump_data_version, ensure_meta
from data_access.importer import contract
from data_access.importer.existing import chunks
from data_access.importer.plan import FOLLOWUP_COLUMNS, PARTICIPANT_COLUMNS, ImportPlan
from data_access.schema import (
    allocations,
    courses,
    disbursements,
    followups,
    import_batches,
    meta,
    participants,
)

WRITE_CHUNK = 5_000
Progress = Callable[[int], None]  # called with the number of rows just written


def lock(conn: Connection) -> None:
    """The import's first statement: writing the data version's row (unchanged) takes the write
    lock (SQLite) or the row's lock (PostgreSQL), so two imports run one after the other and each
    reads what the other wrote. The version itself changes only when data does (`apply`)."""
    ensure_meta(conn, "data_version", "0")
    conn.execute(update(meta).where(meta.c.key == "data_version").values(value=meta.c.value))


def apply(conn: Connection, plan: ImportPlan, batch: dict, progress: Progress | None = None) -> int:
    """Writes everything the plan says and returns the new import batch id (after `lock`). A
    plan that changes nothing writes only the batch record, and the data version stays."""
    tick = progress or (lambda _n: None)
    if plan.changes:
        bump_data_version(conn)
    batch_id = _record_batch(conn, plan, batch)
    _write_courses(conn, plan, batch_id, tick)
    course_ids = _course_ids(conn, _codes_written(plan))
    _write_disbursements(conn, plan, course_ids, batch_id, tick)
    _write_participants(conn, plan, course_ids, batch_id, tick)
    _write_followups(conn, plan, course_ids, batch_id, tick)
    _write_keyed(conn, plan, batch_id, tick)
    derived.rebuild(conn, plan.partitions)
    return batch_id


def _record_batch(conn: Connection, plan: ImportPlan, batch: dict) -> int:
    values = {
        **batch,
        "imported_at": datetime.now(UTC),
        "province_codes": " ".join(sorted(plan.provinces)),
        "row_counts": json.dumps({name: s.counts() for name, s in plan.sheets.items()}),
    }
    return conn.execute(import_batches.insert().values(**values)).inserted_primary_key[0]


def _upsert(conn: Connection, table: Table, rows: list[dict], tick: Progress) -> None:
    if not rows:
        return
    keys = contract.unique_key(table)
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table)
    changing = [c for c in rows[0] if c not in keys]
    statement = statement.on_conflict_do_update(
        index_elements=[table.c[k] for k in keys], set_={c: statement.excluded[c] for c in changing}
    )
    for chunk in chunks(rows, WRITE_CHUNK):
        bulk.execute_many(conn, statement, chunk)
        tick(len(chunk))


def _codes_written(plan: ImportPlan) -> set[str]:
    return {
        row["course_code"]
        for name in ("participants", "followups")
        if name in plan.sheets
        for row in (*plan.sheets[name].new, *plan.sheets[name].updated)
    } | set(plan.replace_disbursements)


def _course_ids(conn: Connection, codes: set[str]) -> dict[str, int]:
    found = {}
    for batch in chunks(sorted(codes)):
        query = select(courses.c.course_code, courses.c.id).where(courses.c.course_code.in_(batch))
        found.update(dict(conn.execute(query).all()))
    return found


def _changed(plan: ImportPlan, name: str) -> list[dict]:
    sheet = plan.sheets.get(name)
    return [] if sheet is None else [*sheet.new, *sheet.updated]


def _write_courses(conn, plan, batch_id, tick) -> None:
    rows = [{**_without_id(r), "batch_id": batch_id} for r in _changed(plan, "courses")]
    _upsert(conn, courses, rows, tick)


def _values(row: dict, columns: tuple[str, ...]) -> dict:
    """The row's values of `columns` that the file has (a left-out column is not written)."""
    return {c: row[c] for c in columns if c in row}


def _without_id(row: dict) -> dict:
    return {k: v for k, v in row.items() if k != "id"}


def _write_disbursements(conn, plan, course_ids, batch_id, tick) -> None:
    for codes in chunks(sorted(plan.replace_disbursements)):
        conn.execute(
            delete(disbursements).where(disbursements.c.course_id.in_([course_ids[c] for c in codes]))
        )
    rows = [
        {"course_id": course_ids[code], "date": day, "amount": amount, "batch_id": batch_id}
        for code, payments in plan.replace_disbursements.items()
        for day, amount in payments
    ]
    for chunk in chunks(rows, WRITE_CHUNK):
        bulk.execute_many(conn, disbursements.insert(), chunk)
        tick(len(chunk))


def _write_participants(conn, plan, course_ids, batch_id, tick) -> None:
    rows = [
        {**_person_key(r, course_ids), **_values(r, PARTICIPANT_COLUMNS), "batch_id": batch_id}
        for r in _changed(plan, "participants")
    ]
    _upsert(conn, participants, rows, tick)


def _person_key(row: dict, course_ids: dict[str, int]) -> dict:
    return {"course_id": course_ids[row["course_code"]], "citizen_hash": row["citizen_hash"]}


def _write_followups(conn, plan, course_ids, batch_id, tick) -> None:
    changed = _changed(plan, "followups")
    if not changed:
        return
    people = _participant_ids(conn, {course_ids[r["course_code"]] for r in changed})
    rows = [
        {
            "participant_id": people[(course_ids[r["course_code"]], r["citizen_hash"])],
            **_values(r, ("followup_date", *FOLLOWUP_COLUMNS)),
            "batch_id": batch_id,
        }
        for r in changed
    ]
    _upsert(conn, followups, rows, tick)


def _participant_ids(conn: Connection, course_ids: set[int]) -> dict[tuple[int, bytes], int]:
    p = participants.c
    found = {}
    for batch in chunks(sorted(course_ids)):
        for person_id, course_id, hashed in conn.execute(
            select(p.id, p.course_id, p.citizen_hash).where(p.course_id.in_(batch))
        ):
            found[(course_id, bytes(hashed))] = person_id
    return found


def _write_keyed(conn, plan, batch_id, tick) -> None:
    for spec in (*contract.PROVINCE_SHEETS, contract.LABOUR):
        if spec is not contract.ALLOCATIONS:
            rows = [{**_without_id(r), "batch_id": batch_id} for r in _changed(plan, spec.name)]
            _upsert(conn, spec.table, rows, tick)
    sheet = plan.sheets.get(contract.ALLOCATIONS.name)
    if sheet is None:
        return
    for row in sheet.updated:
        values = {**_values(row, contract.ALLOCATIONS.value_columns), "batch_id": batch_id}
        conn.execute(update(allocations).where(allocations.c.id == row["id"]).values(**values))
    if sheet.new:
        conn.execute(allocations.insert(), [{**r, "batch_id": batch_id} for r in sheet.new])
    tick(len(sheet.new) + len(sheet.updated))
