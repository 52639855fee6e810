"""Page timings on a large demo database: AppTest script runs cold and warm, and the time until
a real browser shows the new page settled.

    python bench/bench_pages.py [--db /work/bench-data/demo_5m.db] [--participants 5000000]

The database is made once (python -m data_access init --demo) and reused; keep it outside the
repository. Cold is the median of 5 runs each right after `data_access.cache.clear()`; warm is the
median of 5 runs; the browser time is the median of 3 visits (a click on the page's link in the
sidebar until the *new* page has drawn its own title and settled). AppTest re-runs only the page
script after `st.navigation`, so the page rows time the page script; the "frame" row times a
whole first run of app.py (sign-in check, filter bar, navigation) with the Overview. Targets
(issue 13, 5M participants on SQLite): cold ≤ 1 s, warm ≤ 150 ms, browser ≤ 3 s; the Labour
situation page (issue 10, at 1M): cold ≤ 1.5 s, warm ≤ 300 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from data_access import cache  # noqa: E402
from tests.apptest import run_app  # noqa: E402
from tests.test_browser import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    open_signed_in,
    streamlit_server,
    wait_until_settled,
)

PAGES = {
    "overview": ("pages/overview.py", {}, ""),
    "budget": ("pages/budget.py", {}, "budget"),
    "skill_income": ("pages/skill_income.py", {}, "skill_income"),
    "province": ("pages/province.py", {"province": "50"}, "province?province=50"),
    "budget_planning": ("pages/budget_planning.py", {}, "budget_planning"),
    "data_quality": ("pages/data_quality.py", {}, "data_quality"),
    "labour": ("pages/labour.py", {}, "labour"),
}
TARGETS = {"cold": 1.0, "warm": 0.15, "browser": 3.0}
RUNS = 5
# The main title once the script run of the page now in the URL has drawn it: not the title the
# page before it left on screen (a click's first frames still show the old page as settled).
NEW_PAGE = """([before, path]) => {
    const title = document.querySelector('[data-testid="stMain"] h1');
    return title && title.innerText !== before && location.pathname.endsWith(path);
}"""


def database(path: Path, participants: int) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{path}",
        "CITIZEN_ID_KEY": "bench-key-0123456789abcdef0123456789abcdef",
    }
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        print(f"making {path} with {participants:,} participants …", flush=True)
        command = [sys.executable, "-m", "data_access", "init", "--demo", "--participants", str(participants)]
        subprocess.run(command, cwd=ROOT, env=env, check=True)
    return env


def timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def apptest_times(page: str, params: dict[str, str], runs: int = RUNS) -> tuple[float, float]:
    """(cold, warm) medians of `runs` seconds of one script run of app.py with `page`."""
    at = run_app(page=page, user="demo_exec", timeout=120, **params)
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception[0].value}")
    title = at.title[0].value

    def cold_run() -> float:
        cache.clear()
        return timed(at.run)

    cold = statistics.median(cold_run() for _ in range(runs))
    if at.title[0].value != title:
        raise RuntimeError(f"{page}: a rerun showed another page")
    warm = statistics.median(timed(at.run) for _ in range(runs))
    return cold, warm


def frame_times(runs: int = RUNS) -> tuple[float, float]:
    """(cold, warm median of 5) seconds of a whole first run of app.py, a new session each time.
    One untimed run first imports the modules (a server does that once, at start)."""
    run_app(user="demo_exec", timeout=120)
    cache.clear()
    cold = timed(lambda: run_app(user="demo_exec", timeout=120))
    warm = statistics.median(timed(lambda: run_app(user="demo_exec", timeout=120)) for _ in range(runs))
    return cold, warm


def browser_times(env: dict[str, str]) -> dict[str, float]:
    """Median of 3 visits of each page by a signed-in user: from the click on the page's link in the
    sidebar until the page has settled. Each visit is a new session, signed in on the Overview."""
    from playwright.sync_api import sync_playwright

    times: dict[str, float] = {}
    with streamlit_server(env) as base_url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for name, (_, _, path) in PAGES.items():
            visits = []
            for _ in range(3):
                context = browser.new_context(viewport={"width": 1366, "height": 768})
                page = context.new_page()
                open_signed_in(page, base_url, "budget_planning" if name == "overview" else "")
                wait_until_settled(page)
                target = f"{base_url}/{path.split('?')[0]}"
                link = page.locator(f'[data-testid="stSidebarNav"] a[href="{target}"]')
                before = page.locator('[data-testid="stMain"] h1').first.inner_text()
                start = time.perf_counter()
                link.first.click()
                page.wait_for_function(NEW_PAGE, arg=[before, f"/{path.split('?')[0]}"], timeout=60_000)
                visits.append(wait_until_settled(page) - start)
                context.close()
            times[name] = statistics.median(visits)
        browser.close()
    return times


def verdict(value: float, target: float) -> str:
    if value != value:  # not measured
        return "—"
    return "ok" if value <= target else f"MISSES {target:g} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/work/bench-data/demo_5m.db"))
    parser.add_argument("--participants", type=int, default=5_000_000)
    parser.add_argument("--runs", type=int, default=RUNS, help="runs per median (default 5)")
    parser.add_argument("--no-browser", action="store_true", help="AppTest timings only")
    args = parser.parse_args()
    env = database(args.db, args.participants)
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "CITIZEN_ID_KEY")})
    print(f"{'page':<14}{'cold s':>9}{'warm ms':>10}{'browser s':>11}")
    results = {"frame": frame_times(args.runs)}
    for name, (page, params, _) in PAGES.items():
        results[name] = apptest_times(page, params, args.runs)
    settled = browser_times(env) if CHROMIUM.exists() and not args.no_browser else {}
    for name, (cold, warm) in results.items():
        browser = settled.get(name, float("nan"))
        notes = [verdict(cold, TARGETS["cold"]), verdict(warm, TARGETS["warm"])]
        if settled:
            notes.append(verdict(browser, TARGETS["browser"]))
        print(f"{name:<14}{cold:>9.2f}{warm * 1000:>10.0f}{browser:>11.2f}   {' · '.join(notes)}")
    if not settled and not args.no_browser:
        print(f"(no browser timings: {CHROMIUM} is missing)")


if __name__ == "__main__":
    main()
