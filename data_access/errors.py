"""Errors a user can cause: a key of the translation table and its values, so the message reaches
them in Thai or English (never a traceback) and its words live with every other text."""

from __future__ import annotations

from assets.i18n import both, t


class UserError(Exception):
    def __init__(self, key: str, **values):
        self.key = key
        self.values = values
        super().__init__(self.en)

    def message(self, lang: str = "th") -> str:
        return t(self.key, lang, **self.values)

    @property
    def th(self) -> str:
        return self.message("th")

    @property
    def en(self) -> str:
        return self.message("en")

    @property
    def in_both(self) -> str:
        """Thai, then English, in paragraphs: where the reader's language is not known yet."""
        return both(self.key, between="\n\n", **self.values)
