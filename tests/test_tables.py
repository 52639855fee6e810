"""Tables on screen: every KPI beside region and nation; values written like the rest of the page."""

import io
from datetime import date

import openpyxl
import pandas as pd

from data_access import excel, exporter, kpi_definitions
from ui import format as fmt
from ui import table_view, tables


def test_comparison_has_every_kpi_for_each_level_present():
    own = pd.Series({k: 1.0 for k in kpi_definitions.KPI_KEYS})
    totals = pd.DataFrame([{"level": "nation", **{k: 3.0 for k in kpi_definitions.KPI_KEYS}}])
    got = exporter.comparison(own, totals)
    assert got["kpi"].tolist() == list(kpi_definitions.KPI_KEYS)
    assert list(got.columns) == ["kpi", "province", "nation"]
    names = {"province": "Chiang Mai", "nation": "Whole country"}
    shown = tables.comparison_display(got, names, "en").set_index("Indicator")
    assert shown.loc["Skill-use rate", "Chiang Mai"] == "100.0%"
    assert shown.loc["Participants", "Whole country"] == "3"


def test_the_province_comparison_keeps_numbers_one_unit_a_row_and_marks_better_or_worse():
    own = pd.Series(
        {k: 1.0 for k in kpi_definitions.KPI_KEYS} | {"cost_per_completer": 555_000.0, "skill_use_rate": 0.8}
    )
    region = {k: 2.0 for k in kpi_definitions.KPI_KEYS} | {
        "cost_per_completer": 8_390_000.0,
        "skill_use_rate": 0.8,
    }
    nation = {k: 3.0 for k in kpi_definitions.KPI_KEYS} | {"cost_per_completer": 100.0, "skill_use_rate": 0.6}
    totals = pd.DataFrame([{"level": "region", **region}, {"level": "nation", **nation}])
    names = {"province": "Chiang Mai", "region": "North", "nation": "Whole country"}
    table, columns = exporter.comparison_table(exporter.comparison(own, totals), names, "en")
    rows = table.set_index("kpi")
    assert rows.loc["cost_per_completer", ["province", "region", "nation"]].tolist() == [
        555_000.0,
        8_390_000.0,
        100.0,
    ]
    shown = table_view.displayed(table, columns, "en").set_index("Indicator")
    # one unit for the row: baht in full, never "555,000 baht" beside "8.39 million baht"
    assert shown.loc["Cost per completer"].tolist() == [
        "baht",
        "555,000",
        "8,390,000",
        "100",
        "▲ better",
        "▼ worse",
    ]
    assert shown.loc["Skill-use rate"].tolist() == ["%", "80.0%", "80.0%", "60.0%", "= the same", "▲ better"]
    assert shown.loc["Participants", "Against the nation"] == "—"  # a size is not better or worse
    book = openpyxl.load_workbook(io.BytesIO(excel.write_workbook({"s": (columns, table)})))
    cells = {row[0].value: row for row in book["s"].iter_rows(min_row=2)}
    assert (
        cells["Cost per completer"][2].value == 555_000
        and cells["Cost per completer"][2].number_format == "#,##0"
    )
    assert cells["Skill-use rate"][2].value == 0.8 and cells["Skill-use rate"][2].number_format == "0.0%"


def test_better_means_lower_for_costs_and_payback():
    assert kpi_definitions.compare("cost_per_completer", 100.0, 200.0) == 1
    assert kpi_definitions.compare("payback_months", 12.0, 6.0) == -1
    assert kpi_definitions.compare("skill_use_rate", 0.5, 0.4) == 1
    assert kpi_definitions.compare("participants", 5.0, 4.0) is None
    assert kpi_definitions.compare("skill_use_rate", float("nan"), 0.4) is None


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
