"""Peak memory and time of checking hostile workbooks (issue 12: none may take the server down;
an import's peak memory stays ≤ 1 GB for any file within the upload limit).

    python bench/bench_hostile_files.py [--rows N]

Each case runs `importer.check` in a fresh process on an empty SQLite database and prints the
outcome's first problem, how many problems it kept, the seconds taken and the process's peak RSS:
- `far_cell`: a valid submission plus one cell at XFD1048576 (the reader would ask for 512 GiB);
- `unknown_column`: one valid course, then N rows holding a value only in an unknown column
  (every row lacks its required cells: millions of problems before they were capped).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("CITIZEN_ID_KEY", "bench-key-0123456789abcdef0123456789abcdef")

from tests.submission import COURSES, xlsx  # noqa: E402

COURSE = ["C1", 2566, "50", "AGR", "ผัก", "1/12/2565", "5/12/2565"]


def far_cell() -> bytes:
    """A valid submission plus one cell at XFD1048576, written into the sheet's XML."""
    good = xlsx({"courses": [COURSES, COURSE]})
    source, out = zipfile.ZipFile(io.BytesIO(good)), io.BytesIO()
    cell = b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>'
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(
                item,
                data.replace(b"</sheetData>", cell) if item.filename.startswith("xl/worksheets/") else data,
            )
    return out.getvalue()


def unknown_column(rows: int) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("courses")
    sheet.append([*COURSES, "unknown_column"])
    sheet.append(COURSE)
    for n in range(rows):
        sheet.append([None] * len(COURSES) + [n])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def check_in_this_process(path: str) -> None:
    from data_access import importer
    from data_access.db import Database
    from data_access.users import SYSTEM

    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite:///{folder}/bench.db")
        db.migrate()
        data = Path(path).read_bytes()
        start = time.perf_counter()
        outcome = importer.check(db, data, "hostile.xlsx", SYSTEM)
        seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    first = outcome.problems[0].kind if outcome.problems else "-"
    print(
        json.dumps(
            {
                "first_problem": first,
                "problems_kept": len(outcome.problems),
                "seconds": round(seconds, 2),
                "peak_rss_mb": round(peak_mb),
                "file_mb": round(len(data) / 1e6, 2),
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--check", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.check:
        check_in_this_process(args.check)
        return
    with tempfile.TemporaryDirectory() as folder:
        for name, make in (("far_cell", far_cell), ("unknown_column", lambda: unknown_column(args.rows))):
            path = Path(folder) / f"{name}.xlsx"
            path.write_bytes(make())
            done = subprocess.run(
                [sys.executable, __file__, "--check", str(path)], capture_output=True, text=True
            )
            print(f"{name:15} exit {done.returncode} {done.stdout.strip() or done.stderr.strip()[-300:]}")


if __name__ == "__main__":
    main()
