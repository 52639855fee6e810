"""Chart builders are remembered by their arguments' content (ui/figure_cache.py), and a drawn
figure is never changed, since other sessions share it."""

import sys
import threading

import pandas as pd

from ui import chart_view, charts, figure_cache
from ui import format as fmt


def _frame(rate: float = 0.9) -> pd.DataFrame:
    return pd.DataFrame({"skill": ["AGR", "SERVICE"], "skill_use_rate": [rate, 0.5], "n": [40, 25]})


def test_equal_arguments_give_the_figure_built_before():
    figure_cache.clear()
    first = charts.bars(_frame(), "skill", "skill_use_rate", "th", "By skill", fmt.skill_name)
    again = charts.bars(_frame(), "skill", "skill_use_rate", "th", "By skill", fmt.skill_name)
    assert again is first


def test_other_content_language_or_options_build_a_new_figure():
    figure_cache.clear()
    first = charts.bars(_frame(), "skill", "skill_use_rate", "th", "By skill", fmt.skill_name)
    other_value = charts.bars(_frame(0.8), "skill", "skill_use_rate", "th", "By skill", fmt.skill_name)
    english = charts.bars(_frame(), "skill", "skill_use_rate", "en", "By skill", fmt.skill_name)
    red = charts.bars(_frame(), "skill", "skill_use_rate", "th", "By skill", fmt.skill_name, below={"AGR"})
    assert len({id(first), id(other_value), id(english), id(red)}) == 4
    assert list(other_value.data[0].text)[0].startswith("80.0%")
    assert list(red.data[0].marker.color) == [charts.RED, charts.BLUE]


def test_a_lambda_argument_is_never_taken_as_equal():
    """A closure's captured names are invisible to the key: such a call always builds afresh."""
    figure_cache.clear()
    names = {"AGR": "Farming", "SERVICE": "Services"}
    first = charts.bars(_frame(), "skill", "skill_use_rate", "en", "t", lambda code, _: names[code])
    names["AGR"] = "Agriculture"
    again = charts.bars(_frame(), "skill", "skill_use_rate", "en", "t", lambda code, _: names[code])
    assert again is not first and list(again.data[0].y) == ["Agriculture", "Services"]


def test_drawing_a_figure_leaves_the_shared_figure_as_it_was():
    fig = charts.bars(_frame(), "skill", "skill_use_rate", "th", "อัตราการนำทักษะไปใช้", fmt.skill_name)
    drawn, title = chart_view.lifted(fig)
    assert title == "อัตราการนำทักษะไปใช้"
    assert drawn.layout.title.text == "" and drawn.layout.meta == {"title": title}
    assert fig.layout.title.text == "อัตราการนำทักษะไปใช้" and fig.layout.meta is None
    assert chart_view.lifted(fig)[0] is drawn  # the untitled copy is made once per figure


def test_threads_copying_one_shared_figure_each_get_its_bars():
    """Plotly's copy takes "type" out of each source trace for a moment; with threads switching
    every microsecond, unguarded copies of one figure turned some Bars into failing Scatters."""
    shared = charts.bars(_frame(), "skill", "skill_use_rate", "th", "By skill", fmt.skill_name)
    kinds, failures = [], []

    def copy_many() -> None:
        for _ in range(60):
            try:
                kinds.append(figure_cache.copy_of(shared).data[0].type)
            except ValueError as error:
                failures.append(error)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=copy_many) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert failures == [] and kinds == ["bar"] * 240
    assert shared.data[0].type == "bar"
