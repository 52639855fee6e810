"""The submission workbook of DESIGN §4 as data: its sheets, their columns and each column's kind.

Everything else in the importer (header detection, cell parsing, the template's headers and
drop-downs, the instructions sheet) reads this table, so the contract is written down once.
A column's `kind` names its parser in `parse.PARSERS`. `required` follows the schema: a column
the database may leave empty is optional in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Field:
    name: str  # the English header, and the key records use
    th: str
    kind: str
    required: bool = True
    aliases: tuple[str, ...] = ()
    example: object = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, self.th, *self.aliases)


@dataclass(frozen=True)
class SheetSpec:
    name: str
    th: str
    fields: tuple[Field, ...]
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, self.th, *self.aliases)

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


def _fiscal_year(example=2566) -> Field:
    return Field("fiscal_year", "ปีงบประมาณ", "year", example=example)


def _province(kind="province", example="เชียงใหม่") -> Field:
    return Field("province", "จังหวัด", kind, example=example)


def _course_code(example="2566-50-0001") -> Field:
    return Field("course_code", "รหัสหลักสูตร", "code", example=example)


def _citizen_id() -> Field:
    return Field(
        "citizen_id", "เลขประจำตัวประชาชน", "citizen_id", aliases=("เลขบัตรประชาชน",), example="1101700123456"
    )


COURSES = SheetSpec(
    "courses",
    "หลักสูตร",
    (
        _course_code(),
        _fiscal_year(),
        _province(),
        Field("skill_category", "ประเภททักษะ", "skill", example="แปรรูปอาหาร"),
        Field("course_name", "ชื่อหลักสูตร", "text", example="การทำขนมไทยเพื่อจำหน่าย"),
        Field("start_date", "วันเริ่ม", "date", False, ("วันที่เริ่ม",), example="15/03/2566"),
        Field("end_date", "วันสิ้นสุด", "date", False, ("วันที่สิ้นสุด",), example="19/03/2566"),
        Field("hours", "จำนวนชั่วโมง", "positive_int", False, example=30),
        Field("target_participants", "เป้าหมายผู้เข้าอบรม", "count", False, example=20),
        Field("budget_planned", "งบประมาณที่ได้รับ", "baht", False, example=60000),
        Field("activity_type", "ประเภทกิจกรรม", "activity", False, example="พัฒนาทักษะฝีมือ"),
    ),
)

DISBURSEMENTS = SheetSpec(
    "disbursements",
    "การเบิกจ่าย",
    (
        _course_code(),
        Field("date", "วันที่เบิกจ่าย", "date", example="20/03/2566"),
        Field("amount", "จำนวนเงิน", "positive_baht", example=24000),
    ),
)

ALLOCATIONS = SheetSpec(
    "allocations",
    "งบจัดสรร",
    (
        _fiscal_year(),
        _province(),
        Field("amount", "จำนวนเงิน", "baht", example=500000),
        Field("round", "ครั้งที่-งวดที่", "text", False, ("ครั้งที่", "งวดที่"), example="1"),
        Field("date", "วันที่จัดสรร", "date", False, example="1 พ.ย. 65"),
    ),
)

PARTICIPANTS = SheetSpec(
    "participants",
    "ผู้เข้าอบรม",
    (
        _course_code(),
        _citizen_id(),
        Field("gender", "เพศ", "gender", False, example="หญิง"),
        Field("birth_year", "ปีเกิด", "birth_year", False, example=2530),
        Field("completed", "ผ่านการอบรม", "completed", example="ผ่าน"),
        Field("income_before", "รายได้ก่อนอบรม", "baht", False, example=6000),
    ),
)

FOLLOWUPS = SheetSpec(
    "followups",
    "ติดตามผล",
    (
        _course_code(),
        _citizen_id(),
        Field("followup_date", "วันที่ติดตาม", "date", example="15/06/2566"),
        Field("uses_skill", "นำไปใช้ประกอบอาชีพ", "yes_no", example="ใช่"),
        Field("occupation", "ลักษณะการประกอบอาชีพ", "occupation", False, example="อาชีพอิสระ"),
        Field("income_after", "รายได้หลังอบรม", "baht", False, example=8500),
        Field("collector", "ผู้ติดตาม", "collector", False, example="อาสาสมัครแรงงาน"),
    ),
    aliases=("follow-ups", "follow_ups"),
)

FIELD_STAFF = SheetSpec(
    "field_staff",
    "กำลังคน",
    (
        _fiscal_year(),
        _province(),
        Field("labour_volunteers", "อาสาสมัครแรงงาน", "count", example=120),
        Field("labour_graduates", "บัณฑิตแรงงาน", "count", example=4),
    ),
)

TARGETS = SheetSpec(
    "targets",
    "เป้าหมาย",
    (
        _fiscal_year(),
        _province("province_or_all"),
        Field("metric", "ตัวชี้วัด", "metric", example="skill_use_rate"),
        Field("value", "ค่าเป้าหมาย", "target_value", aliases=("ค่า",), example="80%"),
    ),
)

SHEETS: tuple[SheetSpec, ...] = (
    COURSES,
    DISBURSEMENTS,
    ALLOCATIONS,
    PARTICIPANTS,
    FOLLOWUPS,
    FIELD_STAFF,
    TARGETS,
)

# Sheets the template itself adds; a returned template still has them, and they are not data.
INSTRUCTIONS_SHEET = ("instructions", "คำแนะนำ")
LISTS_SHEET = ("lists", "รายการ")

# targets.metric: code → Thai name. Rates are stored as fractions (DESIGN §4, targets convention).
METRICS = {
    "participants": "จำนวนผู้เข้าอบรม",
    "skill_use_rate": "อัตราการนำทักษะไปใช้",
    "income_gain": "รายได้ที่เพิ่มขึ้น (บาท/เดือน)",
    "disbursement_q1": "การเบิกจ่ายสะสมไตรมาส 1",
    "disbursement_q2": "การเบิกจ่ายสะสมไตรมาส 2",
    "disbursement_q3": "การเบิกจ่ายสะสมไตรมาส 3",
    "disbursement_q4": "การเบิกจ่ายสะสมไตรมาส 4",
}
RATE_METRICS = frozenset(
    {"skill_use_rate", "disbursement_q1", "disbursement_q2", "disbursement_q3", "disbursement_q4"}
)


def name_key(text: object) -> str:
    """How sheet and header names compare: case, spaces, underscores, hyphens and a trailing * ignored."""
    return re.sub(r"[\s_\-*]+", "", str(text).casefold())


def _parts(text: str) -> list[str]:
    """A header written in both languages ("รหัสหลักสูตร\\ncourse_code", "หลักสูตร (courses)")."""
    return [p for p in re.split(r"[\n/()]+", text) if p.strip()]


def _lookup(index: dict[str, object], text: object):
    if text is None:
        return None
    found = index.get(name_key(text))
    if found is None:
        for part in _parts(str(text)):
            found = index.get(name_key(part))
            if found is not None:
                break
    return found


@cache
def _sheet_index() -> dict[str, SheetSpec]:
    return {name_key(n): spec for spec in SHEETS for n in spec.names}


def sheet_for(name: str) -> SheetSpec | None:
    return _lookup(_sheet_index(), name)


def is_template_sheet(name: str) -> bool:
    keys = {name_key(n) for n in (*INSTRUCTIONS_SHEET, *LISTS_SHEET)}
    return name_key(name) in keys or any(name_key(p) in keys for p in _parts(name))


@cache
def _field_index(spec: SheetSpec) -> dict[str, Field]:
    return {name_key(n): f for f in spec.fields for n in f.names}


def field_for(spec: SheetSpec, header: object) -> Field | None:
    return _lookup(_field_index(spec), header)
