"""Import speed: a submission of 100,000 participants and 100,000 follow-ups into a fresh SQLite
database, beside the time just to open and read the same file (python-calamine).

    python bench/bench_import.py [--participants N] [--repeat R] [--keep FILE.xlsx]

Prints the median of R runs of each. The target (issue 5) is an import in 60 s or less.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import xlsxwriter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("CITIZEN_ID_KEY", "bench-key-0123456789abcdef0123456789abcdef")

from data_access import importer, reference, users  # noqa: E402
from data_access.db import Database  # noqa: E402
from data_access.importer import headers  # noqa: E402
from data_access.importer.workbook import open_workbook  # noqa: E402

COURSE_SIZE = 20


def citizen_id(n: int) -> str:
    body = f"{1_000_000_000_000 + n * 7_919:012d}"[-12:]
    body = "1" + body[1:]
    total = sum(int(d) * (13 - i) for i, d in enumerate(body))
    return body + str((11 - total % 11) % 10)


HEADERS = {
    "หลักสูตร": ["รหัสหลักสูตร", "ปีงบประมาณ", "จังหวัด", "ประเภททักษะ", "ชื่อหลักสูตร", "วันเริ่ม"],
    "ผู้เข้าอบรม": ["รหัสหลักสูตร", "เลขประจำตัวประชาชน", "เพศ", "ปีเกิด", "ผ่านการอบรม", "รายได้ก่อนอบรม"],
    "ติดตามผล": ["รหัสหลักสูตร", "เลขประจำตัวประชาชน", "วันที่ติดตาม", "นำไปใช้ประกอบอาชีพ", "รายได้หลังอบรม"],
}


def _course_row(c: int, provinces: list[str]) -> list:
    begin = date(2022, 11, 1) + timedelta(days=c % 200)
    return [
        f"B-{c:06d}",
        2566,
        provinces[c % len(provinces)],
        "AGR",
        f"หลักสูตร {c}",
        f"{begin:%d/%m}/{begin.year + 543}",
    ]


def _participant_row(p: int) -> list:
    return [f"B-{p // COURSE_SIZE:06d}", citizen_id(p), "หญิง", 2530, "ผ่าน", 5000 + p % 3000]


def _followup_row(p: int) -> list:
    return [f"B-{p // COURSE_SIZE:06d}", citizen_id(p), "15/06/2566", "ใช่", 7000 + p % 4000]


def submission(participants: int) -> bytes:
    """Courses spread over every province, COURSE_SIZE people each, one follow-up per person,
    with Thai sheet and header names and BE text dates, as offices write them."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True, "in_memory": True})
    provinces = [p.code for p in reference.provinces()]
    rows = {
        "หลักสูตร": (_course_row(c, provinces) for c in range(participants // COURSE_SIZE)),
        "ผู้เข้าอบรม": (_participant_row(p) for p in range(participants)),
        "ติดตามผล": (_followup_row(p) for p in range(participants)),
    }
    for name, header in HEADERS.items():
        sheet = book.add_worksheet(name)
        sheet.write_row(0, 0, header)
        for r, row in enumerate(rows[name], start=1):
            sheet.write_row(r, 0, row)
    book.close()
    return buffer.getvalue()


def read_only(data: bytes) -> float:
    started = time.perf_counter()
    tables, _ = headers.find_tables(open_workbook(data, "bench.xlsx"))
    assert sum(len(t.rows) for t in tables) > 0
    return time.perf_counter() - started


def full_import(data: bytes) -> float:
    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite:///{folder}/bench.db")
        db.migrate()
        started = time.perf_counter()
        outcome = importer.run(db, data, "bench.xlsx", users.SYSTEM)
        took = time.perf_counter() - started
        db.dispose()
    if not outcome.imported:
        raise SystemExit(f"import rejected: {[p.kind for p in outcome.errors[:5]]}")
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", help="also save the generated workbook here")
    args = parser.parse_args()
    data = submission(args.participants)
    if args.keep:
        Path(args.keep).write_bytes(data)
    n = args.participants
    print(f"file: {len(data) / 1e6:.1f} MB, {n:,} participants + {n:,} follow-ups")
    reads = [read_only(data) for _ in range(args.repeat)]
    imports = [full_import(data) for _ in range(args.repeat)]
    print(f"read only (open, check, calamine): median {statistics.median(reads):.1f} s  runs {_runs(reads)}")
    print(
        f"full import into SQLite:           median {statistics.median(imports):.1f} s  runs {_runs(imports)}"
    )


def _runs(values: list[float]) -> str:
    return ", ".join(f"{v:.1f}" for v in values)


if __name__ == "__main__":
    main()
