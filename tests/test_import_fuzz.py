"""Issue 12: a valid submission mutated a few hundred ways (cell types and values, text with control
characters and marks, far extents, encodings, formulas, zip structure), with a fixed seed, through
the `import` command in this process. Each one exits 0 (imported, or nothing to change) or 1
(refused, every problem in Thai and English); none raises; a refused file writes nothing; memory
stays bounded."""

import io
import random
import resource
import zipfile

import pytest
from sqlalchemy import func, select

from data_access import db as db_module
from data_access.cli import main
from data_access.schema import courses, disbursements, followups, import_batches, participants
from tests.submission import small, xlsx

SEED = 12
CASES = 300
PEAK_LIMIT_KB = 1_500_000  # the whole test process, reader included
TABLES = (courses, participants, followups, disbursements, import_batches)

NUMBERS = [b"NaN", b"inf", b"-inf", b"1e400", b"1e308", b"-0", b"99999999999999999999999", b"", b"abc", b"1e"]
NUMBERS += [b"0x1F", b"1,5", b"\xe0\xb9\x91\xe0\xb9\x92", b"-1", b"2.5e-324", b"9" * 400]
TEXTS = [
    "&#x1b;[31mCM-01",
    "CM-01\u200f",
    "\u202eCM-01",
    "x" * 20_000,
    "๑๒๓๔๕๖๗๘๙๐๑๒๓",
    "１２３４５６７８９０１２３",
    "=cmd|' /C calc'!A0",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "#[set text(red)] $x$ *bold*",
    "เชียงใหม่\u0e48\u0e48\u0e48",
    "🙂" * 50,
    "",
    " ",
    "-5",
    "6.7",
    "NULL",
    "'; DROP TABLE courses; --",
]
FAR_CELLS = [b"XFD1048576", b"A1048576", b"ZZ5", b"B99999", b"GS3", b"A0", b"AAAA1"]


def _parts(book: bytes) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(book))
    return {info.filename: archive.read(info) for info in archive.infolist()}


def _zipped(parts: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _sheet(rng: random.Random, parts: dict[str, bytes]) -> str:
    return rng.choice(sorted(n for n in parts if n.startswith("xl/worksheets/")))


def _replace_one(rng: random.Random, data: bytes, start: bytes, end: bytes, new: bytes) -> bytes:
    spots = []
    at = data.find(start)
    while at >= 0:
        spots.append(at)
        at = data.find(start, at + 1)
    if not spots:
        return data
    at = rng.choice(spots) + len(start)
    stop = data.find(end, at)
    return data[:at] + new + data[stop:]


def mutate(rng: random.Random, book: bytes) -> tuple[str, bytes]:
    """One mutation of the workbook; its name says which, for the failure message."""
    parts = _parts(book)
    kind = rng.choice(
        [
            "number",
            "text",
            "far_cell",
            "row_number",
            "formula",
            "encoding",
            "truncate",
            "flip",
            "drop",
            "stored",
        ]
    )
    sheet = _sheet(rng, parts)
    xml = parts[sheet]
    if kind == "number":
        xml = _replace_one(rng, xml, b"<v>", b"</v>", rng.choice(NUMBERS))
    elif kind == "text":
        xml = _replace_one(rng, xml, b"<t>", b"</t>", rng.choice(TEXTS).encode("utf-8"))
    elif kind == "far_cell":
        ref = rng.choice(FAR_CELLS)
        xml = xml.replace(b"</row></sheetData>", b'<c r="' + ref + b'"><v>1</v></c></row></sheetData>')
    elif kind == "row_number":
        xml = _replace_one(rng, xml, b'<row r="', b'"', rng.choice([b"-1", b"0", b"abc", b"1048577", b"3"]))
    elif kind == "formula":
        xml = _replace_one(rng, xml, b"<c r=", b"</c>", b'"B2"><f>1/0</f>')
    elif kind == "encoding":
        xml = rng.choice(
            [xml.replace(b"<sheetData>", b"<sheetData>\xff\xfe"), xml.decode("utf-8").encode("utf-16")]
        )
    if kind in ("number", "text", "far_cell", "row_number", "formula", "encoding"):
        parts[sheet] = xml
        return kind, _zipped(parts)
    if kind == "truncate":
        return kind, book[: rng.randrange(len(book))]
    if kind == "flip":
        data = bytearray(book)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        return kind, bytes(data)
    if kind == "drop":
        del parts[rng.choice(sorted(parts))]
        return kind, _zipped(parts)
    return kind, _zipped(parts, zipfile.ZIP_STORED)  # the same parts, stored instead of deflated


def state(db) -> tuple:
    with db.engine.connect() as conn:
        counts = tuple(conn.execute(select(func.count()).select_from(t)).scalar() for t in TABLES)
    return counts, db.data_version()


def test_a_few_hundred_mutated_workbooks_are_imported_or_refused_cleanly(db, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", db.url)
    monkeypatch.setattr(db_module, "_default", None)
    rng = random.Random(SEED)
    base = xlsx(small())
    path = tmp_path / "fuzz.xlsx"
    tally = {0: 0, 1: 0}
    for case in range(CASES):
        kind, data = mutate(rng, base)
        path.write_bytes(data)
        before = state(db)
        try:
            code = main(["import", str(path)])
        except Exception as error:  # a traceback for the user: the defect this test exists to find
            pytest.fail(f"case {case} ({kind}) raised {error!r}")
        out, err = capsys.readouterr()
        assert code in (0, 1), f"case {case} ({kind}) exited {code}: {err}"
        tally[code] += 1
        if code == 1:
            assert state(db) == before, f"case {case} ({kind}) was refused but wrote"
            assert "Traceback" not in out + err and "th: " in out and "en: " in out
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert peak_kb < PEAK_LIMIT_KB, f"peak memory {peak_kb / 1024:.0f} MB"
    assert tally[1] > CASES // 2 and tally[0] > 0  # both ways happen: the mutations are real
