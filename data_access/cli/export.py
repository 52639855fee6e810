"""`export --out FILE.xlsx [--fy] [--region] [--province] [--skill] [--as-of] [--as USER] [--lang th|en]`:
the summary workbook of the Excel downloads page, for the selection within the user's scope."""

from __future__ import annotations

from datetime import UTC, datetime

from data_access import demo, exporter
from data_access.cli import common


def register(sub) -> None:
    parser = sub.add_parser("export", help="write the summary workbook of a selection")
    parser.add_argument("--out", required=True, metavar="FILE.xlsx")
    common.add_selection_arguments(parser)
    parser.add_argument("--lang", choices=("th", "en"), default="th", help="header language (default th)")
    parser.set_defaults(run=run)


def run(args) -> int:
    db = common.database()
    selection, scope = common.scoped_selection(args, db)
    request = exporter.Request(
        selection=selection,
        scope=scope,
        lang=args.lang,
        generated_by=scope.username,
        generated_at=datetime.now(UTC),
        is_demo=demo.labelled_demo(db),
    )
    common.write_download(db, scope, selection, args.out, exporter.summary_workbook(db, request))
    return 0
