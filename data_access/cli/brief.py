"""`brief --fy 2568 [--region] [--province] [--skill] [--as-of] [--lang en] [--as USER] --out brief.pdf`:
the executive brief (PDF) of a selection within the user's scope, as the Overview downloads it."""

from __future__ import annotations

from datetime import UTC, datetime

from data_access import demo, kpi_definitions
from data_access.cli import common
from data_access.errors import UserError
from reports.brief import brief_pdf
from reports.brief_content import BriefRequest


def register(sub) -> None:
    parser = sub.add_parser("brief", help="write the executive brief (PDF) of a selection")
    common.add_selection_arguments(parser, fy_required=True)
    parser.add_argument("--lang", choices=("th", "en"), default="th", help="language (default th)")
    parser.add_argument(
        "--map-kpi",
        dest="map_kpi",
        choices=kpi_definitions.KPI_KEYS,
        default="skill_use_rate",
        help="KPI on the map",
    )
    parser.add_argument("--out", required=True, metavar="FILE.pdf")
    parser.set_defaults(run=run)


def run(args) -> int:
    db = common.database()
    selection, scope = common.scoped_selection(args, db)
    if len(selection.fiscal_years) != 1:
        raise UserError("error.brief_one_year", value=args.fy)
    request = BriefRequest(
        selection, scope, args.lang, scope.username, datetime.now(UTC), demo.labelled_demo(db), args.map_kpi
    )
    common.write_download(db, scope, selection, args.out, brief_pdf(db, request))
    return 0
