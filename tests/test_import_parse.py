"""The cell values DESIGN §4 accepts, one parser at a time: what an office types → what is stored."""

from datetime import date, datetime

import pytest

from data_access.importer import parse
from data_access.importer.parse import Invalid


def kind_of(parser, value) -> str:
    with pytest.raises(Invalid) as raised:
        parser(value)
    return raised.value.kind


@pytest.mark.parametrize(
    "typed",
    [
        "15/03/2566",
        "15/3/2023",
        "15-03-66",
        "2023-03-15",
        "2023-03-15 00:00:00",
        "15 มี.ค. 66",
        "15 มีนาคม 2566",
        "15 Mar 2023",
        "๑๕/๐๓/๒๕๖๖",
        date(2023, 3, 15),
        datetime(2023, 3, 15, 0, 0),
        date(2566, 3, 15),  # a BE year typed into an Excel date cell
        45000.0,  # an Excel serial number in a General cell
    ],
)
def test_dates_in_every_accepted_form(typed):
    assert parse.day(typed) == date(2023, 3, 15)


@pytest.mark.parametrize(
    "typed, kind",
    [
        ("31/02/2566", "bad_date"),
        ("15/03", "bad_date"),
        ("soon", "bad_date"),
        ("15/03/23", "date_out_of_range"),  # two digits are BE: 2523 is 1980
        (True, "bad_date"),
        (45000.5, "bad_date"),
        (date(2568, 2, 29), "bad_date"),  # BE 2568 = 2025, not a leap year
    ],
)
def test_bad_dates_name_their_problem(typed, kind):
    assert kind_of(parse.day, typed) == kind


def test_a_leap_day_typed_in_be_is_the_ce_leap_day():
    assert parse.day("29/02/2567") == date(2024, 2, 29)


@pytest.mark.parametrize("typed", [2566, 2023, "2566", "๒๕๖๖", "พ.ศ. 2566", 2566.0, "FY2566"])
def test_years_be_or_ce_are_stored_be(typed):
    assert parse.year(typed) == 2566


@pytest.mark.parametrize("typed", ["66", 1999.5, "two", True, 3000])
def test_bad_years(typed):
    assert kind_of(parse.year, typed) == "bad_year"


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("12,500", 12500.0),
        ("๑๒,๕๐๐", 12500.0),
        (" 12 500 ", 12500.0),
        ("12500 บาท", 12500.0),
        (12500, 12500.0),
    ],
)
def test_money_with_separators_and_thai_digits(typed, stored):
    assert parse.baht(typed) == stored


def test_number_problems():
    assert kind_of(parse.baht, "-5") == "negative"
    assert kind_of(parse.baht, "five") == "bad_number"
    assert kind_of(parse.positive_baht, 0) == "not_positive"
    assert kind_of(parse.count, 2.5) == "not_integer"
    assert kind_of(parse.positive_int, "0") == "not_positive"


@pytest.mark.parametrize("typed", ["Y", "yes", "YES", 1, 1.0, True, "TRUE", "ใช่", "มี"])
def test_yes(typed):
    assert parse.PARSERS["yes_no"](typed) is True


@pytest.mark.parametrize("typed", ["N", "No", 0, False, "FALSE", "ไม่ใช่", "ไม่มี"])
def test_no(typed):
    assert parse.PARSERS["yes_no"](typed) is False


def test_completed_also_accepts_pass_and_fail_but_yes_no_does_not():
    assert parse.PARSERS["completed"]("ผ่าน") is True
    assert parse.PARSERS["completed"]("ไม่ผ่าน") is False
    assert kind_of(parse.PARSERS["yes_no"], "ผ่าน") == "bad_yes_no"


@pytest.mark.parametrize(
    "parser, typed, stored",
    [
        (parse.PARSERS["gender"], "หญิง", "F"),
        (parse.PARSERS["gender"], "ชาย", "M"),
        (parse.PARSERS["gender"], "อื่น ๆ", "X"),
        (parse.PARSERS["gender"], "x", "X"),
        (parse.PARSERS["occupation"], "อาชีพอิสระ", "self_employed"),
        (parse.PARSERS["occupation"], "Self-employed", "self_employed"),
        (parse.PARSERS["occupation"], "ว่างงาน", "not_working"),
        (parse.PARSERS["occupation"], "not working", "not_working"),
        (parse.PARSERS["occupation"], "อื่นๆ", "other"),
        (parse.PARSERS["collector"], "อาสาสมัครแรงงาน", "volunteer"),
        (parse.PARSERS["collector"], "อสร.", "volunteer"),
        (parse.PARSERS["collector"], "บัณฑิตแรงงาน", "graduate"),
        (parse.PARSERS["collector"], "เจ้าหน้าที่", "staff"),
        (parse.PARSERS["activity"], "จ้างงานเร่งด่วน", "employment"),
        (parse.PARSERS["activity"], "Skill", "skill"),
        (parse.skill, "แปรรูปอาหาร", "FOOD"),
        (parse.skill, "ตัดเย็บ", "SEW"),
        (parse.skill, "repair trades", "REPAIR"),
        (parse.province, "จ.เชียงใหม่", "50"),
        (parse.province, "กทม.", "10"),
        (parse.province, 50.0, "50"),
        (parse.province_or_all, "ทั้งประเทศ", "ALL"),
        (parse.province_or_all, "all", "ALL"),
        (parse.PARSERS["metric"], "disbursement_q2", "disbursement_q2"),
    ],
)
def test_names_and_codes(parser, typed, stored):
    assert parser(typed) == stored


def test_unknown_names():
    assert kind_of(parse.province, "Atlantis") == "unknown_province"
    assert kind_of(parse.skill, "juggling") == "unknown_skill"
    assert kind_of(parse.PARSERS["gender"], "?") == "bad_gender"
    assert kind_of(parse.PARSERS["metric"], "happiness") == "unknown_metric"


@pytest.mark.parametrize(
    "typed",
    ["1101700123456", "1-1017-00123-45-6", 1101700123456.0, "๑๑๐๑๗๐๐๑๒๓๔๕๖", "１１０１７００１２３４５６"],
)
def test_citizen_ids_with_dashes_digits_or_numbers(typed):
    assert parse.citizen_id(typed) == "1101700123456"


def test_citizen_id_problems():
    assert kind_of(parse.citizen_id, "110170012345") == "citizen_id_format"
    assert kind_of(parse.citizen_id, "1101700123457") == "citizen_id_checksum"
    assert kind_of(parse.citizen_id, "١١٠١٧٠٠١٢٣٤٥٦") == "citizen_id_format"  # other scripts' digits


@pytest.mark.parametrize("typed", [54, "54%", 0.54, "54", "๕๔%"])
def test_rate_targets_are_fractions_however_typed(typed):
    assert parse.target_value(typed, "disbursement_q2") == pytest.approx(0.54)


def test_other_targets_are_plain_numbers():
    assert parse.target_value("1,200", "income_gain") == 1200
    assert parse.target_value(54, "participants") == 54
    assert kind_of(lambda v: parse.target_value(v, "skill_use_rate"), 120) == "bad_rate"


def test_text_is_trimmed_and_bounded():
    assert parse.text("  ขนม   ไทย ") == "ขนม ไทย"
    assert parse.code(101.0) == "101"
    assert kind_of(parse.text, "x" * 300) == "too_long"


@pytest.mark.parametrize("typed", [-50, 6.7, -1, "-50", "6.7", "5", 5, "+50"])
def test_a_number_that_is_not_a_province_code_is_no_province(typed):
    """-50 once resolved to Chiang Mai and 6.7 to Phetchabun (67)."""
    assert kind_of(parse.province, typed) == "unknown_province"


@pytest.mark.parametrize("typed", [float("nan"), float("inf"), float("-inf"), 10**400])
def test_numbers_that_are_not_finite_are_refused(typed):
    assert kind_of(parse.baht, typed) == "bad_number"


@pytest.mark.parametrize("typed", [1e308, 1e13, 2**63, "9" * 20, "1,000,000,000,001"])
def test_numbers_beyond_a_trillion_are_refused(typed):
    assert kind_of(parse.baht, typed) == "too_large"
    assert kind_of(parse.count, typed) == "too_large"


def test_a_trillion_is_still_a_number():
    assert parse.baht("1,000,000,000,000") == 1e12


def test_a_count_stays_within_what_a_column_holds():
    assert parse.count("100,000,000") == 100_000_000
    assert kind_of(parse.count, 100_000_001) == "too_large"


@pytest.mark.parametrize("typed", ["CM-01\x00", "\x1b[31mCM-01\x1b[0m", "CM\x0701"])
def test_control_characters_are_refused(typed):
    assert kind_of(parse.code, typed) == "control_characters"
    assert kind_of(parse.text, typed) == "control_characters"


@pytest.mark.parametrize("typed", ["CM-01\u200f", "\ufeffCM-01", "CM\u200b-01", "\u202eCM-01\u202c"])
def test_invisible_marks_are_dropped_so_a_code_is_the_code_it_looks_like(typed):
    assert parse.code(typed) == "CM-01"


def test_tabs_and_line_breaks_in_a_name_are_spaces():
    assert parse.text("ปลูกผัก\tอินทรีย์\r\nรุ่น 1") == "ปลูกผัก อินทรีย์ รุ่น 1"
