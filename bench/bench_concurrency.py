"""Simultaneous users in real browsers: one chromium, one context per user, all at once.

    python bench/bench_concurrency.py [--users 5 10 20] [--db /work/bench-data/demo_5m.db]
    python bench/bench_concurrency.py --url http://127.0.0.1:8500   # e.g. deploy/multi_process.sh
    python bench/bench_concurrency.py --protocol [--users 20 50]   # users without a browser

Each user signs in on the Overview, then visits every page of VISITS in turn by clicking its link
in the sidebar. A visit lasts from the click until the new page has drawn its own title and
settled; one that takes longer than TIMEOUT_S, or errs, is a failure. Without --url the script
starts one `streamlit run app.py` on the database (made with `init --demo` if missing) for each
round, so every round starts with cold caches.
Target (issue 13): with 20 users, p95 per visit ≤ 5 s and no failure.

Where the time goes: each round also prints the CPU seconds the dashboard's processes used (every
process whose command line runs `streamlit`) and the CPU seconds the rest of the machine used in
the same time, which during a round is the benchmark's own chromium drawing 20 pages (Linux /proc).

With --protocol the users are bench.protocol_user sessions instead of browser tabs: the same
sign-in and visits in Streamlit's websocket messages, timed until the page's last message came,
so the machine's two cores serve pages and draw none (each person's browser draws on their own
computer). A visit whose page is not the one asked for, or that shows an error, is a failure.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from contextlib import nullcontext
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_pages import NEW_PAGE, database  # noqa: E402
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, SETTLED, streamlit_server  # noqa: E402

VISITS = ("budget", "skill_income", "province", "budget_planning", "data_quality", "")
TIMEOUT_S = 30
TARGET_P95_S = 5.0
# How often a page is asked whether it is done. Playwright's default asks on every animation frame:
# 20 pages reading innerText 60 times a second made the drawing they wait for slower still.
POLL_MS = 100


TICK = os.sysconf("SC_CLK_TCK")


def machine_busy_s() -> float:
    """CPU seconds the whole machine has spent busy since boot (/proc/stat)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return (user + nice + system + irq + softirq + steal) / TICK


def server_cpu_s() -> float:
    """CPU seconds used so far by the running dashboard processes (command line has streamlit)."""
    total = 0.0
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and b"streamlit" in (proc / "cmdline").read_bytes():
                stat = (proc / "stat").read_text().rsplit(")", 1)[1].split()
                total += (int(stat[11]) + int(stat[12])) / TICK  # utime, stime
        except OSError:  # the process ended while being read
            continue
    return total


async def settled(page, timeout_s: float) -> float:
    """As tests.test_browser.wait_until_settled: settled, and still so half a second later."""
    while True:
        await page.wait_for_function(SETTLED, polling=POLL_MS, timeout=timeout_s * 1000)
        at = time.perf_counter()
        await page.wait_for_timeout(500)
        if await page.evaluate(SETTLED):
            return at


async def new_context(browser, base_url: str, warm: bool):
    """A user's browser; a warm one has opened the dashboard before (untimed), so it holds the
    front end's scripts and their compiled code, as a browser that was here yesterday does."""
    context = await browser.new_context(viewport={"width": 1366, "height": 768})
    if warm:
        page = await context.new_page()
        await page.goto(base_url)
        await settled(page, TIMEOUT_S * 4)
        await page.close()
    return context


async def one_user(context, base_url: str, account: str) -> tuple[float | None, list[float | None]]:
    """(sign-in seconds, seconds per visit), None for each failure."""
    page = await context.new_page()
    visits: list[float | None] = []
    try:
        start = time.perf_counter()
        await page.goto(base_url)
        await page.locator(f".st-key-demo_{account} button").click(timeout=TIMEOUT_S * 1000)
        sign_in = await settled(page, TIMEOUT_S) - start
    except Exception:  # noqa: BLE001 — a benchmark counts any failure, it does not stop
        await context.close()
        return None, [None] * len(VISITS)
    for path in VISITS:
        try:
            before = await page.locator('[data-testid="stMain"] h1').first.inner_text()
            link = page.locator(f'[data-testid="stSidebarNav"] a[href="{base_url}/{path}"]')
            start = time.perf_counter()
            await link.first.click(timeout=TIMEOUT_S * 1000)
            await page.wait_for_function(
                NEW_PAGE, arg=[before, f"/{path}"], polling=POLL_MS, timeout=TIMEOUT_S * 1000
            )
            visits.append(await settled(page, TIMEOUT_S) - start)
        except Exception:  # noqa: BLE001
            visits.append(None)
    await context.close()
    return sign_in, visits


async def one_protocol_user(base_url: str, account: str) -> tuple[float | None, list[float | None]]:
    """As one_user, in Streamlit's messages instead of a browser."""
    from bench.protocol_user import ProtocolUser

    visits: list[float | None] = []
    async with ProtocolUser(base_url, TIMEOUT_S) as user:
        try:
            await user.open()
            sign_in = await user.press(f"demo_{account}")
        except Exception:  # noqa: BLE001 — a benchmark counts any failure, it does not stop
            return None, [None] * len(VISITS)
        for path in VISITS:
            try:
                took = await user.visit(path)
                drawn = user.page_hash == user.pages[path] and not user.errors
                visits.append(took if drawn else None)
            except Exception:  # noqa: BLE001
                visits.append(None)
    return sign_in, visits


async def round_of(base_url: str, users: int, protocol: bool = False, warm: bool = False) -> dict:
    if protocol:
        started = machine_busy_s(), server_cpu_s()
        results = await asyncio.gather(*(one_protocol_user(base_url, "demo_exec") for _ in range(users)))
    else:
        from playwright.async_api import async_playwright

        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            contexts = [await new_context(browser, base_url, warm) for _ in range(users)]  # one by one
            started = machine_busy_s(), server_cpu_s()  # the round's CPU, after any warming
            results = await asyncio.gather(*(one_user(c, base_url, "demo_exec") for c in contexts))
            await browser.close()
    sign_ins = [s for s, _ in results]
    visits = [v for _, vs in results for v in vs]
    return {"sign_in": sign_ins, "visits": visits, "cpu_from": started}


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def report(users: int, figures: dict, server_s: float, rest_s: float) -> None:
    visits = [v for v in figures["visits"] if v is not None]
    signs = [s for s in figures["sign_in"] if s is not None]
    failures = figures["visits"].count(None) + figures["sign_in"].count(None)
    p95 = percentile(visits, 0.95)
    verdict = (
        "ok" if p95 <= TARGET_P95_S and failures == 0 else f"MISSES p95 ≤ {TARGET_P95_S:g} s, no failure"
    )
    print(
        f"{users:>6}{statistics.median(visits) if visits else float('nan'):>10.2f}{p95:>10.2f}"
        f"{statistics.median(signs) if signs else float('nan'):>12.2f}{percentile(signs, 0.95):>10.2f}"
        f"{failures:>10}{server_s:>10.1f}{rest_s:>10.1f}   {verdict}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, nargs="+", default=[5, 10, 20])
    parser.add_argument("--url", help="a running dashboard (signed in with the demo accounts)")
    parser.add_argument("--db", type=Path, default=Path("/work/bench-data/demo_5m.db"))
    parser.add_argument("--participants", type=int, default=5_000_000)
    parser.add_argument("--protocol", action="store_true", help="users in Streamlit's messages, no browser")
    parser.add_argument("--warm-browsers", action="store_true", help="browsers that were here before")
    args = parser.parse_args()
    print(
        f"{'users':>6}{'p50 s':>10}{'p95 s':>10}{'sign-in p50':>12}{'p95':>10}{'failures':>10}"
        f"{'server':>10}{'rest':>10}   (CPU s)"
    )
    for users in args.users:
        server = nullcontext(args.url) if args.url else streamlit_server(database(args.db, args.participants))
        with server as base_url:
            figures = asyncio.run(round_of(base_url.rstrip("/"), users, args.protocol, args.warm_browsers))
            busy, served = figures["cpu_from"]
            server_s = server_cpu_s() - served
            report(users, figures, server_s, machine_busy_s() - busy - server_s)


if __name__ == "__main__":
    main()
