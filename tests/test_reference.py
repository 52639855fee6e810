"""Provinces, regions, skill categories, the fiscal calendar and citizen IDs (DESIGN §2–§4)."""

import csv
from datetime import date

import pandas as pd
import pytest

from data_access import fiscal, pii, reference
from data_access.config import PROJECT_ROOT
from data_access.selection import Selection


def test_77_provinces_in_six_regions_as_designed():
    counts = {r.code: len(reference.provinces_of_region(r.code)) for r in reference.REGIONS}
    assert counts == {"north": 9, "northeast": 20, "central": 22, "east": 7, "west": 5, "south": 14}
    assert len(reference.provinces()) == 77


def test_regions_agree_with_the_reference_centroids():
    with open(PROJECT_ROOT / "assets" / "province_centroids.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            assert reference.province_by_code()[row["code"]].region == row["region"]


@pytest.mark.parametrize(
    "spelling",
    ["เชียงใหม่", "จ.เชียงใหม่", "จังหวัดเชียงใหม่", "Chiang Mai", "chiangmai", "50", "๕๐", " CHIANG MAI "],
)
def test_province_spellings_resolve(spelling):
    assert reference.resolve_province(spelling) == "50"


@pytest.mark.parametrize("spelling", ["กทม.", "กรุงเทพฯ", "กรุงเทพมหานคร", "Bangkok", "10"])
def test_bangkok_spellings_resolve(spelling):
    assert reference.resolve_province(spelling) == "10"


@pytest.mark.parametrize("spelling", ["Atlantis", "", "99", "1"])
def test_unknown_provinces_do_not_resolve(spelling):
    assert reference.resolve_province(spelling) is None


def test_skill_categories_by_code_thai_or_english():
    assert reference.resolve_skill("agr") == "AGR"
    assert reference.resolve_skill("การค้าออนไลน์/ดิจิทัล") == "DIGITAL"
    assert reference.resolve_skill("Beauty and massage") == "BEAUTY"
    assert reference.resolve_skill("cooking") is None


def test_fiscal_year_runs_october_to_september_in_be():
    assert fiscal.fiscal_year(date(2022, 10, 1)) == 2566
    assert fiscal.fiscal_year(date(2023, 9, 30)) == 2566
    assert fiscal.fiscal_year_bounds(2566) == (date(2022, 10, 1), date(2023, 9, 30))
    assert fiscal.to_be(2023) == 2566 and fiscal.to_be(2566) == 2566
    assert fiscal.last_completed_quarter(2568, date(2025, 5, 15)) == 2
    assert fiscal.last_completed_quarter(2568, date(2024, 12, 30)) is None


def test_months_are_counted_from_the_fiscal_years_october():
    assert [fiscal.fiscal_month(date(y, m, 1)) for y, m in ((2022, 10), (2023, 1), (2023, 9))] == [1, 4, 12]
    assert fiscal.months_since_start(2566, 2023, 11) == 14  # November after the year: not month 2
    assert fiscal.months_since_start(2566, 2022, 8) == -1  # an advance before the year


def test_fiscal_months_quarters_and_advances():
    assert [fiscal.calendar_month(k) for k in fiscal.MONTHS] == [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert [fiscal.quarter_end_month(q) for q in fiscal.QUARTERS] == [3, 6, 9, 12]
    ends = [fiscal.quarter_end(2566, q) for q in fiscal.QUARTERS]
    assert [fiscal.fiscal_month(day) for day in ends] == [3, 6, 9, 12]
    months = pd.Series([-1, 0, 1, 12, 14])
    assert fiscal.advances_in_first_month(months).tolist() == [1, 1, 1, 12, 14]


def test_dates_are_written_with_the_be_year_and_the_translation_tables_months():
    assert fiscal.be_date(date(2025, 5, 15)) == "15 พ.ค. 2568"
    assert fiscal.be_date(date(2025, 5, 15), "en") == "15 May 2568"
    assert fiscal.be_month(2023, 11, "en") == "Nov 2566"


def test_a_view_is_about_the_newest_selected_year_else_the_as_of_dates():
    sel = Selection(fiscal_years=(2565, 2567), as_of=date(2025, 5, 15))
    assert fiscal.latest_year(sel) == 2567
    assert fiscal.latest_year(sel.replace(fiscal_years=())) == 2568


def test_names_are_written_alike_everywhere():
    assert reference.province_name("50") == "เชียงใหม่" and reference.province_name("50", "en") == "Chiang Mai"
    assert reference.region_name("north", "en") == "North"
    assert reference.skill_name("AGR", "en") == "Agriculture" and reference.skill_name("AGR") == "เกษตรกรรม"


def test_citizen_id_checksum():
    assert pii.is_valid_citizen_id("1101700203450")
    assert not pii.is_valid_citizen_id("1101700203451")
    assert not pii.is_valid_citizen_id("110170020345")


def test_citizen_hash_is_keyed():
    cid = "1101700203450"
    assert pii.citizen_hash(cid, b"k1") != pii.citizen_hash(cid, b"k2")
    assert len(pii.citizen_hash(cid, b"k1")) == 32
