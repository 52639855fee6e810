"""What a valid submission will change: per sheet, the rows that are new, updated or unchanged.

The page shows these counts before the user confirms; the writer applies exactly these rows, so a
re-import of the same file writes nothing and reports 0 new, 0 updated. Upsert keys (DESIGN §4,
and ours where §4 leaves them open):
- courses by course_code; participants by course_code + citizen ID; follow-ups by course_code +
  citizen ID + followup_date;
- disbursements: the file's rows for a course replace that course's disbursements (a course the
  disbursement sheet does not mention keeps its own), so a corrected amount is not added twice;
- allocations by fiscal year + province + round (budget reaches a province in rounds; a later
  file with round 2 leaves round 1 alone); field staff by fiscal year + province; targets by
  fiscal year + province + metric; labour figures (DESIGN §9) by place + indicator + period.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from data_access import reference
from data_access.importer import contract
from data_access.importer.existing import Existing
from data_access.importer.labour import Value
from data_access.importer.records import Sheet

Partition = tuple[int, str]


@dataclass
class SheetPlan:
    new: list[dict] = field(default_factory=list)
    updated: list[dict] = field(default_factory=list)
    unchanged: int = 0
    removed: int = 0

    def counts(self) -> dict[str, int]:
        return {
            "new": len(self.new),
            "updated": len(self.updated),
            "unchanged": self.unchanged,
            "removed": self.removed,
        }

    @property
    def changes(self) -> int:
        return len(self.new) + len(self.updated) + self.removed

    @property
    def accounted(self) -> int:
        """Rows of the file this plan has placed: every row read is new, updated or unchanged."""
        return len(self.new) + len(self.updated) + self.unchanged


@dataclass
class ImportPlan:
    sheets: dict[str, SheetPlan] = field(default_factory=dict)
    replace_disbursements: dict[str, list[tuple]] = field(default_factory=dict)  # course_code → rows
    partitions: set[Partition] = field(default_factory=set)  # derived rows to rebuild
    provinces: set[str] = field(default_factory=set)  # every province the file speaks about

    @property
    def changes(self) -> int:
        return sum(s.changes for s in self.sheets.values())


def _same(a, b) -> bool:
    if isinstance(a, (float, Decimal)) or isinstance(b, (float, Decimal)):
        return a is not None and b is not None and round(float(a), 2) == round(float(b), 2)
    return a == b


def _classify(plan: SheetPlan, row: dict, old: dict | None, compare: tuple[str, ...]) -> bool:
    """Files `row` as new, updated or unchanged; True when it changes something."""
    if old is None:
        plan.new.append(row)
    elif all(_same(row[c], old[c]) for c in compare if c in row):
        plan.unchanged += 1
        return False
    else:
        plan.updated.append({**row, "id": old.get("id")})
    return True


def build(
    sheets: dict[str, Sheet], existing: Existing, hashes: dict[str, bytes], labour_values: list[Value] = ()
) -> ImportPlan:
    plan = ImportPlan()
    course_partition = _plan_courses(plan, sheets.get("courses"), existing)
    course_ids = {code: row["id"] for code, row in existing.courses.items()}
    if "participants" in sheets:
        _plan_participants(plan, sheets["participants"], existing, hashes, course_ids, course_partition)
    if "followups" in sheets:
        _plan_followups(plan, sheets["followups"], existing, hashes, course_ids, course_partition)
    if "disbursements" in sheets:
        _plan_disbursements(plan, sheets["disbursements"], existing, course_ids, course_partition)
    for spec in contract.PROVINCE_SHEETS:
        if spec.name in sheets:
            _plan_keyed(plan, spec, sheets[spec.name], getattr(existing, spec.name))
    if labour_values:
        _plan_labour(plan, labour_values, existing.labour_values)
    _check_accounts(plan, sheets)
    return plan


def _plan_labour(plan: ImportPlan, values: list[Value], existing: dict[tuple, dict]) -> None:
    """Every labour figure, from the long sheet and NSO tables alike, under the long sheet's name."""
    figures = plan.sheets[contract.LABOUR.name] = SheetPlan()
    for value in values:
        _classify(figures, value.row_values(), existing.get(value.key), ("value", "source"))
        if value.province != reference.NATIONAL:
            plan.provinces.add(value.province)
    if figures.accounted != len(values):
        raise RuntimeError(f"import plan lost labour figures: {figures.counts()} for {len(values)}")


def _check_accounts(plan: ImportPlan, sheets: dict[str, Sheet]) -> None:
    """read = new + updated + unchanged, sheet by sheet (PITFALLS): a mismatch is a bug, so stop."""
    for name, sheet in sheets.items():
        if plan.sheets[name].accounted != len(sheet.records):
            raise RuntimeError(
                f"import plan lost rows of {name}: {plan.sheets[name].counts()} for {len(sheet.records)}"
            )


COURSE_FIELDS = contract.COURSES.columns()
PARTICIPANT_COLUMNS = contract.PARTICIPANTS.value_columns
FOLLOWUP_COLUMNS = contract.FOLLOWUPS.value_columns


def _touch(plan: ImportPlan, partition: Partition, changed: bool) -> None:
    plan.provinces.add(partition[1])
    if changed:
        plan.partitions.add(partition)


def _plan_courses(plan: ImportPlan, sheet: Sheet | None, existing: Existing):
    """Plans the course rows; returns where each course code's derived rows live after the import."""
    in_file: dict[str, Partition] = {}
    if sheet is not None:
        courses = plan.sheets["courses"] = SheetPlan()
        for record in sheet.records:
            row = {
                column: record.values[name] for name, column in COURSE_FIELDS.items() if name in record.values
            }
            old = existing.courses.get(row["course_code"])
            in_file[row["course_code"]] = (row["fiscal_year"], row["province_code"])
            changed = _classify(courses, row, old, tuple(COURSE_FIELDS.values()))
            _touch(plan, in_file[row["course_code"]], changed)
            if changed and old is not None:
                plan.partitions.add((old["fiscal_year"], old["province_code"]))

    def partition(code: str) -> Partition:
        old = existing.courses.get(code)
        return in_file[code] if code in in_file else (old["fiscal_year"], old["province_code"])

    return partition


def _plan_participants(plan, sheet, existing, hashes, course_ids, partition) -> None:
    people = plan.sheets["participants"] = SheetPlan()
    for record in sheet.records:
        values, code = record.values, record.values["course_code"]
        row = {"course_code": code, "citizen_hash": hashes[values["citizen_id"]]}
        row.update({c: values[c] for c in PARTICIPANT_COLUMNS if c in values})
        old = existing.participants.get((course_ids.get(code), row["citizen_hash"]))
        _touch(plan, partition(code), _classify(people, row, old, PARTICIPANT_COLUMNS))


def _plan_followups(plan, sheet, existing, hashes, course_ids, partition) -> None:
    visits = plan.sheets["followups"] = SheetPlan()
    for record in sheet.records:
        values, code = record.values, record.values["course_code"]
        row = {"course_code": code, "citizen_hash": hashes[values["citizen_id"]]}
        row.update({c: values[c] for c in ("followup_date", *FOLLOWUP_COLUMNS) if c in values})
        person = existing.participants.get((course_ids.get(code), row["citizen_hash"]))
        old = None if person is None else existing.followups.get((person["id"], row["followup_date"]))
        _touch(plan, partition(code), _classify(visits, row, old, FOLLOWUP_COLUMNS))


def _plan_disbursements(plan, sheet, existing, course_ids, partition) -> None:
    payments = plan.sheets["disbursements"] = SheetPlan()
    by_course: dict[str, list[tuple]] = defaultdict(list)
    for record in sheet.records:
        by_course[record.values["course_code"]].append((record.values["date"], record.values["amount"]))
    for code, rows in by_course.items():
        before = Counter(existing.disbursements.get(course_ids.get(code), []))
        after = Counter(rows)
        kept = sum((before & after).values())
        payments.unchanged += kept
        payments.removed += sum(before.values()) - kept
        payments.new += [
            {"course_code": code, "date": d, "amount": a} for d, a in (after - before).elements()
        ]
        changed = before != after
        if changed:
            plan.replace_disbursements[code] = sorted(rows)
        _touch(plan, partition(code), changed)


def _plan_keyed(
    plan: ImportPlan, spec: contract.SheetSpec, sheet: Sheet, existing: dict[tuple, dict]
) -> None:
    keyed = plan.sheets[spec.name] = SheetPlan()
    columns = spec.columns()
    for record in sheet.records:
        row = {columns[k]: v for k, v in record.values.items()}
        old = existing.get(tuple(row[c] for c in spec.key_columns))
        _classify(keyed, row, old, spec.value_columns)
        if row["province_code"] != reference.NATIONAL:
            plan.provinces.add(row["province_code"])
