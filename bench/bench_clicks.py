"""The three clicks of issue 11, timed in a real browser on a large demo database: a demo account on
the sign-in screen until the Overview has drawn every chart, each page's link in the sidebar until
the new page has settled, and the Chiang Mai tile on the map until the province page has settled.

    python bench/bench_clicks.py [--db /work/bench-data/bench_1000000.db] [--participants 1000000]

Each figure is the median of 5 (--runs) visits, each visit a new browser context (a new session)
on one server whose caches are warm after the first visit, as the ministry's server is. Targets:
sign-in → Overview ≤ 2 s, page link ≤ 1.5 s, tile → province ≤ 1.5 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_pages import NEW_PAGE, PAGES, database  # noqa: E402
from tests.test_browser import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    SETTLE_TIMEOUT_MS,
    open_signed_in,
    streamlit_server,
    wait_until_settled,
)

TARGETS = {"sign_in": 2.0, "link": 1.5, "tile": 1.5}
# Where the Chiang Mai tile lies on the screen (the map is the first chart on the Overview).
TILE_AT = """code => {
    const plot = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    const tiles = plot._fullData[2], x = plot._fullLayout.xaxis, y = plot._fullLayout.yaxis;
    const box = plot.getBoundingClientRect(), i = tiles.customdata.indexOf(code);
    return {x: box.left + x._offset + x.l2p(tiles.x[i]), y: box.top + y._offset + y.l2p(tiles.y[i])};
}"""


def sign_in(browser, base_url: str) -> float:
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto(base_url)
    button = page.locator(".st-key-demo_demo_exec button")
    button.wait_for(timeout=SETTLE_TIMEOUT_MS)
    heading = page.locator('[data-testid="stMain"] h1')
    before = heading.first.inner_text() if heading.count() else ""
    start = time.perf_counter()
    button.click()
    page.wait_for_function(NEW_PAGE, arg=[before, "/"], timeout=60_000)
    elapsed = wait_until_settled(page) - start
    context.close()
    return elapsed


def link(browser, base_url: str, path: str) -> float:
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    open_signed_in(page, base_url, "budget_planning" if path == "" else "", account="demo_exec")
    wait_until_settled(page)
    before = page.locator('[data-testid="stMain"] h1').first.inner_text()
    target = page.locator(f'[data-testid="stSidebarNav"] a[href="{base_url}/{path}"]')
    start = time.perf_counter()
    target.first.click()
    page.wait_for_function(NEW_PAGE, arg=[before, f"/{path}"], timeout=60_000)
    elapsed = wait_until_settled(page) - start
    context.close()
    return elapsed


def tile(browser, base_url: str) -> float:
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    open_signed_in(page, base_url, account="demo_exec")
    wait_until_settled(page)
    page.locator('[data-testid="stPlotlyChart"]').first.scroll_into_view_if_needed()
    where = page.evaluate(TILE_AT, "50")
    before = page.locator('[data-testid="stMain"] h1').first.inner_text()
    start = time.perf_counter()
    page.mouse.click(where["x"], where["y"])
    page.wait_for_function(NEW_PAGE, arg=[before, "/province"], timeout=60_000)
    elapsed = wait_until_settled(page) - start
    context.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/work/bench-data/bench_1000000.db"))
    parser.add_argument("--participants", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5, help="visits per median (default 5)")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        sys.exit(f"{CHROMIUM} is missing (apt-get install chromium)")
    env = database(args.db, args.participants)
    from playwright.sync_api import sync_playwright

    with streamlit_server(env) as base_url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        first = sign_in(browser, base_url)  # the server's first visit fills its caches
        rows = [("sign-in → overview", [sign_in(browser, base_url) for _ in range(args.runs)], "sign_in")]
        for name, (_, _, path) in PAGES.items():
            path = path.split("?")[0]
            rows.append((f"link → {name}", [link(browser, base_url, path) for _ in range(args.runs)], "link"))
        rows.append(("tile → province", [tile(browser, base_url) for _ in range(args.runs)], "tile"))
        browser.close()
    print(f"first sign-in after the server started (cold caches): {first:.2f} s")
    print(f"{'click':<26}{'median s':>9}{'min s':>7}{'max s':>7}   target")
    for name, times, kind in rows:
        median, target = statistics.median(times), TARGETS[kind]
        verdict = "ok" if median <= target else "MISSES"
        print(f"{name:<26}{median:>9.2f}{min(times):>7.2f}{max(times):>7.2f}   ≤ {target:g} s {verdict}")


if __name__ == "__main__":
    main()
