"""Checks across rows and sheets, and against the database: duplicate keys, references to courses
and participants, and the user's scope. Cell-level checks are in `records`.

Scope (DESIGN §7): a staff member may write only rows of provinces in their Scope. A course's
province is the one in the file, or the database's for a course the file only refers to; an
existing course may not be moved in or out of someone else's province.
"""

from __future__ import annotations

from assets.i18n import both
from data_access import reference
from data_access.importer import contract
from data_access.importer.existing import Existing
from data_access.importer.problems import Problem
from data_access.importer.records import Record, Sheet
from data_access.selection import Scope


def key_of(record: Record, spec: contract.SheetSpec) -> tuple | None:
    """The record's upsert key (the contract's), or None when a key cell did not parse."""
    names = spec.key
    return tuple(record.values[n] for n in names) if all(n in record.values for n in names) else None


def check(
    sheets: dict[str, Sheet], existing: Existing, hashes: dict[str, bytes], scope: Scope
) -> list[Problem]:
    problems = [p for sheet in sheets.values() if sheet.table.spec.key for p in _duplicates(sheet)]
    courses = Courses(sheets.get("courses"), existing)
    if "courses" in sheets:
        problems += _course_rows(sheets["courses"], existing, scope)
    for spec in contract.COURSE_SHEETS:
        if spec is not contract.COURSES and spec.name in sheets:
            problems += _course_references(sheets[spec.name], courses, scope)
    if "followups" in sheets:
        problems += _participant_references(sheets["followups"], sheets.get("participants"), courses, hashes)
    for spec in contract.PROVINCE_SHEETS:
        if (sheet := sheets.get(spec.name)) is not None:
            problems += [_out_of_scope(sheet, r, "province") for r in sheet.records if _outside(r, scope)]
    return problems


class Courses:
    """Where each course code lives: the file's row if the file has one, else the database."""

    def __init__(self, sheet: Sheet | None, existing: Existing):
        self.in_file = {
            r.values["course_code"]: r for r in (sheet.records if sheet else []) if "course_code" in r.values
        }
        self.existing = existing.courses
        self.participants = existing.participants

    def known(self, code: str) -> bool:
        return code in self.in_file or code in self.existing

    def only_in_database(self, code: str) -> dict | None:
        return None if code in self.in_file else self.existing.get(code)


def _duplicates(sheet: Sheet) -> list[Problem]:
    spec = sheet.table.spec
    first: dict[tuple, int] = {}
    problems = []
    for record in sheet.records:
        key = key_of(record, spec)
        if key is None:
            continue
        if key in first:
            problems.append(sheet.problem("duplicate_row", record, spec.key[0], other=first[key]))
        else:
            first[key] = record.row
    return problems


def outside_scope(province: str, scope: Scope) -> bool:
    """A province outside the scope, or the whole country (ALL) for a scope that is not national."""
    return not scope.is_national if province == reference.NATIONAL else not scope.allows(province)


def _outside(record: Record, scope: Scope) -> bool:
    province = record.values.get("province")
    return province is not None and outside_scope(province, scope)


def _out_of_scope(sheet: Sheet, record: Record, field_name: str, province: str | None = None) -> Problem:
    code = province or record.values["province"]
    return sheet.problem("out_of_scope", record, field_name, province=place_label(code))


def place_label(code: str) -> str:
    """เชียงใหม่ / Chiang Mai, or the whole country in both languages."""
    if code == reference.NATIONAL:
        return both("place.nation")
    province = reference.province_by_code()[code]
    return f"{province.name_th} / {province.name_en}"


def _course_rows(sheet: Sheet, existing: Existing, scope: Scope) -> list[Problem]:
    problems = []
    for record in sheet.records:
        values = record.values
        if _outside(record, scope):
            problems.append(_out_of_scope(sheet, record, "province"))
        old = existing.courses.get(values.get("course_code"))
        if old is not None and not scope.allows(old["province_code"]):
            problems.append(_out_of_scope(sheet, record, "course_code", old["province_code"]))
        start, end = values.get("start_date"), values.get("end_date")
        if start and end and end < start:
            problems.append(sheet.problem("end_before_start", record, "end_date"))
    return problems


def _course_references(sheet: Sheet, courses: Courses, scope: Scope) -> list[Problem]:
    problems = []
    for record in sheet.records:
        code = record.values.get("course_code")
        if code is None:
            continue
        if not courses.known(code):
            problems.append(sheet.problem("unknown_course", record, "course_code"))
        elif (row := courses.only_in_database(code)) is not None and not scope.allows(row["province_code"]):
            problems.append(_out_of_scope(sheet, record, "course_code", row["province_code"]))
    return problems


def _participant_references(
    sheet: Sheet, participants: Sheet | None, courses: Courses, hashes: dict[str, bytes]
) -> list[Problem]:
    """A follow-up's person must be a participant of its course, in the file or the database."""
    in_file = {key_of(r, contract.PARTICIPANTS) for r in (participants.records if participants else [])}
    problems = []
    for record in sheet.records:
        code, citizen = record.values.get("course_code"), record.values.get("citizen_id")
        if code is None or citizen is None or (code, citizen) in in_file or not courses.known(code):
            continue
        course = courses.existing.get(code)
        if course is None or (course["id"], hashes[citizen]) not in courses.participants:
            problems.append(sheet.problem("unknown_participant", record, "citizen_id"))
    return problems
