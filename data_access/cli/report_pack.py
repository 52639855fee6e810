"""`report-pack --fy 2568 --out DIR [--as USER] [--lang th] [--as-of D] [--mail]`: every unit's brief
and summary workbook in the user's scope, index.html and manifest.json (reports.pack), then, with
--mail, each province's files to its recipients (reports.mail). Exit 1 when anything failed, so a
scheduler notices; a rerun retries what failed and rewrites nothing that is unchanged."""

from __future__ import annotations

import sys
from pathlib import Path

from data_access import config
from data_access.cli import common
from data_access.errors import UserError
from reports import mail
from reports.pack import PackRequest, make_pack


def register(sub) -> None:
    parser = sub.add_parser("report-pack", help="write every unit's brief and workbook, index and manifest")
    parser.add_argument("--fy", required=True, help="fiscal year, BE or CE (e.g. 2568)")
    parser.add_argument("--out", required=True, metavar="DIR")
    parser.add_argument("--lang", choices=("th", "en"), default="th", help="language (default th)")
    parser.add_argument("--as-of", dest="as_of", help="as-of date YYYY-MM-DD (default: data's)")
    parser.add_argument("--as", dest="as_user", metavar="USER", help="act as this user")
    parser.add_argument("--mail", action="store_true", help="e-mail each province's files to its recipients")
    parser.set_defaults(run=run)


def run(args) -> int:
    db = common.database()
    scope = common.scope_from(args, db)
    years = common.fiscal_years_from(args)
    if len(years) != 1:
        raise UserError("error.brief_one_year", value=args.fy)
    settings = mail.SmtpSettings.from_config(config.current()) if args.mail else None
    if args.mail and settings is None:
        raise UserError("error.smtp_not_configured")
    request = PackRequest(years[0], scope, args.lang, Path(args.out), common.as_of_from(args, db))
    try:
        request.out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError("error.cannot_write", path=args.out, reason=error.strerror) from None
    result = make_pack(db, request, lambda line: print(line, flush=True))
    counts = result.counts()
    print(f"pack {args.out}: {len(result.files)} files, " + ", ".join(f"{n} {s}" for s, n in counts.items()))
    failed = bool(result.failed)
    if settings is not None:
        report = mail.deliver(db, request, result, settings, lambda line: print(line, flush=True))
        print(f"mail: {report.summary()}")
        failed = failed or bool(report.failed)
    if failed:
        print("some files or messages failed; run again to retry", file=sys.stderr)
    return 1 if failed else 0
