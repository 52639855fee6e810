"""Tables on screen: every KPI beside region and nation; values written like the rest of the page."""

from datetime import date

import pandas as pd

from data_access import excel, kpi_definitions
from ui import format as fmt
from ui import table_view, tables


def test_comparison_has_every_kpi_for_each_level_present():
    own = pd.Series({k: 1.0 for k in kpi_definitions.KPI_KEYS})
    totals = pd.DataFrame([{"level": "nation", **{k: 3.0 for k in kpi_definitions.KPI_KEYS}}])
    got = tables.comparison(own, totals)
    assert got["kpi"].tolist() == list(kpi_definitions.KPI_KEYS)
    assert list(got.columns) == ["kpi", "province", "nation"]
    names = {"province": "Chiang Mai", "nation": "Whole country"}
    shown = tables.comparison_display(got, names, "en").set_index("Indicator")
    assert shown.loc["Skill-use rate", "Chiang Mai"] == "100.0%"
    assert shown.loc["Participants", "Whole country"] == "3"


def test_displayed_tables_use_the_pages_formats_and_buddhist_era_dates():
    frame = pd.DataFrame(
        {
            "name": ["a", None],
            "rate": [0.5, float("nan")],
            "money": [1234.5, 7.0],
            "on": [date(2025, 1, 9), None],
        }
    )
    columns = [
        excel.Column("name", "Name"),
        excel.Column("rate", "Rate", "percent"),
        excel.Column("money", "Baht", "baht"),
        excel.Column("on", "Start", "date"),
    ]
    got = table_view.displayed(frame, columns, "th")
    assert got.values.tolist() == [["a", "50.0%", "1,234", "9 ม.ค. 2568"], ["—", "—", "7", "—"]]


def test_every_kpi_is_written_by_its_kind():
    assert fmt.kpi("target_participants", 1234.0) == "1,234"
    assert fmt.kpi("target_attainment", 0.5) == "50.0%"
    assert fmt.kpi("income_gain_mean", 1500.0, "en") == "1,500 baht/month"
    assert fmt.kpi("cost_per_completer", 2_500_000.0, "en") == "2.50 million baht"
    assert fmt.kpi("payback_months", 3.25, "en") == "3.2 months"
    assert fmt.kpi("employment_rate", 0.75) == "75.0%"
