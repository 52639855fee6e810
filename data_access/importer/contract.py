"""The submission workbook of DESIGN §4 as data: its sheets, their columns and each column's kind.

Everything else in the importer reads this table, so the contract is written down once: header
detection, cell parsing (a column's `kind` names its parser in `parse`; a coded answer's
`choices` say what may be typed and what is stored), the checks (each sheet's upsert `key`), the
plan and the writes (the sheet's `table`, each field's database `column`), the template's headers,
drop-downs and instructions. `required` follows the schema: a column the database may leave empty
is optional in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from sqlalchemy import Table, UniqueConstraint

from data_access import reference, schema, vocabularies
from data_access.labour import catalogue
from data_access.vocabularies import Choice

SAME = object()  # Field.column default: the database column has the field's name


@dataclass(frozen=True)
class Field:
    name: str  # the English header, and the key records use
    th: str
    kind: str
    required: bool = True
    aliases: tuple[str, ...] = ()
    example: object = None
    column: str | None | object = SAME  # its column in the sheet's table (None: not stored as is)
    choices: tuple[Choice, ...] = ()  # a coded answer: what may be typed, and what is stored
    default: object = None  # stored for an empty cell (and for a key part whose column is absent)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, self.th, *self.aliases)

    @property
    def db_column(self) -> str | None:
        return self.name if self.column is SAME else self.column


def unique_key(table: Table) -> tuple[str, ...]:
    """The columns an upsert conflicts on: the table's unique constraint, else its primary key."""
    for constraint in table.constraints:
        if isinstance(constraint, UniqueConstraint):
            return tuple(c.name for c in constraint.columns)
    return tuple(c.name for c in table.primary_key.columns)


@dataclass(frozen=True)
class SheetSpec:
    name: str
    th: str
    fields: tuple[Field, ...]
    aliases: tuple[str, ...] = ()
    table: Table | None = None  # where its rows are written
    key: tuple[str, ...] = ()  # the fields that identify a row: re-importing it updates, never adds

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, self.th, *self.aliases)

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    @property
    def key_columns(self) -> tuple[str, ...]:
        return tuple(self.field(name).db_column for name in self.key)

    @property
    def value_columns(self) -> tuple[str, ...]:
        """The database columns of the fields that are not part of the key."""
        return tuple(f.db_column for f in self.fields if f.name not in self.key and f.db_column)

    def columns(self) -> dict[str, str]:
        """Field name → database column, for every field stored as it is."""
        return {f.name: f.db_column for f in self.fields if f.db_column}


def _fiscal_year(example=2566) -> Field:
    return Field("fiscal_year", "ปีงบประมาณ", "year", example=example)


def _province(kind="province", example="เชียงใหม่") -> Field:
    return Field("province", "จังหวัด", kind, example=example, column="province_code")


def _course_code(example="2566-50-0001", column: str | None = None) -> Field:
    """A course's code: the key of the courses sheet, a reference (to its id) everywhere else."""
    return Field("course_code", "รหัสหลักสูตร", "code", example=example, column=column)


def _citizen_id() -> Field:
    return Field(
        "citizen_id",
        "เลขประจำตัวประชาชน",
        "citizen_id",
        aliases=("เลขบัตรประชาชน",),
        example="1101700123456",
        column=None,  # only its keyed hash is stored (citizen_hash)
    )


COURSES = SheetSpec(
    "courses",
    "หลักสูตร",
    (
        _course_code(column="course_code"),
        _fiscal_year(),
        _province(),
        Field("skill_category", "ประเภททักษะ", "skill", example="แปรรูปอาหาร", column="skill_code"),
        Field("course_name", "ชื่อหลักสูตร", "text", example="การทำขนมไทยเพื่อจำหน่าย"),
        Field("start_date", "วันเริ่ม", "date", False, ("วันที่เริ่ม",), example="15/03/2566"),
        Field("end_date", "วันสิ้นสุด", "date", False, ("วันที่สิ้นสุด",), example="19/03/2566"),
        Field("hours", "จำนวนชั่วโมง", "positive_int", False, example=30),
        Field("target_participants", "เป้าหมายผู้เข้าอบรม", "count", False, example=20),
        Field("budget_planned", "งบประมาณที่ได้รับ", "baht", False, example=60000),
        Field(
            "activity_type",
            "ประเภทกิจกรรม",
            "activity",
            False,
            example="พัฒนาทักษะฝีมือ",
            choices=vocabularies.ACTIVITIES,
            default="skill",
        ),
    ),
    table=schema.courses,
    key=("course_code",),
)

DISBURSEMENTS = SheetSpec(
    "disbursements",
    "การเบิกจ่าย",
    (
        _course_code(),
        Field("date", "วันที่เบิกจ่าย", "date", example="20/03/2566"),
        Field("amount", "จำนวนเงิน", "positive_baht", example=24000),
    ),
    table=schema.disbursements,  # a course's rows replace its disbursements: no key
)

ALLOCATIONS = SheetSpec(
    "allocations",
    "งบจัดสรร",
    (
        _fiscal_year(),
        _province(),
        Field("amount", "จำนวนเงิน", "baht", example=500000),
        Field("round", "ครั้งที่-งวดที่", "text", False, ("ครั้งที่", "งวดที่"), example="1", default=""),
        Field("date", "วันที่จัดสรร", "date", False, example="1 พ.ย. 65"),
    ),
    table=schema.allocations,
    key=("fiscal_year", "province", "round"),
)

PARTICIPANTS = SheetSpec(
    "participants",
    "ผู้เข้าอบรม",
    (
        _course_code(),
        _citizen_id(),
        Field("gender", "เพศ", "gender", False, example="หญิง", choices=vocabularies.GENDERS),
        Field("birth_year", "ปีเกิด", "birth_year", False, example=2530),
        Field("completed", "ผ่านการอบรม", "completed", example="ผ่าน", choices=vocabularies.COMPLETED),
        Field("income_before", "รายได้ก่อนอบรม", "baht", False, example=6000),
    ),
    table=schema.participants,
    key=("course_code", "citizen_id"),
)

FOLLOWUPS = SheetSpec(
    "followups",
    "ติดตามผล",
    (
        _course_code(),
        _citizen_id(),
        Field("followup_date", "วันที่ติดตาม", "date", example="15/06/2566"),
        Field("uses_skill", "นำไปใช้ประกอบอาชีพ", "yes_no", example="ใช่", choices=vocabularies.YES_NO),
        Field(
            "occupation",
            "ลักษณะการประกอบอาชีพ",
            "occupation",
            False,
            example="อาชีพอิสระ",
            choices=vocabularies.OCCUPATIONS,
        ),
        Field("income_after", "รายได้หลังอบรม", "baht", False, example=8500),
        Field(
            "collector",
            "ผู้ติดตาม",
            "collector",
            False,
            example="อาสาสมัครแรงงาน",
            choices=vocabularies.COLLECTORS,
        ),
    ),
    aliases=("follow-ups", "follow_ups"),
    table=schema.followups,
    key=("course_code", "citizen_id", "followup_date"),
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
    table=schema.field_staff,
    key=("fiscal_year", "province"),
)

TARGETS = SheetSpec(
    "targets",
    "เป้าหมาย",
    (
        _fiscal_year(),
        _province("province_or_all"),
        Field(
            "metric",
            "ตัวชี้วัด",
            "metric",
            example="อัตราการนำทักษะไปใช้",
            choices=vocabularies.TARGET_METRICS,
        ),
        Field("value", "ค่าเป้าหมาย", "target_value", aliases=("ค่า",), example="80%"),
    ),
    table=schema.targets,
    key=("fiscal_year", "province", "metric"),
)

# The labour figures of DESIGN §9 in the long layout (NSO's own tables: importer/nso_table.py).
INDICATOR_CHOICES = tuple(Choice(i.code, i.name("th"), i.name("en")) for i in catalogue.STORED)

LABOUR = SheetSpec(
    "labour_indicators",
    "ข้อมูลสถานการณ์แรงงาน",
    (
        _province("province_or_all"),
        Field("period", "งวด", "period", example="2566Q1", column=None),  # stored as its parts
        Field("indicator", "ตัวชี้วัด", "indicator", example="ผู้ว่างงาน", choices=INDICATOR_CHOICES),
        Field("value", "ค่า", "labour_value", example=18240.5),
        Field("source", "แหล่งข้อมูล", "text", False, example="สำนักงานสถิติแห่งชาติ", default=""),
    ),
    table=schema.labour_values,
    key=("province", "indicator", "period"),
)

SHEETS: tuple[SheetSpec, ...] = (
    COURSES,
    DISBURSEMENTS,
    ALLOCATIONS,
    PARTICIPANTS,
    FOLLOWUPS,
    FIELD_STAFF,
    TARGETS,
    LABOUR,
)
BY_NAME = {spec.name: spec for spec in SHEETS}
# Sheets of one row per (fiscal year, province, …): no course, so no course to look up.
PROVINCE_SHEETS = tuple(s for s in SHEETS if s.key[:2] == ("fiscal_year", "province"))
# Sheets whose rows belong to a course named by its code.
COURSE_SHEETS = tuple(s for s in SHEETS if "course_code" in {f.name for f in s.fields})
NATIONAL_NAMES = (reference.NATIONAL, "ทั้งประเทศ", "ทั่วประเทศ")  # a targets row for the whole country

# Sheets the template itself adds; a returned template still has them, and they are not data.
INSTRUCTIONS_SHEET = ("instructions", "คำแนะนำ")
LISTS_SHEET = ("lists", "รายการ")


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
