"""The translation table: one row per key, both languages, every placeholder in both."""

import csv
import re
import string

from assets.i18n import TABLE


def rows():
    with open(TABLE, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_key_appears_once():
    keys = [row["key"] for row in rows()]
    assert [k for k in set(keys) if keys.count(k) > 1] == []


def test_both_languages_have_the_same_placeholders():
    def fields(text):
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for row in rows():
        assert row["th"].strip() and row["en"].strip(), row["key"]
        assert fields(row["th"]) == fields(row["en"]), row["key"]
        assert not re.search(r"\s{2,}$", row["en"]), row["key"]
