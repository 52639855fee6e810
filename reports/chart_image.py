"""A page's chart as a PNG made on the server, with its title and in the app's Sarabun.

Plotly's own "download plot as PNG" draws the chart's SVG into an image inside the viewer's
browser, and an SVG image sees only the fonts installed on that machine, never the page's web
fonts: on a machine without Thai fonts every Thai letter came out as a box. Kaleido renders the
same figure with the same plotly.js in a headless Chromium whose fontconfig also reads
static/fonts, so the image carries Sarabun wherever it is opened. Kaleido finds the browser itself
(`chromium` on PATH, or BROWSER_PATH); without one the page offers no chart images.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

import kaleido
import plotly.graph_objects as go

from data_access import config
from data_access.config import PROJECT_ROOT
from ui import figure_cache

PNG = "image/png"
FONTS = PROJECT_ROOT / "static" / "fonts"
WIDTH_PX = 1200
DEFAULT_HEIGHT_PX = 450
TITLE_PX = 56  # room above the plot for a one-line title of 17 px with Thai upper marks
SCALE = 2
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")

_lock = threading.Lock()  # one headless browser at a time: each takes ~150 MB and a core


@cache
def available() -> bool:
    """True where a Chromium-based browser can be started to draw the image (looked up once per
    process, not for every chart of every run)."""
    path = config.browser_path()
    if path:
        return os.access(path, os.X_OK)
    return any(shutil.which(name) for name in BROWSERS)


def image_figure(fig: go.Figure, title: str) -> go.Figure:
    """A copy of the page's figure sized for an image, its title drawn in the top margin."""
    image = figure_cache.copy_of(fig)
    margin = image.layout.margin
    height = (image.layout.height or DEFAULT_HEIGHT_PX) + TITLE_PX
    image.update_layout(
        title={
            "text": title,
            "x": 0.01,
            "xanchor": "left",
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 18},
            "font": {"size": 17},
        },
        width=WIDTH_PX,
        height=height,
        margin={"t": (margin.t or 16) + TITLE_PX, "l": max(margin.l or 0, 16), "r": max(margin.r or 0, 24)},
        paper_bgcolor="white",
    )
    # On the page, Streamlit's theme gives axes room for their ticks and titles; here it is not applied.
    image.update_xaxes(automargin=True)
    image.update_yaxes(automargin=True)
    return image


def png(fig: go.Figure, title: str) -> bytes:
    """`fig` as a PNG of WIDTH_PX × SCALE pixels across, `title` above the plot."""
    image = image_figure(fig, title)
    options = {"format": "png", "width": image.layout.width, "height": image.layout.height, "scale": SCALE}
    with _lock:
        config.use_fontconfig_file(font_config())
        return kaleido.calc_fig_sync(image, opts=options, kopts={"mathjax": False, "timeout": 60})


@cache
def font_config() -> Path:
    """A fontconfig file: the machine's own configuration, and static/fonts' Sarabun besides."""
    folder = Path(tempfile.mkdtemp(prefix="chart_fonts_"))
    system = config.fontconfig_file()
    path = folder / "fonts.conf"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f'  <include ignore_missing="yes">{escape(system)}</include>\n'
        f"  <dir>{escape(str(FONTS))}</dir>\n"
        f"  <cachedir>{escape(str(folder / 'cache'))}</cachedir>\n"
        "</fontconfig>\n",
        encoding="utf-8",
    )
    return path
