"""Drawing a chart builder's figure on a page: its title as text above the chart, not inside it.

Plotly places a title in the figure's top margin at a size it guesses, and Thai upper vowels and
tone marks stand above the line box it reserves: a wrapped title lost them, and a wrap at a fixed
character count could not follow the chart's real width (a phone, a column, full width). A title
written as page text wraps at the chart's width and keeps every mark. The builders still set
`layout.title` (so a figure says what it shows, and tests read it); this lifts it out of a copy.

Plotly's toolbar is not drawn: its tooltips are English only (Streamlit adds an untranslatable
"Fullscreen"), and its "download as PNG" lost the Thai letters. Each chart instead offers an image
made on the server (reports.chart_image) with its title and in Sarabun, built only when clicked.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict

import plotly.graph_objects as go
import streamlit as st

from reports import chart_image
from ui import downloads, figure_cache, session

KEPT = 128  # untitled copies kept, one per figure recently drawn

_lock = threading.Lock()
_untitled: OrderedDict[int, tuple[go.Figure, go.Figure, str]] = OrderedDict()


def lifted(fig: go.Figure) -> tuple[go.Figure, str]:
    """A copy of the figure with its title taken out of the drawing (kept in `layout.meta.title`,
    which Plotly never draws, so the page's figure still says what it shows), and the title as
    plain text. The figure itself is left as it is: builders share it (ui.figure_cache). The copy
    is made once per figure and handed to Streamlit as a Figure, which it only serialises (a dict
    it would validate again, on every run)."""
    with _lock:
        kept = _untitled.get(id(fig))
        if kept is not None and kept[0] is fig:  # the entry holds `fig`, so its id is not reused
            _untitled.move_to_end(id(fig))
            return kept[1], kept[2]
    title = (fig.layout.title.text or "").replace("<br>", " ")
    drawn = figure_cache.copy_of(fig)
    drawn.update_layout(title={"text": ""}, meta={"title": title})
    with _lock:
        _untitled[id(fig)] = (fig, drawn, title)
        while len(_untitled) > KEPT:
            _untitled.popitem(last=False)
    return drawn, title


def file_name(title: str) -> str:
    """A download's file name from the chart's title: letters and digits, joined by _. Thai vowel
    and tone marks are kept (they are not word characters to `re`, and `อัตรา` became `อ_ตรา`)."""
    return re.sub(r"[^\w\u0e00-\u0e7f]+", "_", title).strip("_")[:80] or "chart"


def show(fig: go.Figure, key: str, where=None, image: bool = True, **options):
    """Draw `fig` with its title above it and, where `image`, a button for it as a PNG named
    after the title (the map has an image of its own, reports.map_image)."""
    where = where or st
    untitled, title = lifted(fig)
    box = where.container(key=f"chart_{key}")
    if title:
        box.markdown(f"**{_escaped(title)}**")
    drawn = box.plotly_chart(untitled, key=key, config={"displayModeBar": False}, **options)
    if image and chart_image.available():
        downloads.chart_image_download(
            session.context(),
            lambda: chart_image.png(fig, title),
            f"{file_name(title)}.png",
            f"image_{key}",
            box,
        )
    return drawn


def _escaped(text: str) -> str:
    """Markdown's own characters in a title shown as themselves."""
    return re.sub(r"([\\`*_{}\[\]<>#+\-!|~])", r"\\\1", text)
