"""`import FILE.xlsx [--as USER] [--dry-run]`: exit 0 imported, exit 1 rejected (every problem printed,
nothing written). The report is the same one the page shows, in Thai and English."""

from __future__ import annotations

import sys
from pathlib import Path

from data_access import importer
from data_access.cli import common
from data_access.errors import UserError
from data_access.importer import report


def register(sub) -> None:
    parser = sub.add_parser("import", help="import a provincial submission workbook (.xlsx)")
    parser.add_argument("file", metavar="FILE.xlsx")
    parser.add_argument("--as", dest="as_user", metavar="USER", help="act as this user (default: system)")
    parser.add_argument("--dry-run", action="store_true", help="check and show the changes, write nothing")
    parser.set_defaults(run=run)


def run(args) -> int:
    db = common.database()
    scope = common.scope_from(args, db)
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError:
        raise UserError("error.cannot_read", path=path) from None
    act = importer.check if args.dry_run else importer.run
    outcome = act(db, data, path.name, scope, _progress if sys.stderr.isatty() else None)
    print(report.text_report(outcome))
    return 1 if outcome.errors else 0


def _progress(fraction: float, _stage: str) -> None:
    print(f"\r  {fraction:5.0%}", end="\n" if fraction >= 1 else "", file=sys.stderr, flush=True)
