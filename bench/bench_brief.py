"""Benchmark of the executive brief and the report pack.

    python bench/bench_brief.py [--participants 1000000] [--keep DIR] [--repeats 5]

Builds (or reuses, with --keep) a SQLite demo database of that size, then in fresh processes:
one brief of the nation, a region and a province, each with empty caches (median of the repeats;
the first brief of a process also loads the fonts, shown apart), and the full report pack
(nation, 6 regions, 77 provinces: 84 briefs and 84 workbooks) written to an empty folder, then run
again on the unchanged data. Wall and CPU seconds are both printed: on a shared, loaded machine
the CPU time says more. Targets at 1M participants: a brief ≤ 3 s, the pack ≤ 5 minutes.
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

BRIEFS = r"""
import json, statistics, sys, time
from datetime import datetime
from data_access import cache, demo, kpis
from data_access.db import default_database
from data_access.selection import Scope, Selection
from reports.brief import brief_pdf
from reports.brief_content import BriefRequest

db = default_database()
scope = Scope("bench", "executive")
as_of = db.default_as_of()
selections = {
    "nation": Selection((2568,), as_of=as_of),
    "region": Selection((2568,), regions=("northeast",), as_of=as_of),
    "province": Selection((2568,), provinces=("50",), as_of=as_of),
}

def one(selection):
    cache.clear()
    request = BriefRequest(selection, scope, "th", "bench", datetime(2026, 1, 1), demo.labelled_demo(db))
    started = time.perf_counter()
    size = len(brief_pdf(db, request))
    return time.perf_counter() - started, size

first, _ = one(selections["nation"])
out = {"first_s": first}
for name, selection in selections.items():
    runs = [one(selection) for _ in range(int(sys.argv[1]))]
    out[name] = {"median_s": statistics.median(r[0] for r in runs), "max_s": max(r[0] for r in runs),
                 "kb": runs[0][1] / 1024}
print(json.dumps(out))
"""


def child(args: list[str], env: dict) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds (user + system) and stdout of a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(args, cwd=PROJECT, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(args)} failed:\n{done.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), done.stdout


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="folder for the database (reused when it exists)")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench_brief_"))
    folder.mkdir(parents=True, exist_ok=True)
    database = folder / f"bench_{args.participants}.db"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "CITIZEN_ID_KEY": "bench-0123456789abcdef0123456789abcdef",
    }
    python = sys.executable
    if not database.exists():
        wall, _, _ = child(
            [python, "-m", "data_access", "init", "--demo", "--participants", str(args.participants)], env
        )
        print(f"demo of {args.participants:,} participants built in {wall:.0f} s")
    child([python, "-m", "data_access", "init"], env)  # migrate a kept database

    _, _, out = child([python, "-c", BRIEFS, str(args.repeats)], env)
    briefs = json.loads(out)
    print(f"first brief of a process (fonts loaded): {briefs['first_s']:.2f} s")
    print(f"{'brief':>10} {'median s':>9} {'max s':>7} {'KB':>6}   (empty caches, {args.repeats} runs)")
    for name in ("nation", "region", "province"):
        b = briefs[name]
        print(f"{name:>10} {b['median_s']:9.2f} {b['max_s']:7.2f} {b['kb']:6.0f}")

    out_dir = Path(tempfile.mkdtemp(prefix="pack_", dir=folder))
    command = [python, "-m", "data_access", "report-pack", "--fy", "2568", "--out", str(out_dir)]
    for label in ("report pack, empty folder", "report pack, rerun, unchanged data"):
        wall, cpu, out = child(command, env)
        print(f"{label}: {wall:.0f} s wall, {cpu:.0f} s CPU — {out.strip().splitlines()[-1]}")
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())} (2 cores)")


if __name__ == "__main__":
    main()
