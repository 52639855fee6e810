"""Fixed reference lists of DESIGN §3–§4: regions, provinces, skill categories, and name resolution.

Province codes and names come from `geothai` (DOPA codes, Thai and English names); the 6-region
grouping and the name variants seen in submissions are ours.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

import geothai

from data_access.config import PROJECT_ROOT


@dataclass(frozen=True)
class Region:
    code: str
    name_th: str
    name_en: str


@dataclass(frozen=True)
class Province:
    code: str
    name_th: str
    name_en: str
    region: str
    lat: float
    lon: float


@dataclass(frozen=True)
class SkillCategory:
    code: str
    name_th: str
    name_en: str


NATIONAL = "ALL"  # the code of the whole country where a province code may stand (targets)

REGIONS: tuple[Region, ...] = (
    Region("north", "ภาคเหนือ", "North"),
    Region("northeast", "ภาคตะวันออกเฉียงเหนือ", "Northeast"),
    Region("central", "ภาคกลาง", "Central"),
    Region("east", "ภาคตะวันออก", "East"),
    Region("west", "ภาคตะวันตก", "West"),
    Region("south", "ภาคใต้", "South"),
)

_REGION_CODES: dict[str, tuple[int, ...]] = {
    "north": tuple(range(50, 59)),
    "northeast": tuple(range(30, 50)),
    "central": (*range(10, 20), 26, 60, 61, 62, 64, 65, 66, 67, 72, 73, 74, 75),
    "east": (20, 21, 22, 23, 24, 25, 27),
    "west": (63, 70, 71, 76, 77),
    "south": (*range(80, 87), *range(90, 97)),
}

SKILL_CATEGORIES: tuple[SkillCategory, ...] = (
    SkillCategory("AGR", "เกษตรกรรม", "agriculture"),
    SkillCategory("FOOD", "แปรรูปอาหาร", "food processing"),
    SkillCategory("CRAFT", "หัตถกรรม/สิ่งประดิษฐ์", "handicraft"),
    SkillCategory("SEW", "ตัดเย็บ", "sewing"),
    SkillCategory("BEAUTY", "เสริมสวย/นวด", "beauty and massage"),
    SkillCategory("REPAIR", "ช่าง/ซ่อมบำรุง", "repair trades"),
    SkillCategory("DIGITAL", "การค้าออนไลน์/ดิจิทัล", "online trade and digital"),
    SkillCategory("SERVICE", "บริการ", "services"),
)

# Spellings seen in submissions that geothai's names do not cover.
_PROVINCE_ALIASES = {
    "กทม": "10",
    "กรุงเทพฯ": "10",
    "กรุงเทพ": "10",
    "bkk": "10",
    "krungthep": "10",
    "อยุธยา": "14",
    "ayutthaya": "14",
    "โคราช": "30",
    "korat": "30",
}

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# What spellings of one name differ by: a leading "จังหวัด" or "จ." (the short form needs its dot,
# or it would eat the first letter of จันทบุรี), case, spaces, dots, apostrophes and hyphens.
_PROVINCE_WORD = re.compile(r"^(?:จังหวัด|จ\.)")
_MARKS = re.compile(r"[\s.'-]")


def thai_digits_to_arabic(text: str) -> str:
    return text.translate(_THAI_DIGITS)


def _key(text: str) -> str:
    """One form for a name and for what was typed, so the two compare equal."""
    return _MARKS.sub("", _PROVINCE_WORD.sub("", thai_digits_to_arabic(str(text)).strip()).lower())


@cache
def provinces() -> tuple[Province, ...]:
    """All 77 provinces in DOPA code order."""
    region_of = {str(c): r for r, codes in _REGION_CODES.items() for c in codes}
    centre = {}
    with open(PROJECT_ROOT / "assets" / "province_centroids.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            centre[row["code"]] = (float(row["lat"]), float(row["lon"]))
    return tuple(
        Province(p.code, p.name_th, p.name_en, region_of[p.code], *centre[p.code])
        for p in geothai.provinces()
    )


@cache
def province_by_code() -> dict[str, Province]:
    return {p.code: p for p in provinces()}


def provinces_of_region(region: str) -> tuple[str, ...]:
    return tuple(p.code for p in provinces() if p.region == region)


@cache
def _province_index() -> dict[str, str]:
    index = {_key(alias): code for alias, code in _PROVINCE_ALIASES.items()}
    for p in provinces():
        index[p.code] = p.code
        index[_key(p.name_th)] = p.code
        index[_key(p.name_en)] = p.code
    return index


def resolve_province(text: object) -> str | None:
    """The DOPA code for a code or any accepted spelling of a province, or None."""
    if text is None:
        return None
    raw = thai_digits_to_arabic(str(text)).strip()
    if re.fullmatch(r"\d{1,2}(\.0)?", raw):
        return _province_index().get(raw.split(".")[0].zfill(2))
    if re.fullmatch(r"[\d\s.,'+-]+", raw):  # a number that is not a code: -50 or 6.7 is no province
        return None
    return _province_index().get(_key(raw.removesuffix(".")))


def resolve_region(text: object) -> str | None:
    key = _key(str(text)).removeprefix("ภาค")
    for r in REGIONS:
        if key in (r.code, _key(r.name_en), _key(r.name_th).removeprefix("ภาค")):
            return r.code
    return None


def resolve_skill(text: object) -> str | None:
    key = _key(str(text))
    for s in SKILL_CATEGORIES:
        names = (s.code.lower(), _key(s.name_en), _key(s.name_th), *map(_key, s.name_th.split("/")))
        if key in names:
            return s.code
    return None


def region_by_code() -> dict[str, Region]:
    return {r.code: r for r in REGIONS}


def skill_by_code() -> dict[str, SkillCategory]:
    return {s.code: s for s in SKILL_CATEGORIES}


def province_name(code: str, lang: str = "th") -> str:
    """A province's name in the reader's language, as every screen, chart and export writes it."""
    p = province_by_code()[code]
    return p.name_th if lang == "th" else p.name_en


def region_name(code: str, lang: str = "th") -> str:
    r = region_by_code()[code]
    return r.name_th if lang == "th" else r.name_en


def skill_name(code: str, lang: str = "th") -> str:
    """The English names are kept in lower case for matching submissions; shown, they start
    with a capital like every other label."""
    s = skill_by_code()[code]
    return s.name_th if lang == "th" else s.name_en.capitalize()
