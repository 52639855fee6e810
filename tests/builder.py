"""Tiny hand-made datasets for tests: say what exists, then `load(db)` writes it and the derived tables.

Citizen IDs are given as short labels ("a", "b") and turned into valid 13-digit IDs, so tests read
like the specification.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from data_access import derived, pii
from data_access.db import Database, bump_data_version
from data_access.schema import (
    allocations,
    courses,
    disbursements,
    field_staff,
    followups,
    participants,
    targets,
)

KEY = b"test-key-0123456789abcdef0123456789abcdef"


def citizen_id(label: str) -> str:
    """A valid 13-digit citizen ID made from a short label."""
    body = f"1{int(hashlib.sha256(label.encode()).hexdigest(), 16) % 10**11:011d}"
    total = sum(int(d) * (13 - i) for i, d in enumerate(body))
    return body + str((11 - total % 11) % 10)


@dataclass
class Dataset:
    courses: list[dict] = field(default_factory=list)
    participants: list[dict] = field(default_factory=list)
    followups: list[dict] = field(default_factory=list)
    disbursements: list[dict] = field(default_factory=list)
    allocations: list[dict] = field(default_factory=list)
    targets: list[dict] = field(default_factory=list)
    field_staff: list[dict] = field(default_factory=list)

    def course(self, code, fy=2566, province="50", skill="AGR", activity="skill", budget=100_000.0, **extra):
        self.courses.append(
            dict(
                course_code=code,
                fiscal_year=fy,
                province_code=province,
                skill_code=skill,
                course_name=extra.pop("name", f"course {code}"),
                activity_type=activity,
                budget_planned=budget,
                start_date=extra.pop("start", None),
                end_date=extra.pop("end", None),
                hours=extra.pop("hours", 30),
                target_participants=extra.pop("target", 20),
            )
        )
        return self

    def participant(self, course, who, completed=True, income_before=None, gender="F", birth_year=2530):
        self.participants.append(
            dict(
                course=course,
                who=who,
                completed=completed,
                income_before=income_before,
                gender=gender,
                birth_year=birth_year,
            )
        )
        return self

    def followup(
        self,
        course,
        who,
        on,
        uses_skill=True,
        income_after=None,
        occupation="self_employed",
        collector="volunteer",
    ):
        self.followups.append(
            dict(
                course=course,
                who=who,
                followup_date=on,
                uses_skill=uses_skill,
                income_after=income_after,
                occupation=occupation,
                collector=collector,
            )
        )
        return self

    def disbursement(self, course, on: date, amount: float):
        self.disbursements.append(dict(course=course, date=on, amount=amount))
        return self

    def allocation(self, fy, province, amount, round_="1"):
        self.allocations.append(dict(fiscal_year=fy, province_code=province, amount=amount, round=round_))
        return self

    def target(self, fy, province, metric, value):
        self.targets.append(dict(fiscal_year=fy, province_code=province, metric=metric, value=value))
        return self

    def staff(self, fy, province, volunteers, graduates):
        self.field_staff.append(
            dict(
                fiscal_year=fy,
                province_code=province,
                labour_volunteers=volunteers,
                labour_graduates=graduates,
            )
        )
        return self

    def load(self, db: Database) -> Database:
        with db.engine.begin() as conn:
            course_id = {}
            for row in self.courses:
                course_id[row["course_code"]] = conn.execute(
                    courses.insert().values(**row)
                ).inserted_primary_key[0]
            person = {}
            for row in self.participants:
                values = {k: v for k, v in row.items() if k not in ("course", "who")}
                values["course_id"] = course_id[row["course"]]
                values["citizen_hash"] = pii.citizen_hash(citizen_id(row["who"]), KEY)
                person[(row["course"], row["who"])] = conn.execute(
                    participants.insert().values(**values)
                ).inserted_primary_key[0]
            for row in self.followups:
                values = {k: v for k, v in row.items() if k not in ("course", "who")}
                conn.execute(
                    followups.insert().values(participant_id=person[(row["course"], row["who"])], **values)
                )
            for row in self.disbursements:
                conn.execute(
                    disbursements.insert().values(
                        course_id=course_id[row["course"]], date=row["date"], amount=row["amount"]
                    )
                )
            for table, rows in (
                (allocations, self.allocations),
                (targets, self.targets),
                (field_staff, self.field_staff),
            ):
                for row in rows:
                    conn.execute(table.insert().values(**row))
            derived.rebuild(conn)
            bump_data_version(conn)
        return db
