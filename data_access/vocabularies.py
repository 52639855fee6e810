"""The coded answers of DESIGN §4, written once: each choice's stored code, its Thai and English
names and the other spellings offices type. The submission contract's fields carry them (so the
parser and the template's drop-downs follow), and the measures, the outcome breakdowns, the
targets and the demo generator read the codes from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from data_access import fiscal


@dataclass(frozen=True)
class Choice:
    code: object  # what is stored (text, or True / False)
    th: str  # the name the template offers
    en: str
    aliases: tuple[str, ...] = ()

    unit: str = ""  # target metrics only: people, fraction or baht_per_month

    @property
    def names(self) -> tuple[str, ...]:
        return (str(self.code), self.th, self.en, *self.aliases)


_YES = ("y", "1", "true", "มี")
_NO = ("n", "0", "false", "ไม่มี")

YES_NO = (Choice(True, "ใช่", "yes", _YES), Choice(False, "ไม่ใช่", "no", _NO))
COMPLETED = (
    Choice(True, "ผ่าน", "yes", ("ใช่", *_YES)),
    Choice(False, "ไม่ผ่าน", "no", ("ไม่ใช่", *_NO)),
)
GENDERS = (
    Choice("M", "ชาย", "male"),
    Choice("F", "หญิง", "female"),
    Choice("X", "อื่น ๆ", "other", ("อื่น",)),
)
OCCUPATIONS = (
    Choice("self_employed", "อาชีพอิสระ", "self-employed"),
    Choice("employed", "ลูกจ้าง", "employed", ("employee",)),
    Choice("not_working", "ว่างงาน", "not working", ("unemployed",)),
    Choice("other", "อื่น ๆ", "other"),
)
WORKING = ("self_employed", "employed")  # occupations that count as employment (DESIGN §5)
COLLECTORS = (
    Choice("volunteer", "อาสาสมัครแรงงาน", "labour volunteer", ("อสร",)),
    Choice("graduate", "บัณฑิตแรงงาน", "labour graduate"),
    Choice("staff", "เจ้าหน้าที่", "staff"),
)
ACTIVITIES = (
    Choice("skill", "พัฒนาทักษะฝีมือ", "skill development", ("พัฒนาทักษะ",)),
    Choice("employment", "จ้างงานเร่งด่วน", "urgent employment", ("จ้างงาน",)),
)

# The targets sheet's metrics. Fractions are stored as 0–1 (54, 54 % and 0.54 all mean 54 %);
# disbursement_qN is the cumulative share of the allocation due by the end of quarter N.
TARGET_METRICS = (
    Choice("participants", "จำนวนผู้เข้าอบรม", "participants", unit="people"),
    Choice("skill_use_rate", "อัตราการนำทักษะไปใช้", "skill-use rate", unit="fraction"),
    Choice("income_gain", "รายได้ที่เพิ่มขึ้น (บาท/เดือน)", "income gain (baht/month)", unit="baht_per_month"),
    *(
        Choice(f"disbursement_q{q}", f"การเบิกจ่ายสะสมไตรมาส {q}", f"disbursement by Q{q}", unit="fraction")
        for q in fiscal.QUARTERS
    ),
)
FRACTION_METRICS = frozenset(m.code for m in TARGET_METRICS if m.unit == "fraction")


def codes(choices: tuple[Choice, ...]) -> tuple:
    return tuple(c.code for c in choices)
