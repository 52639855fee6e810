"""Benchmark of the foundation: demo build time, the Overview's queries cold and warm, peak memory.

    python bench/bench_foundation.py [--sizes 100000 1000000] [--keep DIR]
    python bench/bench_foundation.py --existing /work/bench-data/demo_5m.db

Each size builds a fresh SQLite demo database in a child process (`init --demo`), then times the
Overview's queries in another fresh process: "cold" is the first call (no cache, new connections),
"warm" the median of 20 repeats (cache hits keyed by the data version). "naive" is the same
national figures the way a notebook would get them: the participant, follow-up and course rows
loaded into pandas and reduced there; "×" is naive / cold. Targets: queries together ≤ 1 s cold
and ≤ 50 ms warm at 1M participants; ≥ 50× faster than naive at 5M (issue 13). `--existing`
times the queries on a database already made (no build).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent

QUERIES = r"""
import json, resource, statistics, sys, time
from data_access import cache, catalog, kpis, targets
from data_access.db import default_database
from data_access.selection import Scope, Selection

db = default_database()
scope = Scope("bench", "executive")
sel = Selection(fiscal_years=(2568,), as_of=db.default_as_of())

def overview():
    catalog.fiscal_years(db, scope)
    kpis.kpi_table(db, sel, scope, medians=False)
    kpis.kpi_table(db, sel.previous_year(), scope, medians=False)
    targets.metric_targets(db, sel, scope)
    kpis.kpi_table(db, sel, scope, ("province",), medians=False)
    kpis.kpi_table(db, sel.replace(fiscal_years=()), scope, ("fiscal_year",), medians=False)

def naive():
    import pandas as pd
    with db.engine.connect() as conn:
        people = pd.read_sql("SELECT id, course_id, completed, income_before FROM participants", conn)
        visits = pd.read_sql("SELECT participant_id, followup_date, income_after FROM followups", conn)
        course = pd.read_sql("SELECT id, fiscal_year FROM courses", conn)
    latest = visits.sort_values("followup_date").drop_duplicates("participant_id", keep="last")
    rows = people.merge(course, left_on="course_id", right_on="id").merge(
        latest, left_on="id_x", right_on="participant_id", how="left")
    rows = rows[rows["fiscal_year"] == 2568]
    return len(rows), rows["completed"].mean(), (rows["income_after"] - rows["income_before"]).mean()

start = time.perf_counter(); overview(); cold = time.perf_counter() - start
warm = []
for _ in range(20):
    start = time.perf_counter(); overview(); warm.append(time.perf_counter() - start)
start = time.perf_counter(); naive(); naive_s = time.perf_counter() - start
print(json.dumps({"cold_s": cold, "warm_ms": statistics.median(warm) * 1000, "naive_s": naive_s,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run_child(args: list[str], env: dict) -> tuple[float, float, str]:
    """Wall seconds, the child's peak RSS in MB, and its stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(args, cwd=PROJECT, env=env, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
    return wall, peak, done.stdout


def bench(size: int, folder: Path) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / f'bench_{size}.db'}",
        "CITIZEN_ID_KEY": "bench-0123456789abcdef0123456789abcdef",
    }
    build_s, build_mb, _ = run_child(
        [sys.executable, "-m", "data_access", "init", "--demo", "--participants", str(size)], env
    )
    _, _, out = run_child([sys.executable, "-c", QUERIES], env)
    figures = json.loads(out)
    db_mb = (folder / f"bench_{size}.db").stat().st_size / 2**20
    return {
        "participants": size,
        "build_s": build_s,
        "build_peak_rss_mb": build_mb,
        "db_mb": db_mb,
        **figures,
    }


def queries_only(path: Path) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{path}",
        "CITIZEN_ID_KEY": "bench-0123456789abcdef0123456789abcdef",
    }
    _, _, out = run_child([sys.executable, "-c", QUERIES], env)
    r = json.loads(out)
    print(f"{path.name}: cold {r['cold_s']:.3f} s, warm {r['warm_ms']:.2f} ms, naive {r['naive_s']:.1f} s,")
    print(f"  queries {r['naive_s'] / r['cold_s']:.0f}× faster than naive (target ≥ 50×)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--keep", type=Path, help="folder for the databases (default: a temp folder)")
    parser.add_argument("--existing", type=Path, help="time the queries on this database only")
    args = parser.parse_args()
    if args.existing:
        queries_only(args.existing)
        return
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench_"))
    folder.mkdir(parents=True, exist_ok=True)
    header = ("participants", "build s", "build MB", "db MB", "cold s", "warm ms", "naive ×", "query MB")
    print(" ".join(f"{h:>12}" for h in header))
    for size in args.sizes:
        r = bench(size, folder)
        values = (
            f"{r['participants']:,}",
            f"{r['build_s']:.1f}",
            f"{r['build_peak_rss_mb']:.0f}",
            f"{r['db_mb']:.0f}",
            f"{r['cold_s']:.3f}",
            f"{r['warm_ms']:.2f}",
            f"{r['naive_s'] / r['cold_s']:.0f}",
            f"{r['peak_rss_mb']:.0f}",
        )
        print(" ".join(f"{v:>12}" for v in values))


if __name__ == "__main__":
    main()
