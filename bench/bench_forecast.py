"""Labour forecasts from scratch: every place × indicator, backtested, fitted and reconciled.

    python bench/bench_forecast.py [--repeat R] [--workers W] [--database-url URL]

Without --database-url, a demo database of 3,000 participants is built first (the labour figures
do not depend on the participants). Prints the median of R computations (nothing is stored).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))


def measure(url: str, repeat: int, workers: int) -> None:
    from data_access.db import Database
    from data_access.labour import forecasts

    db = Database(url)
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        results = forecasts.compute(db, workers=workers)
        seconds.append(time.perf_counter() - started)
    series = sum(len(r.fits) for r in results.values())
    print(
        f"forecasts from scratch ({series:,} place × indicator fits, {workers} workers): "
        f"median {statistics.median(seconds):.1f} s of {repeat} (each: "
        + ", ".join(f"{s:.1f}" for s in seconds)
        + ")"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    if args.database_url:
        measure(args.database_url, args.repeat, args.workers)
        return
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/demo.db"
        env = {**os.environ, "DATABASE_URL": url}
        env.setdefault("CITIZEN_ID_KEY", "bench-0123456789abcdef0123456789abcdef")
        init = [sys.executable, "-m", "data_access", "init", "--demo", "--participants", "3000"]
        subprocess.run(init, cwd=PROJECT, env=env, check=True, capture_output=True)
        measure(url, args.repeat, args.workers)


if __name__ == "__main__":
    main()
