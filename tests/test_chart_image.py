"""Chart images are made on the server with their title and the app's Sarabun (reports.chart_image),
offered under each chart in place of Plotly's English toolbar."""

import io
import os
import subprocess

import plotly.graph_objects as go
from PIL import Image

from reports import chart_image
from tests.apptest import run_app
from tests.conftest import require_tool
from tests.test_downloads import _registered


def test_the_image_browser_finds_sarabun_among_the_machines_fonts():
    fc_match = require_tool("fc-match", "fontconfig")
    env = {**os.environ, "FONTCONFIG_FILE": str(chart_image.font_config())}
    found = subprocess.run(
        [fc_match, "-f", "%{file}", "Sarabun:weight=80"], env=env, capture_output=True, text=True
    )
    assert found.stdout == str(chart_image.FONTS / "Sarabun-Regular.ttf")


def test_the_image_figure_puts_the_title_above_the_plot_at_image_width():
    fig = go.Figure(go.Bar(x=[1, 2], y=["ก", "ข"], orientation="h"))
    fig.update_layout(height=300, margin={"t": 40, "l": 10, "r": 24, "b": 10})
    image = chart_image.image_figure(fig, "อัตราการนำทักษะไปใช้")
    assert image.layout.title.text == "อัตราการนำทักษะไปใช้"
    assert (image.layout.width, image.layout.height) == (chart_image.WIDTH_PX, 300 + chart_image.TITLE_PX)
    assert image.layout.margin.t == 40 + chart_image.TITLE_PX
    assert fig.layout.title.text is None  # the page's own figure is left as it was


def test_a_pages_chart_downloads_as_a_png_with_its_title(own_demo_app, monkeypatch):
    require_tool("chromium", "chromium")
    registered = _registered(monkeypatch)
    at = run_app(page="pages/budget.py", user="demo_exec", fy="2567")
    assert not at.exception
    labels = [button.label for button in at.get("download_button")]
    assert labels.count("ภาพแผนภูมิ (PNG)") >= 2
    names = [name for name in registered if name.endswith(".png") and not name.startswith("map_")]
    assert "การเบิกจ่ายสะสมรายเดือน_ปีงบประมาณ_2567_เทียบ_2566.png" in names
    image = Image.open(io.BytesIO(registered[names[0]]()))
    assert image.format == "PNG" and image.width == chart_image.WIDTH_PX * chart_image.SCALE
    title_band = image.convert("L").crop((0, 0, image.width // 2, chart_image.TITLE_PX * chart_image.SCALE))
    assert title_band.getextrema()[0] < 128  # dark title text drawn above the plot
