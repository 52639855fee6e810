"""`forecast --indicator I [--province P] [--region R] [--horizon H] [--as USER] --json` (DESIGN §9):
a place's series, its forecast with the 80 % interval, the method and its backtest."""

from __future__ import annotations

import json
import sys

from data_access import reference
from data_access.cli import common, labour
from data_access.errors import UserError
from data_access.labour import catalogue, forecasts


def register(sub) -> None:
    parser = sub.add_parser("forecast", help="a labour indicator's forecast with its 80% interval")
    parser.add_argument("--indicator", required=True, help="indicator code or name (e.g. lfs_unemployed)")
    parser.add_argument("--province", help="province code or name (e.g. 50, เชียงใหม่)")
    parser.add_argument("--region", help="region code or name (e.g. north)")
    parser.add_argument("--horizon", help="periods ahead (default: one year; at most two years)")
    parser.add_argument("--as", dest="as_user", metavar="USER", help="act as this user")
    parser.add_argument("--json", action="store_true", help="one JSON object (DESIGN §9)")
    parser.set_defaults(run=run)


def horizon_from(args, indicator: catalogue.Indicator) -> int:
    most = forecasts.HORIZON_YEARS * indicator.periods_per_year
    if args.horizon is None:
        return indicator.periods_per_year
    text = reference.thai_digits_to_arabic(args.horizon).strip()
    if not text.isdigit() or not 1 <= int(text) <= most:
        raise UserError("forecast.error.horizon", value=args.horizon, most=most)
    return int(text)


def _progress(done: int, total: int, code: str) -> None:
    print(f"\r  forecasting {done}/{total} indicators ({code})", end="", file=sys.stderr, flush=True)


def payload(db, scope, indicator: catalogue.Indicator, place: str, horizon: int) -> dict:
    """`labour --json`'s object plus the forecast, its method and backtest; the forecasts are
    computed first if the figures changed."""
    if forecasts.ensure(db, _progress):
        print(file=sys.stderr)
    version = forecasts.stored_version(db)
    digits = 6 if indicator.kind == catalogue.RATE else 1
    ahead = forecasts.forecast(db, scope, indicator.code, place, version).head(horizon)
    fit = forecasts.fit(db, scope, indicator.code, place, version) or {}
    return {
        **labour.series_json(db, scope, indicator, place, None),
        "forecast": [
            {
                "period": r.period,
                "estimate": round(r.estimate, digits),
                "low": round(r.low, digits),
                "high": round(r.high, digits),
            }
            for r in ahead.itertuples()
        ],
        "method": fit.get("method"),
        "backtest": {"mase": fit.get("mase"), "coverage": fit.get("coverage")},
    }


def run(args) -> int:
    db = common.database()
    scope = common.scope_from(args, db)
    indicator = labour.indicator_from(args.indicator)
    horizon = horizon_from(args, indicator)
    place = labour.place_from(args, scope)
    out = payload(db, scope, indicator, place, horizon)
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
        return 0
    print(f"{indicator.name('th')} / {indicator.name('en')} — {place} ({out['method']})")
    for row in out["forecast"]:
        print(f"{row['period']:>8} {row['estimate']:>14,} ({row['low']:,}–{row['high']:,})")
    return 0
