"""`labour --indicator I [--province P] [--region R] [--from 2562Q1] [--as USER] --json`: one
place's series of a labour indicator (DESIGN §9). The place is the province, else the region,
else the nation (ALL); `unemployment_rate` is computed from summed counts."""

from __future__ import annotations

import json

from data_access import reference
from data_access.cli import common
from data_access.errors import UserError
from data_access.importer import labour_cells
from data_access.importer.parse import Invalid
from data_access.labour import catalogue, queries
from data_access.labour.periods import Period
from data_access.selection import Scope


def register(sub) -> None:
    parser = sub.add_parser("labour", help="a place's series of a labour indicator (DESIGN §9)")
    parser.add_argument("--indicator", required=True, help="indicator code or name (e.g. lfs_unemployed)")
    parser.add_argument("--province", help="province code or name (e.g. 50, เชียงใหม่)")
    parser.add_argument("--region", help="region code or name (e.g. north, ภาคเหนือ)")
    parser.add_argument("--from", dest="start", metavar="PERIOD", help="first period (e.g. 2562Q1, 2562-01)")
    parser.add_argument("--as", dest="as_user", metavar="USER", help="act as this user")
    parser.add_argument("--json", action="store_true", help="one JSON object (DESIGN §9)")
    parser.set_defaults(run=run)


def indicator_from(text: str) -> catalogue.Indicator:
    code = catalogue.resolve(text)
    if code is None:
        raise UserError("error.unknown_indicator", value=text)
    return catalogue.BY_CODE[code]


def place_from(args, scope: Scope) -> str:
    """The asked place's code, within the scope (a province of it, its region, or the nation)."""
    province = _resolved(args.province, reference.resolve_province, "province")
    region = _resolved(args.region, reference.resolve_region, "region")
    if province and region and reference.province_by_code()[province].region != region:
        raise UserError("error.province_not_in_region", province=args.province, region=args.region)
    place = province or region or reference.NATIONAL
    if not queries.visible_place(scope, place):
        if province:
            raise UserError("error.outside_scope", provinces=province, user=scope.username)
        raise UserError("error.region_outside_scope", region=region, user=scope.username)
    return place


def _resolved(text: str | None, resolver, what: str) -> str | None:
    if text is None:
        return None
    code = resolver(text)
    if code is None:
        raise UserError(f"error.unknown_{what}", value=text)
    return code


def start_from(text: str | None, indicator: catalogue.Indicator) -> Period | None:
    if text is None:
        return None
    try:
        period = labour_cells.period(text)
    except Invalid:
        raise UserError("error.invalid_period", value=text) from None
    if period.frequency != indicator.frequency:
        raise UserError(f"error.period_not_{indicator.frequency}", value=text)
    return period


def series_json(db, scope: Scope, indicator: catalogue.Indicator, place: str, start: Period | None) -> dict:
    frame = queries.series(db, scope, indicator.code, place)
    if start is not None:
        frame = frame[frame["period"] >= start.code]
    return {
        "indicator": indicator.code,
        "place": place,
        "unit": indicator.unit,
        "series": [
            {"period": p, "value": float(v)} for p, v in zip(frame["period"], frame["value"], strict=True)
        ],
    }


def run(args) -> int:
    db = common.database()
    scope = common.scope_from(args, db)
    indicator = indicator_from(args.indicator)
    out = series_json(db, scope, indicator, place_from(args, scope), start_from(args.start, indicator))
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
        return 0
    print(f"{indicator.name('th')} / {indicator.name('en')} — {out['place']} ({out['unit']})")
    for point in out["series"]:
        print(f"{point['period']:>8} {point['value']:>16,.4f}")
    return 0
