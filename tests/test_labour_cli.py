"""`labour --json` (DESIGN §9): the contract's shape, unemployment_rate from summed counts,
--from, the scope of --as, and bilingual errors for an unknown indicator, place or period."""

import json

import pytest

from data_access import reference, users
from data_access.cli import main
from tests.labour_builder import store

NORTH = reference.provinces_of_region("north")


@pytest.fixture
def labour_db(db, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db.url)
    rows = []
    for q, (cm_unemployed, cm_lf) in enumerate(((90, 1000), (18_240.5, 400_000)), start=1):
        for code in NORTH:
            unemployed, lf = (cm_unemployed, cm_lf) if code == "50" else (10, 9000)
            rows += [
                (code, "lfs_unemployed", f"2566Q{q}", unemployed),
                (code, "lfs_labour_force", f"2566Q{q}", lf),
            ]
    rows += [("50", "doe_placements", "2566-01", 12), ("50", "doe_placements", "2566-02", 15)]
    store(db, rows)
    users.add(db, "cm_head", "provincial", "50", actor="test")
    users.add(db, "north_staff", "staff", "north", actor="test")
    return db


def run_json(capsys, *args):
    assert main(list(args)) == 0
    return json.loads(capsys.readouterr().out)


def test_labour_json_is_the_contracts_shape(labour_db, capsys):
    out = run_json(capsys, "labour", "--indicator", "lfs_unemployed", "--province", "เชียงใหม่", "--json")
    assert out == {
        "indicator": "lfs_unemployed",
        "place": "50",
        "unit": "persons",
        "series": [{"period": "2566Q1", "value": 90.0}, {"period": "2566Q2", "value": 18240.5}],
    }


def test_a_regions_unemployment_rate_is_computed_from_summed_counts(labour_db, capsys):
    out = run_json(capsys, "labour", "--indicator", "unemployment_rate", "--region", "ภาคเหนือ", "--json")
    assert (out["place"], out["unit"]) == ("north", "fraction")
    others = len(NORTH) - 1
    assert out["series"][0] == {
        "period": "2566Q1",
        "value": pytest.approx((90 + 10 * others) / (1000 + 9000 * others)),
    }


def test_no_place_is_the_nation_and_from_cuts_the_start(labour_db, capsys):
    out = run_json(
        capsys, "labour", "--indicator", "การบรรจุงาน", "--province", "50", "--from", "ก.พ. 66", "--json"
    )
    assert out["series"] == [{"period": "2566-02", "value": 15.0}]
    nation = run_json(capsys, "labour", "--indicator", "lfs_unemployed", "--json")
    assert nation["place"] == "ALL" and nation["series"] == []  # only the North has figures


def test_a_provincial_head_sees_their_province_and_region_but_no_other_province(labour_db, capsys):
    own = run_json(
        capsys, "labour", "--indicator", "lfs_unemployed", "--province", "50", "--as", "cm_head", "--json"
    )
    assert len(own["series"]) == 2
    region = run_json(
        capsys, "labour", "--indicator", "lfs_unemployed", "--region", "north", "--as", "cm_head", "--json"
    )
    assert region["series"][0]["value"] == 90 + 10 * (len(NORTH) - 1)
    assert (
        main(["labour", "--indicator", "lfs_unemployed", "--province", "51", "--as", "cm_head", "--json"])
        == 2
    )
    err = capsys.readouterr().err
    assert "อยู่นอกขอบเขตสิทธิ์ของ cm_head" in err and "province 51 is outside the scope of cm_head" in err


def test_staff_of_a_region_may_not_read_another_regions_total(labour_db, capsys):
    assert main(["labour", "--indicator", "lfs_unemployed", "--region", "south", "--as", "north_staff"]) == 2
    assert "region south is outside the scope of north_staff" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "thai", "english"),
    [
        (["--indicator", "jobs"], "ไม่รู้จักตัวชี้วัด 'jobs'", "unknown indicator 'jobs'"),
        (
            ["--indicator", "lfs_employed", "--province", "Atlantis"],
            "ไม่รู้จักจังหวัด 'Atlantis'",
            "unknown province 'Atlantis'",
        ),
        (["--indicator", "lfs_employed", "--region", "Mars"], "ไม่รู้จักภาค 'Mars'", "unknown region 'Mars'"),
        (["--indicator", "lfs_employed", "--from", "soon"], "งวดไม่ถูกต้อง 'soon'", "invalid period 'soon'"),
        (["--indicator", "lfs_employed", "--from", "2562-01"], "รายไตรมาส", "this indicator is quarterly"),
        (["--indicator", "doe_vacancies", "--from", "2562Q1"], "รายเดือน", "this indicator is monthly"),
        (
            ["--indicator", "lfs_employed", "--province", "50", "--region", "south"],
            "ไม่อยู่ในภาค",
            "is not in region",
        ),
    ],
)
def test_bad_arguments_are_clear_errors_in_both_languages(labour_db, capsys, args, thai, english):
    assert main(["labour", *args, "--json"]) == 2
    captured = capsys.readouterr()
    assert thai in captured.err and english in captured.err and captured.out == ""
