"""The executive brief as PDF: reports/templates/brief.typ typeset by Typst with the brief's
content (brief_content) passed in as JSON through `sys.inputs`, never spliced into the markup, so
a name holding Typst markup (`*`, `#`, `$`, `<`, `@` …) prints as it is written.

Typst is self-contained: Thai shaping and line breaking with the Sarabun fonts of reports/fonts
(static/fonts' Sarabun, see reports/print_fonts), charts drawn as shapes in the template, no
browser, no system fonts. The PDF's creation date is the request's `made_at`, so the same data and
request give the same bytes.
"""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import typst

from data_access.db import Database
from reports.brief_content import BriefRequest, brief_content
from reports.print_fonts import PRINT_FONTS

TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE = TEMPLATES / "brief.typ"
PDF = "application/pdf"

_lock = threading.Lock()  # one compiler per process, used by one thread at a time


@cache
def _compiler() -> typst.Compiler:
    """Loading the fonts is most of a first compile: done once per process."""
    return typst.Compiler(root=str(TEMPLATES), font_paths=[str(PRINT_FONTS)], ignore_system_fonts=True)


def compile_template(template: Path, inputs: dict[str, str], **options) -> bytes:
    """Typeset a template of reports/templates with `inputs` as sys.inputs (PDF unless `format`)."""
    with _lock:
        return _compiler().compile(input=str(template), sys_inputs=inputs, **options)


def render(content: dict, made_at: datetime) -> bytes:
    """The PDF of a brief's content; `made_at` is its creation date."""
    stamp = (made_at if made_at.tzinfo else made_at.replace(tzinfo=UTC)).replace(microsecond=0)
    inputs = {"data": json.dumps(content, ensure_ascii=False, allow_nan=False)}
    return compile_template(TEMPLATE, inputs, timestamp=stamp, pdf_tags=True)


def brief_pdf(db: Database, request: BriefRequest) -> bytes:
    return render(brief_content(db, request), request.made_at)
