"""A submission from bytes to database: open safely, find sheets, parse, check, plan, write.

`check` does everything but write (the page's preview); `run` does it again inside one
transaction and writes only when there is no error at all (DESIGN §4: all or nothing). Both
return an Outcome with every problem found, so a user fixes the file once, not once per problem.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Connection

from data_access import audit, demo, pii
from data_access.db import Database, ensure_meta, get_meta
from data_access.importer import (
    contract,
    existing,
    headers,
    history,
    labour,
    nso_table,
    records,
    running,
    validate,
    write,
)
from data_access.importer.plan import ImportPlan, build
from data_access.importer.problems import NOTE, Problem, capped
from data_access.importer.workbook import FileRejected, open_workbook
from data_access.selection import Scope

Progress = Callable[[float, str], None]  # (fraction done, stage: a translation key)
PEOPLE_SHEETS = (contract.PARTICIPANTS, contract.FOLLOWUPS)  # the sheets with citizen IDs


@dataclass
class Outcome:
    file_name: str
    sha256: str
    problems: list[Problem] = field(default_factory=list)
    plan: ImportPlan | None = None  # None when rejected (or dropped once shown: it can be large)
    changes: dict[str, dict[str, int]] = field(default_factory=dict)  # sheet → new/updated/…
    previous: list[dict] = field(default_factory=list)  # earlier imports of the very same file
    batch_id: int | None = None
    hashes_key: str = ""  # fingerprint of the key that hashed the file's citizen IDs, if it had any

    @property
    def unchanged(self) -> bool:
        """Checked without errors and every row already stored as the file has it."""
        return bool(self.changes) and not self.errors and not self.changed_rows

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def notes(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def imported(self) -> bool:
        return self.batch_id is not None

    def counts(self) -> dict[str, dict[str, int]]:
        return self.changes

    @property
    def changed_rows(self) -> int:
        """Rows the import writes: new, updated and replaced, over every sheet."""
        return sum(c["new"] + c["updated"] + c["removed"] for c in self.changes.values())


class _Rejected(Exception):
    def __init__(self, outcome: Outcome):
        super().__init__("rejected")
        self.outcome = outcome


def check(
    db: Database, data: bytes, file_name: str, scope: Scope, progress: Progress | None = None
) -> Outcome:
    """Every problem and the planned changes, writing nothing."""
    with db.engine.connect() as conn:
        return _prepare(conn, data, file_name, scope, progress or _quiet)


def run(db: Database, data: bytes, file_name: str, scope: Scope, progress: Progress | None = None) -> Outcome:
    """Import in one transaction; on any problem (or crash, or kill) nothing is written."""
    report = progress or _quiet
    if busy := running.holder(db):
        return _refused_while_running(file_name, data, busy)
    mine = running.claim(db, scope.username)
    try:
        with db.engine.begin() as conn:
            write.lock(conn)
            outcome = _prepare(conn, data, file_name, scope, report)
            if outcome.errors:
                raise _Rejected(outcome)
            if outcome.plan.changes:  # else every row is already stored: no batch, version or "mixed"
                _write(conn, outcome, scope, report)
            audit.record(conn, scope.username, "upload", _audit_detail(outcome), rows=outcome.changed_rows)
    except _Rejected as rejected:
        outcome = rejected.outcome
        detail = {**_audit_detail(outcome), "errors": len(outcome.errors)}
        audit.log(db, scope.username, "upload_rejected", detail)
    finally:
        running.release(db, mine)
    report(1.0, "import.stage.done")
    return outcome


def _write(conn: Connection, outcome: Outcome, scope: Scope, report: Progress) -> None:
    total = outcome.plan.changes
    written = [0]

    def tick(n: int) -> None:
        written[0] += n
        report(0.6 + 0.35 * min(written[0] / total, 1.0), "import.stage.write")

    batch = {
        "file_name": audit.scrub(outcome.file_name)[:255],
        "sha256": outcome.sha256,
        "username": scope.username,
    }
    outcome.batch_id = write.apply(conn, outcome.plan, batch, tick)
    if outcome.hashes_key:
        ensure_meta(conn, pii.FINGERPRINT_META, outcome.hashes_key)
    demo.mark_mixed(conn)


def _refused_while_running(file_name: str, data: bytes, busy: dict) -> Outcome:
    outcome = Outcome(file_name, hashlib.sha256(data).hexdigest())
    outcome.problems.append(Problem("import_running", params=busy))
    return outcome


def _audit_detail(outcome: Outcome) -> dict:
    return {"file": outcome.file_name, "sha256": outcome.sha256, "changes": outcome.changes}


def _quiet(_fraction: float, _stage: str) -> None:
    return None


def _prepare(conn: Connection, data: bytes, file_name: str, scope: Scope, report: Progress) -> Outcome:
    outcome = Outcome(file_name, hashlib.sha256(data).hexdigest())
    if not scope.can_upload():
        outcome.problems.append(Problem("not_allowed"))
        return outcome
    if get_meta(conn, "demo") == "true":
        outcome.problems.append(Problem("demo_database", severity=NOTE))
    outcome.previous = history.same_file(conn, outcome.sha256, scope)
    report(0.02, "import.stage.open")
    try:
        book = open_workbook(data, file_name)
        tables, found = headers.find_tables(book)
        outcome.problems += found
    except FileRejected as rejected:
        outcome.problems.append(Problem(rejected.kind, params=rejected.params))
        return outcome
    sheets, values = _read(tables, file_name, outcome.problems, report)
    if not values and not any(s.records for s in sheets.values()) and not outcome.errors:
        outcome.problems.append(Problem("no_rows"))  # headers only: nothing to import, no batch
        return outcome
    try:
        hashes, outcome.hashes_key = _hashes(sheets)
    except pii.MissingKeyError:
        outcome.problems.append(Problem("citizen_id_key_missing"))
        return outcome
    if hashes:
        stored = get_meta(conn, pii.FINGERPRINT_META)
        if stored is not None and stored != outcome.hashes_key:
            outcome.problems.append(Problem("citizen_id_key_changed"))  # the same people would double
            return outcome
    report(0.5, "import.stage.check")
    found = existing.load(conn, {**_keys(sheets), "labour_values": {v.key for v in values}})
    outcome.problems += validate.check(sheets, found, hashes, scope)
    outcome.problems += labour.check(values, scope)
    if not outcome.errors:
        outcome.plan = build(sheets, found, hashes, values)
        outcome.changes = {name: s.counts() for name, s in outcome.plan.sheets.items()}
    outcome.problems = capped(outcome.problems)
    outcome.problems.sort(key=lambda p: not p.is_error)
    report(0.6, "import.stage.check")
    return outcome


def _read(
    tables: list[headers.Table | nso_table.NsoSheet],
    file_name: str,
    problems: list[Problem],
    report: Progress,
) -> tuple[dict[str, records.Sheet], list[labour.Value]]:
    """The contract sheets' records, and every labour figure (the long sheet's, NSO tables')."""
    total = max(sum(len(t.rows) for t in tables), 1)
    done = [0]

    def tick(rows: float) -> None:
        done[0] += rows
        report(0.05 + 0.45 * min(done[0] / total, 1.0), "import.stage.read")

    sheets, values = {}, []
    for table in tables:
        if isinstance(table, nso_table.NsoSheet):
            found_values, found = nso_table.read(table, file_name)
        else:
            sheet, found = records.read_sheet(table, tick)
            found_values = []
            if table.spec is contract.LABOUR:
                found_values, more = labour.from_long_sheet(sheet)
                found += more
            else:
                sheets[table.spec.name] = sheet
        values += found_values
        problems += found
    return sheets, values


def _hashes(sheets: dict[str, records.Sheet]) -> tuple[dict[str, bytes], str]:
    """Each citizen ID's keyed hash, computed once, and the key's fingerprint; the IDs themselves go
    no further. The key is asked for only when the file has citizen IDs."""
    ids = {
        r.values["citizen_id"]
        for spec in PEOPLE_SHEETS
        if spec.name in sheets
        for r in sheets[spec.name].records
        if "citizen_id" in r.values
    }
    if not ids:
        return {}, ""
    key = pii.citizen_id_key()
    return {citizen: pii.citizen_hash(citizen, key) for citizen in ids}, pii.key_fingerprint(key)


def _keys(sheets: dict[str, records.Sheet]) -> dict[str, set]:
    def values(names, field_names) -> set:
        return {
            tuple(r.values[f] for f in field_names) if len(field_names) > 1 else r.values[field_names[0]]
            for name in names
            if name in sheets
            for r in sheets[name].records
            if all(f in r.values for f in field_names)
        }

    code = ("course_code",)
    return {
        "courses": values([s.name for s in contract.COURSE_SHEETS], code),
        "people_courses": values([s.name for s in PEOPLE_SHEETS], code),
        "followup_courses": values((contract.FOLLOWUPS.name,), code),
        "disbursement_courses": values((contract.DISBURSEMENTS.name,), code),
        **{s.name: values((s.name,), ("fiscal_year", "province")) for s in contract.PROVINCE_SHEETS},
    }
