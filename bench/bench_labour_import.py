"""Labour import speed (issue 10: a year of quarterly LFS tables for 77 provinces in ≤ 10 s), and
what the labour figures add to the demo build.

    python bench/bench_labour_import.py [--repeat R] [--database-url URL]

Each province's NSO table (rows are periods: a year row and four quarter rows, merged headers,
numbers as text) is written as its own workbook, as offices send them; the figure is the time
to import all 77 files one after the other into a fresh database, and, beside it, one workbook
holding the 77 tables as sheets. The demo line is the time to make and insert the 70,000 demo
labour rows, against the whole demo build of 100,000 participants. Medians of R runs.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import openpyxl
from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("CITIZEN_ID_KEY", "bench-key-0123456789abcdef0123456789abcdef")

from data_access import bulk, demo, importer, reference  # noqa: E402
from data_access.db import Database  # noqa: E402
from data_access.labour import demo as labour_demo  # noqa: E402
from data_access.schema import labour_values  # noqa: E402
from data_access.users import SYSTEM  # noqa: E402
from tests.nso_tables import Quarter, periods_layout, to_bytes  # noqa: E402


def province_table(code: str) -> bytes:
    province = reference.province_by_code()[code]
    size = labour_demo.population()[code] / 1_000_000
    quarters = [
        Quarter(employed=560_000.25 * size, unemployed=(5_000 + 400 * q) * size, seasonal=3_000 * size)
        for q in range(4)
    ]
    title = (
        f"ตาราง 1 ประชากรอายุ 15 ปีขึ้นไป จำแนกตามสถานภาพแรงงาน เป็นรายไตรมาส จังหวัด{province.name_th}",
        f"Table 1 Population aged 15 years and over by labour force status, {province.name_en} Province",
    )
    return to_bytes(periods_layout({2566: quarters}, title=title))


def one_workbook(files: dict[str, bytes]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for code, data in files.items():
        source = openpyxl.load_workbook(io.BytesIO(data)).active
        sheet = book.create_sheet(f"ตาราง {code}")
        for row in source.iter_rows(values_only=True):
            sheet.append(row)
        for merged in source.merged_cells.ranges:
            sheet.merge_cells(str(merged))
    return to_bytes(book)


class Fresh:
    """A new, migrated database: a SQLite file, or a PostgreSQL database made and dropped."""

    def __init__(self, url: str | None):
        self.admin_url, self.name = url, None

    def __enter__(self) -> Database:
        if self.admin_url is None:
            self.db = Database(f"sqlite:///{tempfile.mkdtemp()}/bench.db")
        else:
            self.name = f"bench_{uuid.uuid4().hex[:8]}"
            with create_engine(self.admin_url, isolation_level="AUTOCOMMIT").connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{self.name}"'))
            self.db = Database(self.admin_url.rsplit("/", 1)[0] + f"/{self.name}")
        self.db.migrate()
        return self.db

    def __exit__(self, *_exc) -> None:
        self.db.dispose()
        if self.name:
            with create_engine(self.admin_url, isolation_level="AUTOCOMMIT").connect() as conn:
                conn.execute(text(f'DROP DATABASE "{self.name}" WITH (FORCE)'))


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def import_files(db: Database, files: dict[str, bytes]) -> None:
    for code, data in files.items():
        outcome = importer.run(db, data, f"lfs_{code}.xlsx", SYSTEM)
        assert outcome.imported, [p.kind for p in outcome.errors]


def demo_labour_rows(db: Database) -> None:
    with db.engine.begin() as conn:
        bulk.insert_rows(conn, labour_values, *labour_demo.rows(2568))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database-url", help="a PostgreSQL admin URL (default: a SQLite file)")
    args = parser.parse_args()
    files = {p.code: province_table(p.code) for p in reference.provinces()}
    combined = one_workbook(files)
    figures: dict[str, list[float]] = {"files": [], "workbook": [], "demo_labour": [], "demo_all": []}
    for _ in range(args.repeat):
        with Fresh(args.database_url) as db:
            figures["files"].append(timed(lambda db=db: import_files(db, files)))
        with Fresh(args.database_url) as db:
            figures["workbook"].append(
                timed(lambda db=db: importer.run(db, combined, "lfs_2566.xlsx", SYSTEM).batch_id)
            )
        with Fresh(args.database_url) as db:
            figures["demo_labour"].append(timed(lambda db=db: demo_labour_rows(db)))
        with Fresh(args.database_url) as db:
            figures["demo_all"].append(timed(lambda db=db: demo.generate(db)))
    m = {k: statistics.median(v) for k, v in figures.items()}
    backend = "PostgreSQL" if args.database_url else "SQLite"
    print(f"{backend}, medians of {args.repeat} runs")
    print(f"77 provincial LFS tables (a year, 4 quarters), one file each: {m['files']:.2f} s (target ≤ 10 s)")
    print(f"the same 77 tables as sheets of one workbook:                {m['workbook']:.2f} s")
    share = m["demo_labour"] / m["demo_all"]
    print(
        f"demo labour rows (70,686): {m['demo_labour']:.2f} s"
        f" of a {m['demo_all']:.2f} s demo build ({share:.0%})"
    )


if __name__ == "__main__":
    main()
