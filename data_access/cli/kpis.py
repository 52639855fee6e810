"""`kpis --fy … [--region] [--province] [--skill] [--as-of] [--as USER] --json`: DESIGN §5 KPIs."""

from __future__ import annotations

import json

from data_access import kpis
from data_access.cli import common


def register(sub) -> None:
    parser = sub.add_parser("kpis", help="print the KPIs of a selection")
    common.add_selection_arguments(parser, fy_required=True)
    parser.add_argument("--json", action="store_true", help="one JSON object (DESIGN §8)")
    parser.set_defaults(run=run)


def run(args) -> int:
    db = common.database()
    summary = kpis.kpi_summary(db, *common.scoped_selection(args, db))
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        for key, value in summary.items():
            print(f"{key:24} {'—' if value is None else value}")
    return 0
