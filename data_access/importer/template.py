"""The blank submission workbook offices download and fill in, written from the contract table.

An instructions sheet (every column: Thai and English name, required or not, what it accepts, an
example row per sheet), one sheet per §4 sheet with a title row, a hint row and the header
(Thai over English, which the importer reads back), drop-down lists for provinces, skill
categories and every coded answer of the contract (warnings, not blocks: other spellings the
importer accepts stay allowed), and ID and code columns formatted as text so Excel keeps all 13
digits.
"""

from __future__ import annotations

from assets.i18n import both, t
from data_access import excel, reference
from data_access.importer.contract import (
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    NATIONAL_NAMES,
    SHEETS,
    Field,
    SheetSpec,
)

DATA_ROWS = 20_000  # rows below the header that get drop-downs
FIRST_DATA_ROW = 3  # 0-based: title, hint, header, then data
MAX_SHEET_NAME = 31  # Excel's limit


def _offered(field: Field) -> list[str]:
    return [str(c.code) if field.offered == "code" else c.th for c in field.choices]


LISTS: dict[str, list[str]] = {
    "province": [p.name_th for p in reference.provinces()],
    "province_or_all": [NATIONAL_NAMES[1], *[p.name_th for p in reference.provinces()]],
    "skill": [s.name_th for s in reference.SKILL_CATEGORIES],
    **{f.kind: _offered(f) for spec in SHEETS for f in spec.fields if f.choices},
}
TEXT_KINDS = frozenset({"citizen_id", "code", "text"})


def sheet_title(names: tuple[str, ...] | SheetSpec) -> str:
    """หลักสูตร (courses): both names, which the importer reads back; the Thai name alone where
    both would pass Excel's 31 characters (ข้อมูลสถานการณ์แรงงาน)."""
    name, th = (names.name, names.th) if isinstance(names, SheetSpec) else names
    title = f"{th} ({name})"
    return title if len(title) <= MAX_SHEET_NAME else th


def header(field: Field) -> str:
    return f"{field.th}{' *' if field.required else ''}\n{field.name}"


def template_workbook() -> bytes:
    def write(book, formats) -> None:
        _write_instructions(book, formats)
        ranges = _list_ranges()
        for spec in SHEETS:
            _write_data_sheet(book, formats, spec, ranges)
        _write_lists(book, formats).hide()

    return excel.build(write)


def _list_ranges() -> dict[str, str]:
    """Where each drop-down's values are: one column of the lists sheet per list."""
    ranges = {}
    for c, (kind, values) in enumerate(LISTS.items()):
        letter = excel.column_letter(c)
        ranges[kind] = f"='{sheet_title(LISTS_SHEET)}'!${letter}$2:${letter}${len(values) + 1}"
    return ranges


def _write_lists(book, formats):
    """The drop-downs' values, on a sheet the template hides."""
    sheet = book.add_worksheet(sheet_title(LISTS_SHEET))
    for c, (kind, values) in enumerate(LISTS.items()):
        sheet.write_string(0, c, kind, formats["header"])
        for r, value in enumerate(values, start=1):
            sheet.write_string(r, c, value, formats["text"])
    return sheet


def _write_instructions(book, formats) -> None:
    sheet = book.add_worksheet(sheet_title(INSTRUCTIONS_SHEET))
    sheet.set_column(0, 1, 28)
    sheet.set_column(2, 2, 14)
    sheet.set_column(3, 5, 44)
    sheet.write_string(0, 0, f"{t('template.title', 'th')} / {t('template.title', 'en')}", formats["title"])
    row = 2
    for n in range(1, 6):
        sheet.write_string(row, 0, t(f"template.rule{n}", "th"), formats["text"])
        sheet.write_string(row + 1, 0, t(f"template.rule{n}", "en"), formats["note"])
        row += 2
    for spec in SHEETS:
        row = _describe_sheet(sheet, formats, spec, row + 1)
    sheet.activate()


def _describe_sheet(sheet, formats, spec: SheetSpec, row: int) -> int:
    sheet.write_string(row, 0, sheet_title(spec), formats["label"])
    for c, key in enumerate(("column_th", "column_en", "required", "accepts_th", "accepts_en", "example")):
        sheet.write_string(
            row + 1, c, t(f"template.{key}", "th") + " / " + t(f"template.{key}", "en"), formats["header"]
        )
    row += 2
    for field in spec.fields:
        need = "required" if field.required else "optional"
        cells = (field.th, field.name, f"{t(f'template.{need}', 'th')} / {t(f'template.{need}', 'en')}")
        for c, value in enumerate(cells):
            sheet.write_string(row, c, value, formats["text"])
        sheet.write_string(row, 3, t(f"template.kind.{field.kind}", "th"), formats["note"])
        sheet.write_string(row, 4, t(f"template.kind.{field.kind}", "en"), formats["note"])
        sheet.write_string(row, 5, str(field.example), formats["text"])
        row += 1
    sheet.write_string(
        row, 0, f"{t('template.example_row', 'th')} / {t('template.example_row', 'en')}", formats["label"]
    )
    for c, field in enumerate(spec.fields):
        sheet.write_string(row + 1, c, header(field), formats["header"])
        excel.write_cell(sheet, row + 2, c, field.example, "text", formats)
    return row + 4


def _write_data_sheet(book, formats, spec: SheetSpec, ranges: dict[str, str]) -> None:
    sheet = book.add_worksheet(sheet_title(spec))
    sheet.write_string(0, 0, sheet_title(spec), formats["title"])
    sheet.write_string(1, 0, f"{t('template.hint', 'th')} / {t('template.hint', 'en')}", formats["note"])
    last = FIRST_DATA_ROW + DATA_ROWS - 1
    for c, field in enumerate(spec.fields):
        sheet.write_string(FIRST_DATA_ROW - 1, c, header(field), formats["header"])
        cell_format = formats["text_cell"] if field.kind in TEXT_KINDS else None
        sheet.set_column(c, c, max(16, len(field.name) + 4), cell_format)
        if field.kind in ranges:
            sheet.data_validation(FIRST_DATA_ROW, c, last, c, _drop_down(ranges[field.kind]))
    sheet.set_row(FIRST_DATA_ROW - 1, 36)
    sheet.freeze_panes(FIRST_DATA_ROW, 0)


def _drop_down(source: str) -> dict:
    return {
        "validate": "list",
        "source": source,
        "error_type": "warning",
        "error_title": both("template.check_title"),
        "error_message": "\n".join(t("template.not_in_list", lang) for lang in ("th", "en")),
    }
