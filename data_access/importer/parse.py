"""Cell parsers for every column kind of the contract: what a provincial office may type, and
the one stored value it means.

A parser takes a non-empty cell value as python-calamine returns it (str, float, int, bool,
date, datetime, time) and returns the value to store, or raises `Invalid` naming the problem
kind (its Thai and English text is in assets/translations.csv under `import.<kind>`).
Thai digits and thousands separators are accepted wherever a number is; years and dates may be
Buddhist Era or Common Era (a year above 2400 is BE, a two-digit year in a text date is BE).
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from datetime import date, datetime, time, timedelta

from data_access import fiscal, pii, reference, vocabularies
from data_access.importer.contract import NATIONAL_NAMES, SHEETS
from data_access.vocabularies import Choice

EXCEL_EPOCH = date(1899, 12, 30)
FIRST_DATE, LAST_DATE = date(2000, 1, 1), date(2100, 12, 31)
FIRST_YEAR_BE, LAST_YEAR_BE = 2500, 2700
TEXT_MAX = 255
NUMBER_MAX = 1e12  # a trillion: above any amount in baht this project can hold
COUNT_MAX = 100_000_000  # people or hours: above Thailand's population, within a 32-bit column


class Invalid(ValueError):
    def __init__(self, kind: str, **params):
        super().__init__(kind)
        self.kind = kind
        self.params = params


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def choice_key(text: object) -> str:
    return re.sub(r"[\s_\-.]+", "", reference.thai_digits_to_arabic(str(text)).casefold())


# Control characters (NUL, ESC of an ANSI escape…) are refused: PostgreSQL refuses NUL, and a
# terminal or report would act on the rest. Invisible format characters (zero-width space, the
# right-to-left mark, a BOM) are dropped: `CM-01` with a hidden RLM must be the same code as `CM-01`.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    raw = str(value)
    if _CONTROL.search(raw):
        raise Invalid("control_characters")
    out = " ".join(_INVISIBLE.sub("", raw).split())
    if len(out) > TEXT_MAX:
        raise Invalid("too_long", max=TEXT_MAX)
    return out


def code(value: object) -> str:
    out = reference.thai_digits_to_arabic(text(value))
    if len(out) > 64:
        raise Invalid("too_long", max=64)
    return out


def number(value: object) -> float:
    """A finite number within ±NUMBER_MAX: a NaN, an infinity or 1e308 in a cell would turn a
    national total into nonsense (or into JSON no reader accepts)."""
    if isinstance(value, (bool, date, time, timedelta)):
        raise Invalid("bad_number")
    if isinstance(value, (int, float)):
        amount = _float(value)
    else:
        raw = reference.thai_digits_to_arabic(str(value)).strip().removesuffix("บาท")
        raw = re.sub(r"[\s\u00a0,]", "", raw)
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", raw):
            raise Invalid("bad_number")
        amount = _float(raw)
    if not math.isfinite(amount):
        raise Invalid("bad_number")
    if abs(amount) > NUMBER_MAX:
        raise Invalid("too_large", max=f"{NUMBER_MAX:,.0f}")
    return amount


def _float(value: int | float | str) -> float:
    try:
        return float(value)
    except OverflowError:  # an integer too large for a float
        return math.inf


def baht(value: object) -> float:
    amount = number(value)
    if amount < 0:
        raise Invalid("negative")
    return round(amount, 2)


def positive_baht(value: object) -> float:
    amount = baht(value)
    if amount <= 0:
        raise Invalid("not_positive")
    return amount


def count(value: object) -> int:
    amount = number(value)
    if not amount.is_integer():
        raise Invalid("not_integer")
    if amount < 0:
        raise Invalid("negative")
    if amount > COUNT_MAX:
        raise Invalid("too_large", max=f"{COUNT_MAX:,}")
    return int(amount)


def positive_int(value: object) -> int:
    amount = count(value)
    if amount <= 0:
        raise Invalid("not_positive")
    return amount


def year(value: object) -> int:
    """A fiscal year, BE or CE, stored BE."""
    raw = reference.thai_digits_to_arabic(str(value)).strip()
    match = re.fullmatch(r"(?:พ\.?ศ\.?|ค\.?ศ\.?|fy|ปีงบประมาณ|ปีงบ)?\s*(\d{4})(\.0)?", raw, re.IGNORECASE)
    if isinstance(value, bool) or match is None:
        raise Invalid("bad_year")
    be = fiscal.to_be(int(match.group(1)))
    if not FIRST_YEAR_BE <= be <= LAST_YEAR_BE:
        raise Invalid("bad_year")
    return be


def birth_year(value: object) -> int:
    be = year(value)
    if be < 2440:
        raise Invalid("bad_year")
    return be


_THAI_MONTHS = (
    ("มค", "มกราคม"),
    ("กพ", "กุมภาพันธ์"),
    ("มีค", "มีนาคม"),
    ("เมย", "เมษายน"),
    ("พค", "พฤษภาคม"),
    ("มิย", "มิถุนายน"),
    ("กค", "กรกฎาคม"),
    ("สค", "สิงหาคม"),
    ("กย", "กันยายน"),
    ("ตค", "ตุลาคม"),
    ("พย", "พฤศจิกายน"),
    ("ธค", "ธันวาคม"),
)
_EN_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS = {
    **{name: m for m, names in enumerate(_THAI_MONTHS, 1) for name in names},
    **{name: m for m, name in enumerate(_EN_MONTHS, 1)},
}


def month_number(name: str) -> int | None:
    """A month's number from its Thai or English name or abbreviation (มี.ค., มีนาคม, Mar)."""
    key = choice_key(name)
    return _MONTHS.get(key) or _MONTHS.get(key[:3] if key.isascii() else key)


def _text_date_parts(raw: str) -> tuple[int, int, str] | None:
    """(day, month, year text) from 15/03/2566, 15-3-66, 2023-03-15, 15 มี.ค. 66, 15 March 2023."""
    raw = re.sub(r"^(\d{4}-\d{1,2}-\d{1,2})[ T]\d{1,2}:\d{2}(:\d{2})?$", r"\1", raw)
    if match := re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", raw):
        return int(match.group(3)), int(match.group(2)), match.group(1)
    if match := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})", raw):
        return int(match.group(1)), int(match.group(2)), match.group(3)
    if match := re.fullmatch(r"(\d{1,2})\s*([^\d\s][^\d]*?)\s*(\d{2}|\d{4})", raw):
        month = month_number(match.group(2))
        return None if month is None else (int(match.group(1)), month, match.group(3))
    return None


def _ce_year(text_year: str) -> int:
    number_ = int(text_year)
    return fiscal.to_ce(2500 + number_ if len(text_year) == 2 else number_)


def _checked(day: date) -> date:
    if not FIRST_DATE <= day <= LAST_DATE:
        raise Invalid("date_out_of_range")
    return day


def _from_calendar(year_ce: int, month: int, day: int) -> date:
    try:
        found = date(year_ce, month, day)
    except ValueError:
        raise Invalid("bad_date") from None
    return _checked(found)


def day(value: object) -> date:
    """A date from an Excel date cell (its year may be BE), an Excel serial number, or text."""
    if isinstance(value, (datetime, date)):
        return _from_calendar(fiscal.to_ce(value.year), value.month, value.day)
    if isinstance(value, (bool, time, timedelta)):
        raise Invalid("bad_date")
    if isinstance(value, (int, float)):
        serial = EXCEL_EPOCH + timedelta(days=int(value)) if 0 < value < 2_958_466 else None
        if serial is None or not float(value).is_integer():
            raise Invalid("bad_date")
        return _checked(serial)
    parts = _text_date_parts(reference.thai_digits_to_arabic(str(value)).strip())
    if parts is None:
        raise Invalid("bad_date")
    day_, month, year_text = parts
    return _from_calendar(_ce_year(year_text), month, day_)


def _choice(choices: tuple[Choice, ...], kind: str):
    """A parser accepting any name of the choices (code, Thai, English, aliases) for its code."""
    index = {choice_key(name): choice.code for choice in choices for name in choice.names}

    def parse(value: object):
        if isinstance(value, bool):
            value = str(value)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        found = index.get(choice_key(value))
        if found is None:
            raise Invalid(kind)
        return found

    return parse


def citizen_id(value: object) -> str:
    """13 digits with a valid check digit; dashes and spaces are allowed in text."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    raw = value if value.__class__ is str else str(value)
    if not (len(raw) == 13 and raw.isascii() and raw.isdigit()):  # the usual cell: 13 plain digits
        raw = unicodedata.normalize("NFKC", reference.thai_digits_to_arabic(raw))  # full-width digits
        raw = re.sub(r"[\s\-]", "", raw)
        if not re.fullmatch(r"[0-9]{13}", raw):
            raise Invalid("citizen_id_format")
    if not pii.is_valid_citizen_id(raw):
        raise Invalid("citizen_id_checksum")
    return raw


def province(value: object) -> str:
    found = reference.resolve_province(value)
    if found is None:
        raise Invalid("unknown_province")
    return found


def province_or_all(value: object) -> str:
    if choice_key(value) in {choice_key(name) for name in NATIONAL_NAMES}:
        return reference.NATIONAL
    return province(value)


def skill(value: object) -> str:
    found = reference.resolve_skill(value)
    if found is None:
        raise Invalid("unknown_skill")
    return found


def target_value(value: object, metric_code: str) -> float:
    """Rates are stored as fractions: 54, "54%" and 0.54 all mean 54 % (a value above 1 is percent)."""
    raw = reference.thai_digits_to_arabic(str(value)).strip() if isinstance(value, str) else value
    percent = isinstance(raw, str) and raw.endswith("%")
    amount = number(raw.removesuffix("%") if percent else raw)
    if amount < 0:
        raise Invalid("negative")
    if metric_code not in vocabularies.FRACTION_METRICS:
        return amount
    rate = amount / 100 if percent or amount > 1 else amount
    if rate > 1:
        raise Invalid("bad_rate")
    return rate


_PARSERS = {
    "text": text,
    "code": code,
    "year": year,
    "birth_year": birth_year,
    "date": day,
    "baht": baht,
    "positive_baht": positive_baht,
    "count": count,
    "positive_int": positive_int,
    "citizen_id": citizen_id,
    "province": province,
    "province_or_all": province_or_all,
    "skill": skill,
}

# A coded answer's problem kind; what it accepts is the contract field's choices.
CHOICE_PROBLEMS = {
    "yes_no": "bad_yes_no",
    "completed": "bad_yes_no",
    "gender": "bad_gender",
    "occupation": "bad_occupation",
    "collector": "bad_collector",
    "activity": "bad_activity",
    "metric": "unknown_metric",
    "indicator": "unknown_indicator",
}
_PARSERS |= {
    f.kind: _choice(f.choices, CHOICE_PROBLEMS[f.kind]) for spec in SHEETS for f in spec.fields if f.choices
}

# Columns repeat the same few values (dates, provinces, yes/no) thousands of times: parse each once.
# `typed` keeps True, 1 and 1.0 apart; IDs are unique per row, so caching them would only cost memory.
PARSERS = {
    kind: fn if kind == "citizen_id" else functools.lru_cache(maxsize=8192, typed=True)(fn)
    for kind, fn in _PARSERS.items()
}
