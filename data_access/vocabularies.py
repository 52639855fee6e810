"""The coded answers of DESIGN §4, written once: each choice's stored code, its Thai and English
names and the other spellings offices type. The submission contract's fields carry them (so the
parser, the template's drop-downs and the instructions follow), and the measures, the outcome
breakdowns and the demo generator read the codes from here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Choice:
    code: object  # what is stored (text, or True / False)
    th: str  # the name the template offers
    en: str
    aliases: tuple[str, ...] = ()

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


def codes(choices: tuple[Choice, ...]) -> tuple:
    return tuple(c.code for c in choices)
