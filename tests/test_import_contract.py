"""DESIGN §4 item by item: sheets and headers as offices really write them are read correctly, on
both backends."""

import io

import openpyxl
import pytest
from sqlalchemy import select

from data_access import importer
from data_access.importer import contract, parse
from data_access.importer.template import sheet_title, template_workbook
from data_access.schema import courses, participants, targets
from data_access.users import SYSTEM
from tests.builder import citizen_id
from tests.submission import COURSES, PARTICIPANTS, check, kinds, run, small

COURSE_ROW = ["C1", 2566, "เชียงใหม่", "AGR", "ผักอินทรีย์", "1/12/2565", "5/12/2565"]


def test_the_small_submission_is_valid_and_plans_every_sheet(db):
    outcome = check(db, small())
    assert outcome.errors == []
    assert {name: c["new"] for name, c in outcome.counts().items()} == {
        "courses": 3,
        "participants": 5,
        "followups": 5,
        "disbursements": 4,
        "allocations": 2,
        "targets": 3,
        "field_staff": 1,
    }


def test_thai_sheet_and_header_names(db):
    thai = [f.th for f in contract.COURSES.fields[:7]]
    outcome = run(db, {"หลักสูตร": [thai, COURSE_ROW]})
    assert outcome.imported
    with db.engine.connect() as conn:
        row = conn.execute(select(courses)).mappings().one()
    assert (row["course_code"], row["fiscal_year"], row["province_code"], row["skill_code"]) == (
        "C1",
        2566,
        "50",
        "AGR",
    )
    assert row["activity_type"] == "skill"


def test_headers_ignore_case_spaces_and_order(db):
    header = ["  Course Name ", "COURSE_CODE", "Province", "fiscal year", "Skill-Category"]
    outcome = check(db, {"Courses": [header, ["ผัก", "C1", "50", "2566", "AGR"]]})
    assert outcome.errors == [] and outcome.counts()["courses"]["new"] == 1


def test_a_title_row_above_the_header_is_fine(db):
    above = {"courses": [["แบบรายงานหลักสูตร สำนักงานแรงงานจังหวัดเชียงใหม่"], []]}
    outcome = check(db, {"courses": [COURSES, COURSE_ROW]}, above=above)
    assert outcome.errors == []
    assert outcome.counts()["courses"]["new"] == 1


def test_row_numbers_are_the_ones_excel_shows(db):
    above = {"courses": [["title"], ["subtitle"]]}
    bad = ["C2", 2566, "Atlantis", "AGR", "x"]
    outcome = check(db, {"courses": [COURSES, COURSE_ROW, bad]}, above=above)
    (problem,) = outcome.errors
    assert (problem.sheet, problem.row, problem.cell, problem.shown) == ("courses", 5, "C5", "Atlantis")


def test_empty_rows_are_skipped(db):
    outcome = check(db, {"courses": [COURSES, [], COURSE_ROW, [None, "", "  "]]})
    assert outcome.errors == [] and outcome.counts()["courses"]["new"] == 1


def test_extra_columns_and_sheets_are_ignored_and_reported_as_notes(db):
    sheets = {"courses": [[*COURSES, "หมายเหตุ"], [*COURSE_ROW, "ok"]], "Sheet1": [["scratch"]]}
    outcome = check(db, sheets)
    assert outcome.errors == []
    assert sorted(kinds(outcome)) == ["unknown_column", "unknown_sheet"]
    column = next(p for p in outcome.notes if p.kind == "unknown_column")
    assert (column.column, column.cell) == ("หมายเหตุ", "H1")


def test_absent_sheets_import_nothing_from_them(db):
    outcome = check(db, {"courses": [COURSES, COURSE_ROW]})
    assert list(outcome.counts()) == ["courses"]


def test_a_header_in_both_languages_reads_as_one(db):
    header = [f"{f.th}\n{f.name}" for f in contract.COURSES.fields[:5]]
    outcome = check(db, {"หลักสูตร (courses)": [header, COURSE_ROW[:5]]})
    assert outcome.errors == [] and outcome.counts()["courses"]["new"] == 1


def test_a_second_header_row_in_the_other_language_is_not_data(db):
    thai = [f.th for f in contract.COURSES.fields[:7]]
    outcome = check(db, {"courses": [COURSES, thai, COURSE_ROW]})
    assert outcome.errors == [] and outcome.counts()["courses"]["new"] == 1


def test_ce_years_thai_digits_and_separators(db):
    sheets = {
        "courses": [[*COURSES, "budget_planned"], ["C1", "๒๐๒๓", "๕๐", "AGR", "x", "", "", "๑๒,๕๐๐"]],
        "participants": [PARTICIPANTS, ["C1", citizen_id("a"), "F", "1990", "Y", "๕,๐๐๐"]],
    }
    assert run(db, sheets).imported
    with db.engine.connect() as conn:
        course = conn.execute(select(courses)).mappings().one()
        person = conn.execute(select(participants)).mappings().one()
    assert course["fiscal_year"] == 2566 and float(course["budget_planned"]) == 12500
    assert person["birth_year"] == 2533 and float(person["income_before"]) == 5000


def test_citizen_ids_are_stored_only_as_keyed_hashes(db):
    sheets = {
        "courses": [COURSES, COURSE_ROW],
        "participants": [PARTICIPANTS, ["C1", citizen_id("a"), "F", 2530, 1, 5000]],
    }
    assert run(db, sheets).imported
    with db.engine.connect() as conn:
        stored = conn.execute(select(participants.c.citizen_hash)).scalar_one()
    assert len(stored) == 32 and citizen_id("a").encode() not in stored


def test_target_rates_are_stored_as_fractions(db):
    sheets = {
        "เป้าหมาย": [
            ["ปีงบประมาณ", "จังหวัด", "ตัวชี้วัด", "ค่าเป้าหมาย"],
            [2566, "ทั้งประเทศ", "disbursement_q2", 54],
            [2566, "50", "skill_use_rate", "80%"],
            [2566, "50", "income_gain", 1500],
        ]
    }
    assert run(db, sheets).imported
    with db.engine.connect() as conn:
        stored = {(r.province_code, r.metric): r.value for r in conn.execute(select(targets))}
    assert stored == {
        ("ALL", "disbursement_q2"): 0.54,
        ("50", "skill_use_rate"): 0.8,
        ("50", "income_gain"): 1500,
    }


def test_the_template_filled_with_its_examples_imports_cleanly(db):
    book = openpyxl.load_workbook(io.BytesIO(template_workbook()))
    for spec in contract.SHEETS:
        book[sheet_title(spec)].append([f.example for f in spec.fields])
    buffer = io.BytesIO()
    book.save(buffer)
    outcome = importer.run(db, buffer.getvalue(), "template.xlsx", SYSTEM)
    assert outcome.problems == []
    assert all(c["new"] == 1 for c in outcome.counts().values())


def test_the_blank_template_is_read_cleanly_and_said_to_have_no_rows(db):
    """Every sheet and header of the template is recognised; the one thing said is that it is empty
    (a headers-only file once "imported", recorded a batch and switched the demo to mixed)."""
    outcome = importer.check(db, template_workbook(), "template.xlsx", SYSTEM)
    assert [p.kind for p in outcome.problems] == ["no_rows"]
    assert outcome.plan is None


@pytest.mark.parametrize("spec", contract.SHEETS, ids=lambda s: s.name)
def test_the_template_has_every_sheet_column_and_drop_down(spec):
    book = openpyxl.load_workbook(io.BytesIO(template_workbook()))
    sheet = book[sheet_title(spec)]
    headers = [c.value for c in sheet[3] if c.value]
    assert [contract.field_for(spec, h).name for h in headers] == [f.name for f in spec.fields]
    listed = {f.kind for f in spec.fields} & {"province", "skill", "yes_no", "occupation", "collector"}
    validated = {str(v.sqref).split(":")[0] for v in sheet.data_validations.dataValidation}
    assert len(validated) >= len(listed)


def test_the_template_starts_with_instructions_and_hides_its_lists():
    book = openpyxl.load_workbook(io.BytesIO(template_workbook()))
    assert book.sheetnames[0] == "คำแนะนำ (instructions)"
    assert book["รายการ (lists)"].sheet_state == "hidden"


@pytest.mark.parametrize("spec", contract.SHEETS, ids=lambda s: s.name)
def test_every_stored_field_names_a_column_of_its_sheets_table(spec):
    assert {f.db_column for f in spec.fields if f.db_column} <= set(spec.table.c.keys())
    assert set(spec.key) <= {f.name for f in spec.fields}


def test_the_upsert_keys_are_the_tables_unique_keys():
    """A sheet's key says when a row is the same row again; the database must agree, or a
    re-import would add rows instead of updating them."""
    for spec in (contract.COURSES, contract.FIELD_STAFF, contract.TARGETS):
        assert spec.key_columns == contract.unique_key(spec.table), spec.name
    assert contract.unique_key(contract.PARTICIPANTS.table) == ("course_id", "citizen_hash")
    assert contract.unique_key(contract.FOLLOWUPS.table) == ("participant_id", "followup_date")


@pytest.mark.parametrize(
    "field",
    [f for spec in contract.SHEETS for f in spec.fields if f.choices],
    ids=lambda f: f.name,
)
def test_every_name_of_a_choice_reads_back_as_its_code_and_no_name_means_two(field):
    meaning: dict[str, set] = {}
    for choice in field.choices:
        for name in choice.names:
            meaning.setdefault(parse.choice_key(name), set()).add(choice.code)
    assert [key for key, codes in meaning.items() if len(codes) > 1] == []
    for choice in field.choices:
        for name in choice.names:
            assert parse.PARSERS[field.kind](name) == choice.code, name


def test_the_template_offers_each_coded_answer_as_the_importer_reads_it():
    book = openpyxl.load_workbook(io.BytesIO(template_workbook()))
    lists = {
        column[0].value: [c.value for c in column[1:] if c.value] for column in book["รายการ (lists)"].columns
    }
    assert lists["occupation"] == ["อาชีพอิสระ", "ลูกจ้าง", "ว่างงาน", "อื่น ๆ"]
    assert lists["metric"][:2] == ["จำนวนผู้เข้าอบรม", "อัตราการนำทักษะไปใช้"]  # no codes in Thai
    for kind, offered in lists.items():
        if kind in parse.CHOICE_PROBLEMS:
            assert all(parse.PARSERS[kind](name) is not None for name in offered)
