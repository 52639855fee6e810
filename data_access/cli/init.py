"""`init [--demo] [--participants N] [--seed S]`: create or migrate the schema, optionally fill demo data."""

from __future__ import annotations

import sys
import time

from data_access import demo
from data_access.cli import common
from data_access.labour import forecasts


def register(sub) -> None:
    parser = sub.add_parser("init", help="create or migrate the schema; --demo fills demo data")
    parser.add_argument("--demo", action="store_true", help="replace all data with demo data")
    parser.add_argument("--participants", type=int, default=demo.DEFAULT_PARTICIPANTS)
    parser.add_argument("--seed", type=int, default=2568)
    parser.set_defaults(run=run)


def run(args) -> int:
    db = common.database()
    db.migrate()
    print(f"schema up to date: {db.engine.url.render_as_string(hide_password=True)}")
    if args.demo:
        started = time.perf_counter()

        def progress(done: int, total: int) -> None:
            print(f"\r  demo participants {done:,}/{total:,}", end="", file=sys.stderr, flush=True)

        demo.generate(db, args.participants, args.seed, progress)
        print(f"\ndemo data: {args.participants:,} participants in {time.perf_counter() - started:.1f} s")
    _labour_forecasts(db)
    return 0


def _labour_forecasts(db) -> None:
    """The labour forecasts are made here, so that no page view waits for them."""
    started = time.perf_counter()

    def progress(done: int, total: int, code: str) -> None:
        print(f"\r  labour forecasts {done}/{total} indicators", end="", file=sys.stderr, flush=True)

    if forecasts.ensure(db, progress):
        print(f"\nlabour forecasts: made in {time.perf_counter() - started:.1f} s")
