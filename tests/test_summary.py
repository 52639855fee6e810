"""The Overview's summary paragraph: figures picked from data_access results, then sentences."""

import pandas as pd

from ui import summary


def facts(**changes) -> summary.OverviewFacts:
    values = dict(
        fiscal_year=2568,
        participants=45210,
        target_attainment=0.92,
        quarter=2,
        lagging=12,
        with_target=77,
        changes=(("skill_use_rate", 0.812, 0.83), ("income_gain_mean", 1520.0, 1640.0)),
    )
    return summary.OverviewFacts(**{**values, **changes})


def test_summary_in_english():
    assert summary.overview_summary(facts(), "en") == (
        "In FY2568, 45,210 people took part (92.0% of the target). "
        "12 of 77 provinces are below the Q2 disbursement target. "
        "Skill-use rate rose from 81.2% (FY2567) to 83.0%. "
        "Income gain (mean) rose from 1,520 baht/month (FY2567) to 1,640 baht/month."
    )


def test_summary_in_thai():
    assert summary.overview_summary(facts(), "th") == (
        "ปีงบประมาณ 2568 มีผู้เข้าอบรม 45,210 คน คิดเป็น 92.0% ของเป้าหมาย "
        "มี 12 จาก 77 จังหวัดที่เบิกจ่ายต่ำกว่าเป้าหมายไตรมาส 2 "
        "อัตราการนำทักษะไปใช้ สูงขึ้นจาก 81.2% (ปีงบ 2567) เป็น 83.0% "
        "รายได้เพิ่มขึ้น (เฉลี่ย) สูงขึ้นจาก 1,520 บาท/เดือน (ปีงบ 2567) เป็น 1,640 บาท/เดือน"
    )


def test_falls_unchanged_and_unknown_years_are_said_plainly():
    text = summary.overview_summary(
        facts(changes=(("skill_use_rate", 0.85, 0.80), ("income_gain_mean", 1500.2, 1500.4))), "en"
    )
    assert "Skill-use rate fell from 85.0% (FY2567) to 80.0%." in text
    assert "Income gain (mean) was unchanged at 1,500 baht/month." in text
    first_year = summary.overview_summary(facts(changes=(("skill_use_rate", None, 0.8),)), "en")
    assert first_year.endswith("Skill-use rate was 80.0%.")


def test_no_target_no_quarter_and_nobody_behind():
    text = summary.overview_summary(facts(target_attainment=None, quarter=None, changes=()), "en")
    assert text == "In FY2568, 45,210 people took part."
    assert "Every province has reached the Q2 disbursement target." in summary.overview_summary(
        facts(lagging=0), "en"
    )
    assert "1 of 77 provinces is below" in summary.overview_summary(facts(lagging=1), "en")


def test_facts_come_from_kpi_rows_and_the_disbursement_table():
    now = pd.Series(
        {
            "participants": 404,
            "target_attainment": float("nan"),
            "skill_use_rate": 0.85,
            "income_gain_mean": 1780.0,
        }
    )
    before = pd.Series(
        {
            "participants": 600,
            "target_attainment": 0.9,
            "skill_use_rate": float("nan"),
            "income_gain_mean": 1637.0,
        }
    )
    disbursement = pd.DataFrame(
        {
            "province": ["50", "51", "52"],
            "below_target": [True, False, False],
            "disbursement_rate": [0.30, 0.60, 0.10],
            "disbursement_target": [0.54, 0.54, float("nan")],
            "disbursement_gap": [-0.24, 0.06, float("nan")],
            "allocated": [100.0, 100.0, 100.0],
        }
    )
    got = summary.overview_facts(2568, now, before, 2, disbursement)
    assert (got.participants, got.target_attainment, got.lagging, got.with_target) == (404, None, 1, 2)
    assert got.furthest_behind == (("50", 0.30, 0.54),)
    assert got.only_province is None
    assert got.changes == (("skill_use_rate", None, 0.85), ("income_gain_mean", 1637.0, 1780.0))


def test_the_provinces_furthest_behind_are_named_worst_first():
    behind = (("58", 0.12, 0.54), ("52", 0.30, 0.54))
    text = summary.overview_summary(facts(lagging=2, furthest_behind=behind), "en")
    assert "2 of 77 provinces are below the Q2 disbursement target. " in text
    assert "Furthest behind: Mae Hong Son (12% against 54%); Lampang (30% against 54%)." in text
    thai = summary.overview_summary(facts(lagging=2, furthest_behind=behind), "th")
    assert "ห่างเป้าหมายมากที่สุด: แม่ฮ่องสอน (12% จากเป้า 54%), ลำปาง (30% จากเป้า 54%)" in thai


def test_one_province_is_named_and_never_called_every_province():
    on_target = summary.overview_summary(facts(lagging=0, with_target=1, only_province="50"), "en")
    assert "Chiang Mai has reached the Q2 disbursement target." in on_target
    assert "Every province" not in on_target
    behind = summary.overview_summary(facts(lagging=1, with_target=1, only_province="50"), "th")
    assert "เชียงใหม่เบิกจ่ายต่ำกว่าเป้าหมายไตรมาส 2" in behind and "ทุกจังหวัด" not in behind


def test_changes_say_the_same_point_of_last_year():
    from datetime import date

    text = summary.overview_summary(facts(previous_as_of=date(2024, 5, 15)), "en")
    assert "Skill-use rate rose from 81.2% (FY2567 to 15 May 2567) to 83.0%." in text
