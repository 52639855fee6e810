"""Every way a submission is refused: the problem named, where it is, in Thai and English, and
nothing written. Cell problems are all reported at once; a citizen ID is never shown in full."""

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from assets.i18n import t
from data_access import importer
from data_access.importer import parse, report, workbook
from data_access.importer.workbook import FileRejected
from data_access.schema import courses, import_batches, participants
from data_access.selection import Scope
from data_access.users import SYSTEM
from tests.builder import Dataset, citizen_id
from tests.submission import COURSES, FOLLOWUPS, PARTICIPANTS, check, kinds, run, small, xlsx

COURSE = ["C1", 2566, "50", "AGR", "ผัก", "1/12/2565", "5/12/2565"]
STAFF_50 = Scope("cm_staff", "staff", frozenset({"50"}))


def problem(outcome, kind):
    return next(p for p in outcome.problems if p.kind == kind)


def test_every_problem_is_reported_at_once_and_nothing_is_written(db):
    sheets = small()
    sheets["courses"][1][2] = "Atlantis"
    sheets["participants"][2][1] = "1234567890123"
    sheets["followups"][3][2] = "32/13/2566"
    sheets["disbursements"][1][2] = -5
    outcome = run(db, sheets)
    # b's follow-up now refers to nobody in the file: said too, so one round of fixes suffices.
    assert sorted(kinds(outcome)) == [
        "bad_date",
        "citizen_id_checksum",
        "negative",
        "unknown_participant",
        "unknown_province",
    ]
    assert not outcome.imported
    with db.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(courses)).scalar() == 0
        assert conn.execute(select(func.count()).select_from(import_batches)).scalar() == 0


def test_each_problem_names_sheet_row_column_value_and_fix_in_both_languages(db):
    outcome = check(
        db,
        {
            "หลักสูตร": [
                ["รหัสหลักสูตร", "ปีงบประมาณ", "จังหวัด", "ประเภททักษะ", "ชื่อหลักสูตร"],
                ["C1", 2566, "แอตแลนติส", "AGR", "x"],
            ]
        },
    )
    (found,) = outcome.problems
    assert (found.sheet, found.row, found.column, found.cell, found.shown) == (
        "หลักสูตร",
        2,
        "จังหวัด",
        "C2",
        "แอตแลนติส",
    )
    assert found.message("th") == "ไม่รู้จักจังหวัดนี้" and found.message("en") == "Unknown province"
    assert "เชียงใหม่" in found.fix("th") and "Chiang Mai" in found.fix("en")


@pytest.mark.parametrize(
    "row, kind",
    [
        (["C1", "", "50", "AGR", "x"], "required"),
        (["C1", "twenty", "50", "AGR", "x"], "bad_year"),
        (["C1", 2566, "50", "juggling", "x"], "unknown_skill"),
        (["C1", 2566, "50", "AGR", "x", "5/12/2565", "1/12/2565"], "end_before_start"),
        (["C1", 2566, "50", "AGR", "x", "", "", 0], "not_positive"),
        (["C1", 2566, "50", "AGR", "x", "", "", 2.5], "not_integer"),
    ],
)
def test_course_cell_problems(db, row, kind):
    outcome = check(db, {"courses": [[*COURSES, "hours"], row]})
    assert kinds(outcome) == [kind]


def test_a_missing_required_column_is_named(db):
    outcome = check(
        db,
        {"courses": [["course_code", "fiscal_year", "province", "course_name"], ["C1", 2566, "50", "x"]]},
    )
    found = problem(outcome, "missing_column")
    assert "skill_category" in found.message("en") and "ประเภททักษะ" in found.message("th")


def test_duplicate_keys_name_the_first_row(db):
    outcome = check(db, {"courses": [COURSES, COURSE, COURSE]})
    found = problem(outcome, "duplicate_row")
    assert found.row == 3 and found.message("en") == "Duplicates row 2"


def test_participants_need_a_course_in_the_file_or_the_database(db):
    Dataset().course("OLD", province="50").load(db)
    sheets = {
        "participants": [
            PARTICIPANTS,
            ["OLD", citizen_id("a"), "F", 2530, 1, 0],
            ["NEW", citizen_id("b"), "F", 2530, 1, 0],
        ]
    }
    outcome = check(db, sheets)
    assert kinds(outcome) == ["unknown_course"]
    assert problem(outcome, "unknown_course").shown == "NEW"


def test_followups_need_a_participant_in_the_file_or_the_database(db):
    Dataset().course("OLD", province="50").participant("OLD", "known").load(db)
    rows = [
        FOLLOWUPS,
        ["OLD", citizen_id("known"), "1/6/2566", "Y", "", "", ""],
        ["OLD", citizen_id("stranger"), "1/6/2566", "Y", "", "", ""],
    ]
    outcome = check(db, {"followups": rows})
    assert kinds(outcome) == ["unknown_participant"]
    assert problem(outcome, "unknown_participant").row == 3


def test_citizen_ids_are_masked_in_every_report(db):
    bad = "1101700123457"  # wrong check digit
    outcome = check(
        db,
        {"courses": [COURSES, COURSE], "participants": [PARTICIPANTS, ["C1", bad, "F", 2530, 1, 0]]},
    )
    found = problem(outcome, "citizen_id_checksum")
    assert found.shown == "1-1017-xxxxx-45-7"
    workbook_bytes = report.error_workbook(outcome)
    text = report.text_report(outcome)
    sheet = openpyxl.load_workbook(io.BytesIO(workbook_bytes)).active
    cells = [str(c.value) for row in sheet.iter_rows() for c in row]
    for shown in (text, " ".join(cells), repr(outcome.problems)):
        assert bad not in shown and "1101700123" not in shown


def test_a_short_id_is_masked_too(db):
    outcome = check(
        db,
        {
            "courses": [COURSES, COURSE],
            "participants": [PARTICIPANTS, ["C1", "110170012345", "F", 2530, 1, 0]],
        },
    )
    assert problem(outcome, "citizen_id_format").shown == "110xxxxxxx45"


# --- scope ------------------------------------------------------------------------------------


def test_staff_may_not_write_another_province(db):
    sheets = {"courses": [COURSES, COURSE, ["C2", 2566, "ลำพูน", "AGR", "x"]]}
    outcome = run(db, sheets, scope=STAFF_50)
    found = problem(outcome, "out_of_scope")
    assert (found.row, found.column) == (3, "province")
    assert "ลำพูน" in found.message("th") and "Lamphun" in found.message("en")
    assert not outcome.imported


def test_staff_may_not_add_people_to_another_provinces_course(db):
    Dataset().course("LP", province="51").load(db)
    outcome = check(
        db, {"participants": [PARTICIPANTS, ["LP", citizen_id("a"), "F", 2530, 1, 0]]}, scope=STAFF_50
    )
    assert kinds(outcome) == ["out_of_scope"]


def test_staff_may_not_move_another_provinces_course_into_theirs(db):
    Dataset().course("LP", province="51").load(db)
    outcome = check(db, {"courses": [COURSES, ["LP", 2566, "50", "AGR", "mine now"]]}, scope=STAFF_50)
    assert kinds(outcome) == ["out_of_scope"]


def test_only_a_national_scope_sets_whole_country_targets(db):
    rows = [["fiscal_year", "province", "metric", "value"], [2566, "ALL", "participants", 100]]
    assert kinds(check(db, {"targets": rows}, scope=STAFF_50)) == ["out_of_scope"]
    assert kinds(check(db, {"targets": rows})) == []


def test_roles_without_upload_are_refused(db):
    outcome = check(db, small(), scope=Scope("boss", "executive"))
    assert kinds(outcome) == ["not_allowed"]


# --- the file itself --------------------------------------------------------------------------


def refused(data: bytes, name: str = "x.xlsx") -> str:
    with pytest.raises(FileRejected) as raised:
        workbook.open_workbook(data, name)
    return raised.value.kind


def test_only_xlsx_names():
    assert refused(b"", "data.xls") == "xls"
    assert refused(b"", "data.xlsm") == "macro"
    assert refused(b"", "data.csv") == "wrong_extension"


def test_an_old_xls_or_encrypted_file_in_disguise():
    ole = workbook.OLE_MAGIC + b"\0" * 600
    assert refused(ole) == "xls"
    assert refused(ole + "EncryptionInfo".encode("utf-16-le")) == "encrypted"


def test_a_csv_renamed_to_xlsx():
    assert refused("course_code,province\nC1,เชียงใหม่\n".encode()) == "csv"


def test_a_corrupt_file():
    assert refused(b"\x00\x01garbage" * 50) == "corrupt"
    good = xlsx({"courses": [COURSES, COURSE]})
    assert refused(good[: len(good) // 2]) == "corrupt"


def test_a_zip_without_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert refused(buffer.getvalue()) == "corrupt"


def test_a_macro_workbook_renamed_to_xlsx():
    source = zipfile.ZipFile(io.BytesIO(xlsx({"courses": [COURSES, COURSE]})))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            archive.writestr(item, source.read(item))
        archive.writestr("xl/vbaProject.bin", b"\0" * 100)
    assert refused(buffer.getvalue()) == "macro"


def test_too_large_an_upload(monkeypatch):
    monkeypatch.setattr(workbook, "MAX_FILE_BYTES", 1000)
    assert refused(b"x" * 1001) == "file_too_large"


def bomb(size: int, declared: int | None = None) -> bytes:
    """A real workbook plus one entry of `size` zero bytes, optionally lying about its size."""
    source = zipfile.ZipFile(io.BytesIO(xlsx({"courses": [COURSES, COURSE]})))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            archive.writestr(item, source.read(item))
        archive.writestr("xl/media/zeros.bin", b"\0" * size)
    data = buffer.getvalue()
    if declared is not None:
        data = data.replace(size.to_bytes(4, "little"), declared.to_bytes(4, "little"))
    return data


def test_a_small_file_that_unpacks_to_gigabytes_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(workbook, "MAX_UNPACKED_BYTES", 20 * 1024 * 1024)
    assert refused(bomb(30 * 1024 * 1024)) == "unpacked_too_large"


def test_an_abnormal_compression_ratio_is_refused():
    assert refused(bomb(5 * 1024 * 1024)) == "zip_bomb"


def test_a_zip_that_lies_about_its_sizes_is_refused(monkeypatch):
    monkeypatch.setattr(workbook, "MAX_RATIO", 10**9)
    assert refused(bomb(200_000, declared=1_000)) == "zip_bomb"


def _with_cell_at(reference: str) -> bytes:
    """A valid small submission with one more cell, at `reference`, in its courses sheet."""
    row = reference.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    cell = f'<row r="{row}"><c r="{reference}" t="n"><v>1</v></c></row></sheetData>'
    return _replaced_in_sheets(xlsx({"courses": [COURSES, COURSE]}), b"</sheetData>", cell.encode())


@pytest.mark.parametrize("reference", ["XFD1048576", "A1048576", "GS3", "A20005"])
def test_a_sheet_reaching_far_beyond_its_rows_is_refused_before_reading(reference):
    """One cell at XFD1048576 in a 7 KB file made the reader ask for 512 GiB and the server exit."""
    crafted = _with_cell_at(reference)
    assert len(crafted) < 10_000
    with pytest.raises(FileRejected) as raised:
        workbook.open_workbook(crafted, "crafted.xlsx")
    assert raised.value.kind == "sheet_extent"
    column = reference.rstrip("0123456789")
    assert raised.value.params["column"] == (column if len(column) > 1 else "Z")


def test_the_extent_refusal_is_said_in_both_languages(db):
    (found,) = importer.check(db, _with_cell_at("XFD1048576"), "crafted.xlsx", SYSTEM).problems
    assert found.message("en") == (
        "A sheet reaches column XFD, row 1,048,576, far beyond the data it holds, so the file was not opened"
    )
    assert found.message("th").startswith("แผ่นงานในไฟล์มีเซลล์ไกลเกินข้อมูลที่มีจริง (ถึงคอลัมน์ XFD แถว 1,048,576)")


def test_a_cell_placed_past_its_row_is_measured_by_its_own_reference():
    good = xlsx({"courses": [COURSES, COURSE]})
    crafted = _replaced_in_sheets(
        good, b"</sheetData>", b'<row r="3"><c r="A900000" t="n"><v>1</v></c></row></sheetData>'
    )
    assert refused(crafted) == "sheet_extent"


def test_blank_rows_and_columns_up_to_the_limits_are_read():
    """A table whose last cell sits after some thousand blank rows, in column GR (200), opens."""
    rows = workbook.open_workbook(_with_cell_at("A9000"), "fine.xlsx").rows("courses")
    assert len(rows) == 9000 and rows[-1][0] == 1
    rows = workbook.open_workbook(_with_cell_at("GR3"), "fine.xlsx").rows("courses")
    assert len(rows) == 3 and len(rows[2]) == 200 and rows[2][199] == 1


def test_a_workbook_without_its_content_types_is_corrupt():
    source = zipfile.ZipFile(io.BytesIO(xlsx({"courses": [COURSES, COURSE]})))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            if item.filename != "[Content_Types].xml":
                archive.writestr(item, source.read(item))
    assert refused(buffer.getvalue()) == "corrupt"


def test_file_problems_reach_the_report_in_both_languages(db):
    outcome = importer.check(db, b"a,b\n1,2\n", "renamed.xlsx", SYSTEM)
    (found,) = outcome.problems
    assert found.kind == "csv"
    text = report.text_report(outcome)
    assert "CSV" in text and "ไม่ใช่เวิร์กบุ๊ก Excel" in text


def test_a_workbook_with_no_contract_sheet(db):
    assert kinds(check(db, {"Sheet1": [["a", "b"], [1, 2]]})) == ["no_sheets", "unknown_sheet"]


def test_formulas_are_never_evaluated_and_one_saved_without_its_value_is_refused(db):
    """openpyxl saves a formula without a cached value: the cell's value is unknown, not empty."""
    outcome = check(db, {"courses": [COURSES, ["C1", "=2500+66", "50", "AGR", "x"]]})
    (found,) = outcome.problems
    assert (found.kind, found.sheet, found.row, found.cell) == ("formula_without_value", "courses", 2, "B2")
    assert (
        found.message("en") == "This cell holds a formula saved without its result, so its value is unknown"
    )
    assert found.message("th") == t("import.formula_without_value", "th")


def test_a_formula_without_its_value_in_an_optional_column_is_refused_not_stored_empty(db):
    sheets = small()
    sheets["participants"][2][5] = "=5000+1000"  # b's income before, an optional column
    outcome = importer.run(db, xlsx(sheets), "formula.xlsx", SYSTEM)
    assert not outcome.imported
    assert [(p.sheet, p.row, p.cell, p.kind) for p in outcome.problems] == [
        ("participants", 3, "F3", "formula_without_value")
    ]


def test_a_formula_with_its_saved_value_is_read_as_that_value(db):
    sheets = small()
    sheets["participants"][2][5] = 6123
    book = _replaced_in_sheets(xlsx(sheets), b"<v>6123</v>", b"<f>5000+1123</f><v>6123</v>")
    outcome = importer.run(db, book, "formula.xlsx", SYSTEM)
    assert outcome.imported and not outcome.errors
    with db.engine.connect() as conn:
        assert 6123 in conn.execute(select(participants.c.income_before)).scalars().all()


def test_a_row_of_formulas_without_values_is_refused_not_skipped(db):
    sheets = small()
    sheets["courses"].append(["=A2", "=B2", "=C2", "=D2", "=E2"])
    outcome = check(db, sheets)
    assert {(p.row, p.kind) for p in outcome.errors} == {(5, "formula_without_value")}
    assert len(outcome.errors) == 5


def test_a_formula_cell_split_across_inflated_pieces_is_still_found():
    cell = b'<c r="F3" s="1"><f>5000+1000</f></c>'
    for split in range(1, len(cell)):
        extent = workbook.SheetExtent()
        extent.feed(b'<sheetData><row r="3">' + cell[:split])
        extent.feed(cell[split:] + b"</row></sheetData>")
        extent.check()
        assert extent.unsaved == {"F3"}, split


def test_every_problem_kind_has_thai_and_english_text_and_a_fix():
    """Each kind raised anywhere in the importer has its row pair in assets/translations.csv."""
    source = " ".join(p.read_text(encoding="utf-8") for p in Path(importer.__file__).parent.glob("*.py"))
    patterns = (
        r'(?:Invalid|FileRejected|Problem|\.problem)\(\s*"([a-z_]+)"',  # raised or made directly
        r'_problem\([^)]*?"([a-z_]+)"',  # records._problem(…, "required", …)
    )
    raised = {kind for pattern in patterns for kind in re.findall(pattern, source, re.M)}
    raised |= set(parse.CHOICE_PROBLEMS.values())  # a coded answer that is none of its choices
    assert {"csv", "zip_bomb", "out_of_scope", "unknown_participant", "bad_gender", "required"} <= raised
    for kind in raised:
        for key in (f"import.{kind}", f"import.{kind}.fix"):
            assert t(key, "th") and t(key, "en") and t(key, "th") != t(key, "en"), key


def test_two_sheets_for_the_same_data(db):
    outcome = check(db, {"courses": [COURSES, COURSE], "หลักสูตร": [COURSES, COURSE]})
    found = problem(outcome, "duplicate_sheet")
    assert found.sheet == "หลักสูตร" and "courses" in found.message("en")


def test_a_sheet_without_a_header_row(db):
    outcome = check(db, {"courses": [["รายงาน"], ["C1", 2566, "50"]]})
    assert kinds(outcome) == ["no_header"]


@pytest.mark.parametrize(
    "stored, kind",
    [(b"NaN", "bad_number"), (b"inf", "bad_number"), (b"1e400", "bad_number"), (b"1e308", "too_large")],
)
def test_a_disbursement_that_is_not_a_plausible_number_is_refused_with_its_row(db, stored, kind):
    """A NaN once turned national disbursed into 0.0 on PostgreSQL; inf made `kpis --json` invalid.
    openpyxl cannot write such a cell, so the sheet's XML is edited as a crafted file would be."""
    sheets = small()
    sheets["disbursements"][1][2] = 987654.321
    crafted = _replaced_in_sheets(xlsx(sheets), b"<v>987654.321</v>", b"<v>" + stored + b"</v>")
    outcome = importer.run(db, crafted, "crafted.xlsx", SYSTEM)
    assert not outcome.imported
    assert [(p.row, p.kind) for p in outcome.problems] == [(2, kind)]
    problem = outcome.problems[0]
    assert problem.sheet == "disbursements" and problem.message("th") == t(
        f"import.{kind}", "th", **problem.params
    )
    assert problem.message("en") in ("Not a number", "The number is above 1,000,000,000,000")
    with db.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(import_batches)).scalar() == 0


@pytest.mark.parametrize("sheet, row, column", [("participants", 1, 5), ("followups", 2, 5)])
def test_a_nan_income_is_refused_with_its_cell_not_stored_empty(db, sheet, row, column):
    sheets = small()
    sheets[sheet][row][column] = 4321.5
    crafted = _replaced_in_sheets(xlsx(sheets), b"<v>4321.5</v>", b"<v>NaN</v>")
    outcome = importer.run(db, crafted, "crafted.xlsx", SYSTEM)
    assert not outcome.imported
    assert [(p.sheet, p.row, p.cell, p.kind) for p in outcome.problems] == [
        (sheet, row + 1, f"F{row + 1}", "bad_number")
    ]
    with db.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(participants)).scalar() == 0


def _replaced_in_sheets(book: bytes, old: bytes, new: bytes) -> bytes:
    source, out = zipfile.ZipFile(io.BytesIO(book)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(
                item, data.replace(old, new) if item.filename.startswith("xl/worksheets/") else data
            )
    return out.getvalue()


def test_a_hidden_contract_sheet_is_refused_not_imported(db):
    book = openpyxl.load_workbook(io.BytesIO(xlsx(small())))
    book["participants"].sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    outcome = importer.run(db, buffer.getvalue(), "hidden.xlsx", SYSTEM)
    assert not outcome.imported
    (hidden,) = [p for p in outcome.errors if p.kind == "hidden_sheet"]
    assert hidden.sheet == "participants"
    assert hidden.message("en") == "This sheet is hidden and was not imported"
    # its people are not read, so the follow-ups naming them are refused too
    assert {p.kind for p in outcome.errors} == {"hidden_sheet", "unknown_participant"}


def test_a_workbook_of_headers_only_imports_nothing_and_records_no_batch(db):
    outcome = run(db, {"courses": [COURSES], "participants": [PARTICIPANTS]})
    assert not outcome.imported
    assert kinds(outcome) == ["no_rows"]
    with db.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(import_batches)).scalar() == 0


def test_a_zip_of_thousands_of_parts_is_refused_for_that_reason(monkeypatch):
    monkeypatch.setattr(workbook, "MAX_ENTRIES", 50)
    source = zipfile.ZipFile(io.BytesIO(xlsx({"courses": [COURSES, COURSE]})))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for item in source.infolist():
            archive.writestr(item, source.read(item))
        for n in range(60):
            archive.writestr(f"xl/media/part{n}.bin", b"x")
    assert refused(buffer.getvalue()) == "too_many_entries"


def test_a_citizen_id_in_the_file_name_is_masked_in_the_import_history(db):
    outcome = importer.run(db, xlsx(small()), f"{citizen_id('a')}_ส่งงาน.xlsx", SYSTEM)
    assert outcome.imported
    with db.engine.connect() as conn:
        assert conn.execute(select(import_batches.c.file_name)).scalar() == "[citizen-id]_ส่งงาน.xlsx"


def test_a_thousand_alike_problems_are_listed_two_hundred_and_counted_beyond(db):
    rows = [[f"C{n}", 2566, "Atlantis", "AGR", "x", "1/12/2565", "5/12/2565"] for n in range(1000)]
    outcome = run(db, {"courses": [COURSES, *rows]})
    assert not outcome.imported
    assert kinds(outcome).count("unknown_province") == 200
    (more,) = [p for p in outcome.problems if p.kind == "more_alike"]
    assert more.sheet == "courses" and more.column == outcome.problems[0].column
    assert (
        more.message("en")
        == "and 800 more rows with the same problem in this column (the first 200 are listed)"
    )
    assert more.message("th") == "และยังมีอีก 800 แถวที่มีปัญหาเดียวกันในคอลัมน์นี้ (แสดงไว้ 200 แถวแรก)"


def test_cell_problems_are_listed_row_by_row_as_the_sheet_is_read(db):
    """The reader parses column by column; its report still reads like the sheet, row by row."""
    sheets = small()
    sheets["courses"][1][2] = "Atlantis"  # row 2, province
    sheets["courses"][1][5] = "32/13/2566"  # row 2, start date (a later column)
    sheets["courses"][2][1] = "ปีหน้า"  # row 3, fiscal year (an earlier column)
    cells = [(p.row, p.kind) for p in check(db, sheets).problems if p.sheet == "courses"]
    assert cells[:3] == [(2, "unknown_province"), (2, "bad_date"), (3, "bad_year")]
