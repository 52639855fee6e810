"""The Sarabun fonts the brief is typeset with: static/fonts' Sarabun with the tone-mark anchors over
upper vowels made one height, committed in reports/fonts/ (regenerate: `python -m reports.print_fonts`).

Why: Typst (0.14, 0.15) writes a glyph that mark positioning moves up or down into a text object of
its own, and each piece carries the whole cluster's text, so a PDF reader copies or searches "ขึ้"
as "ขึ้ขึ้" (typst/typst#7610). Sarabun raises a tone mark over ิ, ั and ึ by up to 46 units (of
1,000) with such an offset, but over ี and ื by none. Giving every upper vowel's mark-to-mark
anchor, and every small tone mark's own anchor, the same height removes the offset: the marks move
by at most 0.05 em, which no reader sees, and the text reads back exactly (tests/test_print_fonts).
"""

from __future__ import annotations

from pathlib import Path

from data_access.config import PROJECT_ROOT

SOURCE = PROJECT_ROOT / "static" / "fonts"
PRINT_FONTS = Path(__file__).resolve().parent / "fonts"
WEIGHTS = ("Regular", "SemiBold", "Bold")
UPPER_VOWELS = ("uni0E31", "uni0E34", "uni0E35", "uni0E36", "uni0E37")  # ั ิ ี ึ ื
SMALL_TONES = tuple(f"uni0E{code}.small" for code in ("48", "49", "4A", "4B", "4C"))  # ่ ้ ๊ ๋ ์


def aligned(font) -> None:
    """Sets, in every mark-to-mark lookup that stacks a small tone mark on an upper vowel, the
    vowel's anchor and the tone marks' anchors to the highest of the tone marks' anchors."""
    for lookup in font["GPOS"].table.LookupList.Lookup:
        if lookup.LookupType != 6:  # mark-to-mark attachment
            continue
        for table in lookup.SubTable:
            tones = [
                record.MarkAnchor
                for glyph, record in zip(table.Mark1Coverage.glyphs, table.Mark1Array.MarkRecord, strict=True)
                if glyph in SMALL_TONES
            ]
            if not tones:
                continue
            height = max(anchor.YCoordinate for anchor in tones)
            for anchor in tones:
                anchor.YCoordinate = height
            for glyph, record in zip(table.Mark2Coverage.glyphs, table.Mark2Array.Mark2Record, strict=True):
                if glyph.split(".")[0] in UPPER_VOWELS:
                    for anchor in record.Mark2Anchor:
                        if anchor is not None:
                            anchor.YCoordinate = height


def write(target: Path = PRINT_FONTS) -> list[Path]:
    from fontTools.ttLib import TTFont  # a dev dependency: only regenerating needs it

    target.mkdir(parents=True, exist_ok=True)
    written = []
    for weight in WEIGHTS:
        font = TTFont(SOURCE / f"Sarabun-{weight}.ttf", recalcTimestamp=False)
        aligned(font)
        path = target / f"Sarabun-{weight}.ttf"
        font.save(path)
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write():
        print(f"wrote {path}")
