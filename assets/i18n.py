"""The one translation table (assets/translations.csv: key, th, en) and its lookup.

Thai is the default language. Names of provinces, regions and skill categories come from
`data_access.reference`, so they are not repeated here.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

LANGUAGES = ("th", "en")
TABLE = Path(__file__).resolve().parent / "translations.csv"


@cache
def table() -> dict[str, dict[str, str]]:
    with open(TABLE, encoding="utf-8", newline="") as handle:
        return {row["key"]: {"th": row["th"], "en": row["en"]} for row in csv.DictReader(handle)}


def t(key: str, lang: str = "th", **values) -> str:
    """The text for `key` in `lang`, with `{placeholders}` filled. A missing key is a bug: KeyError."""
    text = table()[key][lang if lang in LANGUAGES else "th"]
    return text.format(**values) if values else text


def tn(key: str, n: int, lang: str = "th", **values) -> str:
    """`t` for a count: `key.one` where the language says one thing differently ("1 problem"),
    else `key`; `{n}` is written with separators."""
    one = f"{key}.one"
    chosen = one if n == 1 and one in table() else key
    return t(chosen, lang, n=f"{n:,}", **values)


def both(key: str, between: str = " / ", **values) -> str:
    """Thai and English together ("ชีต / Sheet"), for files read by either; a notice shown before
    the reader's language is known puts them in paragraphs (between="\n\n")."""
    return between.join(t(key, lang, **values) for lang in LANGUAGES)
