"""Drawing a chart builder's figure on a page: its title as text above the chart, not inside it.

Plotly places a title in the figure's top margin at a size it guesses, and Thai upper vowels and
tone marks stand above the line box it reserves: a wrapped title lost them, and a wrap at a fixed
character count could not follow the chart's real width (a phone, a column, full width). A title
written as page text wraps at the chart's width and keeps every mark. The builders still set
`layout.title` (so a figure says what it shows, and tests read it); this lifts it out.
"""

from __future__ import annotations

import re

import plotly.graph_objects as go
import streamlit as st


def lift_title(fig: go.Figure) -> str:
    """The figure's title as plain text, removed from the drawing (kept in `layout.meta.title`,
    which Plotly never draws, so the page's figure still says what it shows)."""
    title = (fig.layout.title.text or "").replace("<br>", " ")
    fig.update_layout(title={"text": ""}, meta={"title": title})
    return title


def file_name(title: str) -> str:
    """A download's file name from the chart's title: letters (Thai too) and digits, joined by _."""
    return re.sub(r"[^\w]+", "_", title).strip("_")[:80] or "chart"


def show(fig: go.Figure, key: str, where=None, **options):
    """Draw `fig` with its title above it; the toolbar's image is named after the title."""
    where = where or st
    title = lift_title(fig)
    box = where.container(key=f"chart_{key}")
    if title:
        box.markdown(f"**{_escaped(title)}**")
    config = {"displaylogo": False, "toImageButtonOptions": {"filename": file_name(title), "scale": 2}}
    config.update(options.pop("config", {}))
    return box.plotly_chart(fig, key=key, config=config, **options)


def _escaped(text: str) -> str:
    """Markdown's own characters in a title shown as themselves."""
    return re.sub(r"([\\`*_{}\[\]<>#+\-!|~])", r"\\\1", text)
