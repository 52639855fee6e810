"""Reading a PDF back as a reader would: its text (PDFium, through pypdfium2) and its first page
as a picture (Debian's pdftoppm)."""

from __future__ import annotations

import re
import subprocess

import pypdfium2

from tests.conftest import require_tool


def pages(pdf: bytes) -> list[str]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()


def text(pdf: bytes) -> str:
    return "\n".join(pages(pdf))


def squashed(value: str) -> str:
    """Without whitespace: PDFium guesses spaces from glyph gaps and drops some after Thai marks,
    while every printed character reads back as written."""
    return re.sub(r"\s+", "", value)


def first_page_png(pdf: bytes, tmp_path) -> bytes:
    tool = require_tool("pdftoppm", "poppler-utils")
    source = tmp_path / "render.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        [tool, "-r", "60", "-png", "-f", "1", "-l", "1", "-singlefile", source, tmp_path / "page"], check=True
    )
    return (tmp_path / "page.png").read_bytes()
