"""Backtest of the budget-planning model on the demo data: MAPE and 80 % interval coverage.

Builds the demo database in a temporary DATABASE_URL (`python -m data_access init --demo`), then
predicts each complete fiscal year from the years before it, for the whole country.

    python bench/bench_backtest.py [--participants N] [--seed S]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2568)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/demo.db"
        os.environ.setdefault("CITIZEN_ID_KEY", "bench-0123456789abcdef0123456789abcdef")
        init = [
            sys.executable,
            "-m",
            "data_access",
            "init",
            "--demo",
            "--participants",
            str(args.participants),
        ]
        subprocess.run([*init, "--seed", str(args.seed)], cwd=PROJECT, check=True, capture_output=True)
        report(os.environ["DATABASE_URL"])


def report(url: str) -> None:
    from data_access.db import Database
    from data_access.planning import backtest
    from data_access.selection import Scope, Selection

    db = Database(url)
    started = time.perf_counter()
    rows = backtest.backtest(db, Selection(as_of=db.default_as_of()), Scope("bench", "executive"))
    elapsed = time.perf_counter() - started
    print(
        f"backtest of FY{', '.join(str(y) for y in sorted(rows['fiscal_year'].unique()))} in {elapsed:.2f} s"
    )
    for year, part in [("all", rows), *rows.groupby("fiscal_year")]:
        figures = backtest.summary(part)
        print(
            f"  {year}: MAPE participants {figures['mape_participants']:.1%}, "
            f"skill users {figures['mape_skill_users']:.1%}; "
            f"80% interval coverage {figures['coverage']:.1%} "
            f"(participants {figures['coverage_participants']:.1%}, "
            f"skill users {figures['coverage_skill_users']:.1%}; {figures['checks']} checks)"
        )


if __name__ == "__main__":
    main()
