"""The province tile map as a PNG made on the server with Typst and the bundled Sarabun, so the
Thai of a downloaded map image is always in the app's font (a browser's own "save as image"
draws with whatever fonts the viewer's machine has, which may have no Thai at all)."""

from __future__ import annotations

import json

import pandas as pd

from reports import brief
from reports.brief_content import map_content

TEMPLATE = brief.TEMPLATES / "map_image.typ"
PNG = "image/png"


def map_png(by_province: pd.DataFrame, kpi: str, kind: str, code: str | None, lang: str, fy: int) -> bytes:
    """`by_province`: kpis.kpi_table(..., ("province",)) of the selection within the scope."""
    content = map_content(by_province, kpi, kind, code, lang, fy)
    inputs = {"data": json.dumps(content, ensure_ascii=False, allow_nan=False), "lang": lang}
    return brief.compile_template(TEMPLATE, inputs, format="png", ppi=200)
