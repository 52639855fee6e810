"""Opening an uploaded file safely: only a real .xlsx, within size limits, checked before parsing.

Order of checks, cheapest first, so a hostile file is refused before it costs memory:
1. the name ends in .xlsx and the upload is at most MAX_FILE_BYTES;
2. the bytes are a zip (an OLE/CFB container is an encrypted workbook or an old .xls; text is a
   CSV renamed), with an Excel workbook inside and no macros (.xlsm);
3. every zip entry's declared sizes: the total unpacked size and each entry's ratio are bounded;
4. every entry is inflated once, in bounded chunks, to prove the declared size is the true size
   (a zip may lie about sizes; the reader must never see more than was checked);
5. while a worksheet is inflated, its cell extent is measured against the rows it really holds:
   the reader allocates every cell from A1 to the farthest one, so one cell at XFD1048576 in a
   7 KB file would ask for 512 GiB (SheetExtent).
Only then does python-calamine read the sheets. Calamine returns a formula cell's cached value
and never evaluates formulas. A formula saved without a value (openpyxl and some generators write
none) would read as an empty cell, so the same scan notes where such cells are (`unsaved`), and the
records refuse them instead of storing an empty value.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass

import python_calamine
from defusedxml import ElementTree

from data_access import config

MAX_FILE_BYTES = config.UPLOAD_LIMIT_MB * 1024 * 1024
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
MAX_RATIO = 150  # unpacked / packed, for entries above RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_ENTRIES = 5_000
MAX_COLUMNS = 200
MAX_CELLS = 40_000_000  # the reader's grid: a 1M-row submission of 40 columns
ROW_GAP = 10_000  # rows a sheet may skip (blank rows are often not written) beyond those it holds
CHUNK = 1024 * 1024
INPUT_SLICE = 64 * 1024

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
MACRO_TYPE = b"macroEnabled"
LOCAL_HEADER = struct.Struct("<4s5H3L2H")


class FileRejected(Exception):
    """The file as a whole cannot be read; `kind` names the problem (translations: import.<kind>)."""

    def __init__(self, kind: str, **params):
        super().__init__(kind)
        self.kind = kind
        self.params = params


@dataclass
class Workbook:
    """The sheets of a checked workbook; rows are read on demand, cell values as calamine gives them."""

    book: python_calamine.CalamineWorkbook
    unsaved: dict[str, frozenset[str]]  # sheet name → cells (e.g. "C2") of formulas with no value

    @property
    def sheet_names(self) -> list[str]:
        return [m.name for m in self.book.sheets_metadata if m.typ == python_calamine.SheetTypeEnum.WorkSheet]

    @property
    def hidden_sheet_names(self) -> set[str]:
        """Sheets a reviewer of the file would not see in Excel (hidden or very hidden)."""
        return {
            m.name for m in self.book.sheets_metadata if m.visible != python_calamine.SheetVisibleEnum.Visible
        }

    def rows(self, name: str) -> list[list]:
        """Every row from A1 down, so that list index + 1 is the row number Excel shows."""
        try:
            return self.book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except python_calamine.CalamineError as error:
            raise FileRejected("corrupt") from error


def open_workbook(data: bytes, file_name: str) -> Workbook:
    _check_name_and_size(file_name, len(data))
    archive = _zip(data)
    unsaved = _check_entries(archive, data)
    _refuse_macros(archive)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (python_calamine.CalamineError, ValueError) as error:
        raise FileRejected("corrupt") from error
    parts = _sheet_parts(archive) if unsaved else {}
    return Workbook(book, {parts[part]: cells for part, cells in unsaved.items() if part in parts})


def _check_name_and_size(file_name: str, size: int) -> None:
    lower = file_name.lower()
    if lower.endswith(".xls"):
        raise FileRejected("xls")
    if lower.endswith(".xlsm"):
        raise FileRejected("macro")
    if not lower.endswith(".xlsx"):
        raise FileRejected("wrong_extension", name=file_name)
    if size > MAX_FILE_BYTES:
        raise FileRejected("file_too_large", mb=MAX_FILE_BYTES // (1024 * 1024))


def _zip(data: bytes) -> zipfile.ZipFile:
    if data.startswith(OLE_MAGIC):
        raise FileRejected("encrypted" if "EncryptionInfo".encode("utf-16-le") in data else "xls")
    if not data.startswith(ZIP_MAGIC):
        raise FileRejected("csv" if _looks_like_text(data[:4096]) else "corrupt")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as error:
        raise FileRejected("corrupt") from error
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names:
        raise FileRejected("corrupt")
    if "[Content_Types].xml" not in names:
        raise FileRejected("corrupt")
    if "xl/vbaProject.bin" in names:
        raise FileRejected("macro")
    return archive


def _refuse_macros(archive: zipfile.ZipFile) -> None:
    """After `_check_entries`: only an entry proven sound is read."""
    if MACRO_TYPE in _read(archive, "[Content_Types].xml"):
        raise FileRejected("macro")


def _read(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        return archive.read(name)
    except (KeyError, zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as error:
        raise FileRejected("corrupt") from error


def _looks_like_text(head: bytes) -> bool:
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = head.decode("cp874")
        except UnicodeDecodeError:
            return False
    return bool(text) and all(ch.isprintable() or ch in "\r\n\t" for ch in text)


def _check_entries(archive: zipfile.ZipFile, data: bytes) -> dict[str, frozenset[str]]:
    """Refuses what must not be read; returns, per worksheet part, its formula cells without a value."""
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise FileRejected("too_many_entries", n=f"{MAX_ENTRIES:,}")
    if sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
        raise FileRejected("unpacked_too_large", mb=MAX_UNPACKED_BYTES // (1024 * 1024))
    for info in infos:
        if info.flag_bits & 0x1:
            raise FileRejected("encrypted")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise FileRejected("zip_bomb")
    extents = {info.filename: _verify_entry(info, data) for info in infos}
    return {part: frozenset(e.unsaved) for part, e in extents.items() if e is not None and e.unsaved}


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part (`xl/worksheets/sheet1.xml`) → the sheet's name, from the workbook's relations."""
    try:
        book = ElementTree.fromstring(_read(archive, "xl/workbook.xml"))
        rels = ElementTree.fromstring(_read(archive, "xl/_rels/workbook.xml.rels"))
    except (ElementTree.ParseError, ValueError) as error:
        raise FileRejected("corrupt") from error
    targets = {r.get("Id"): r.get("Target", "") for r in rels if r.tag.endswith("Relationship")}
    parts = {}
    for sheet in book.iter():
        if sheet.tag.endswith("}sheet"):
            rel = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
            target = targets.get(rel, "")
            part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            parts[part] = sheet.get("name", "")
    return parts


def _verify_entry(info: zipfile.ZipInfo, data: bytes) -> SheetExtent | None:
    """Inflate the entry in bounded chunks: it must end exactly at its declared size."""
    fields = (
        LOCAL_HEADER.unpack_from(data, info.header_offset) if len(data) >= info.header_offset + 30 else None
    )
    if fields is None or fields[0] != ZIP_MAGIC:
        raise FileRejected("corrupt")
    start = info.header_offset + LOCAL_HEADER.size + fields[9] + fields[10]
    raw = memoryview(data)[start : start + info.compress_size]
    extent = SheetExtent() if info.filename.startswith("xl/worksheets/") else None
    if info.compress_type == zipfile.ZIP_STORED:
        produced = len(raw)
        if extent:
            extent.feed(bytes(raw))
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        produced = _inflated_size(raw, info.file_size, extent)
    else:
        raise FileRejected("corrupt")
    if produced != info.file_size:
        raise FileRejected("zip_bomb" if produced > info.file_size else "corrupt")
    if extent:
        extent.check()
    return extent


def _inflated_size(raw: memoryview, limit: int, extent: SheetExtent | None) -> int:
    """Bytes the deflate stream produces, counted up to just past `limit`; memory stays at a few MB
    whatever the stream claims (input is fed in slices, output taken in CHUNK pieces and dropped
    once `extent`, if any, has seen them)."""
    inflater = zlib.decompressobj(-15)
    produced = 0
    try:
        for start in range(0, len(raw), INPUT_SLICE):
            pending = bytes(raw[start : start + INPUT_SLICE])
            while pending and produced <= limit:
                out = inflater.decompress(pending, CHUNK)
                produced += len(out)
                if extent:
                    extent.feed(out)
                pending = inflater.unconsumed_tail
            if produced > limit:
                return produced
        out = inflater.flush()
        if extent:
            extent.feed(out)
        return produced + len(out)
    except zlib.error as error:
        raise FileRejected("corrupt") from error


# Each pattern starts with literal text, so a scan runs at C speed (a leading `<` or `\s` is 10× slower).
_ROW_NUMBER = re.compile(rb'row\s[^>]*?\br="([0-9]+)"')
_WIDE_REF = re.compile(rb'r="([A-Z]{2,})[0-9]+"')  # a cell beyond column Z: rare, read exactly
# A cell holding a formula and no value (no <v>, or an empty <v/> as openpyxl writes): the scan
# runs only on pieces that hold a formula at all.
_UNSAVED = re.compile(
    rb'<c\s[^>]*?\br="([A-Z]+[0-9]+)"[^>]*>\s*<f(?:\s[^>]*)?(?:/>|>[^<]*</f>)\s*(?:<v\s*/>\s*)?</c>'
)


class SheetExtent:
    """How far a worksheet's cells reach, measured on its XML as it is inflated, in C-speed scans.

    Rows: the highest `<row r=…>` and the number of rows written. A cell reference with more row
    digits than the highest row is read exactly; one with as many digits stays below ten times it.
    Columns: single letters reach Z at most; references of two or more letters are read exactly.
    Formula cells saved without a value are listed in `unsaved`.
    """

    def __init__(self) -> None:
        self.rows_written = 0
        self.last_row = 0
        self.last_column = 26
        self.unsaved: set[str] = set()
        self._tail = b""

    def feed(self, chunk: bytes) -> None:
        text = self._tail + chunk
        # No cell spans two pieces: from the last cell's start tag on, the text waits for the next
        # piece (from the last tag, if that cell is already longer than a piece may be).
        cut = text.rfind(b"<c")
        if cut < 0 or len(text) - cut > 2 * CHUNK:
            cut = text.rfind(b"<")
        if cut < 0:
            self._tail = b""
            self._scan(text)
        else:
            self._tail = text[cut:]
            self._scan(text[:cut])

    def _scan(self, text: bytes) -> None:
        if b"<f" in text:
            self.unsaved.update(ref.decode() for ref in _UNSAVED.findall(text))
        self.rows_written += text.count(b"row>")  # each row's end tag, </row> or </x:row>
        self.last_row = max(self.last_row, *map(int, _ROW_NUMBER.findall(text)), 0)
        self.last_column = max(self.last_column, *map(_column_number, _WIDE_REF.findall(text)), 0)
        longer = rb'r="[A-Z]+([0-9]{%d,})"' % (len(str(self.last_row)) + 1)
        self.last_row = max(self.last_row, *map(int, re.findall(longer, text)), 0)

    def check(self) -> None:
        self._scan(self._tail)
        self._tail = b""
        too_far = self.last_row > self.rows_written + ROW_GAP or self.last_column > MAX_COLUMNS
        if too_far or self.last_row * self.last_column > MAX_CELLS:
            raise FileRejected(
                "sheet_extent", column=_column_letters(self.last_column), row=f"{self.last_row:,}"
            )


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
