"""Errors a user can cause, carrying their message in Thai and English (never a traceback)."""

from __future__ import annotations


class UserError(Exception):
    def __init__(self, th: str, en: str):
        super().__init__(f"{th} / {en}")
        self.th = th
        self.en = en

    def message(self, lang: str = "th") -> str:
        return self.th if lang == "th" else self.en
