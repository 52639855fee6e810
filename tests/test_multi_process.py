"""Several app processes behind HAProxy on one PostgreSQL database (deploy/multi_process.sh):
the script starts them and they serve the app with sticky sessions, and the data version keeps
every process's cache right when another process writes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import date

import pytest

from data_access import demo
from tests.builder import Dataset
from tests.conftest import _postgres_database, require_tool
from tests.test_browser import (
    CHROMIUM_ARGS,
    SETTLE_TIMEOUT_MS,
    free_port,
    require_chromium,
    wait_until_settled,
)
from tests.test_browser_session import DEMO_BUTTON, SIGN_OUT, wait_for_cookie

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRIPT = os.path.join(ROOT, "deploy", "multi_process.sh")

# A process of its own that answers one line per request with the participants it has (cached).
READER = """
import sys
from datetime import date
from data_access import cache, kpis
from data_access.db import Database
from data_access.selection import Scope, Selection
db = Database(sys.argv[1])
selection, scope = Selection(as_of=date(2030, 1, 1)), Scope("reader", "executive")
for _ in sys.stdin:
    print(kpis.kpi_summary(db, selection, scope)["participants"], len(cache._entries), flush=True)
"""


@pytest.fixture(scope="module")
def demo_postgres():
    os.environ.setdefault("CITIZEN_ID_KEY", "test-key-0123456789abcdef0123456789abcdef")
    with _postgres_database("dashboard_multi") as database:
        demo.generate(database, participants_total=3000, seed=5)
        yield database


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=5) as reply:
        return reply.status, reply.headers.get("Set-Cookie") or ""


def _wait_for_proxy(url: str, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"multi_process.sh exited with {process.returncode}: {process.stdout.read()}")
        try:
            if _get(url)[0] == 200:
                return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError("the proxy did not answer")


@pytest.fixture
def two_processes(demo_postgres):
    require_tool("haproxy", "haproxy")
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": demo_postgres.url,
        "CITIZEN_ID_KEY": os.environ["CITIZEN_ID_KEY"],
        "PYTHON": sys.executable,
    }
    process = subprocess.Popen(
        [SCRIPT, "2", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_for_proxy(f"{base_url}/_stcore/health", process)
        yield base_url, port
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_the_script_refuses_sqlite(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}"}
    done = subprocess.run([SCRIPT, "2"], env=env, capture_output=True, text=True, timeout=30)
    assert done.returncode == 2
    assert "PostgreSQL" in done.stderr


def test_the_script_starts_every_process_behind_a_sticky_proxy(two_processes):
    base_url, port = two_processes
    for i in (1, 2):
        assert _get(f"http://127.0.0.1:{port + i}/_stcore/health")[0] == 200
    cookies = {_get(f"{base_url}/")[1].split(";")[0] for _ in range(4)}
    assert cookies == {"DASHBOARD_NODE=app1", "DASHBOARD_NODE=app2"}


def test_each_browser_stays_on_its_process_sees_the_app_and_stays_signed_in_on_reload(two_processes):
    require_chromium()
    from playwright.sync_api import sync_playwright

    base_url, _ = two_processes
    nodes = set()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for _ in range(2):
            context = browser.new_context()
            page = context.new_page()
            page.goto(base_url)
            page.locator(".st-key-demo_demo_exec button").click(timeout=SETTLE_TIMEOUT_MS)
            wait_until_settled(page)
            assert page.locator('[data-testid="stMain"] h1').first.inner_text()
            assert not page.locator('[data-testid="stException"]').count()
            wait_for_cookie(context)  # the session cookie, set through the proxy by the app's endpoint
            page.reload()
            wait_until_settled(page)
            assert page.locator(SIGN_OUT).count() == 1 and page.locator(DEMO_BUTTON).count() == 0
            nodes |= {c["value"] for c in context.cookies() if c["name"] == "DASHBOARD_NODE"}
            context.close()
        browser.close()
    assert nodes == {"app1", "app2"}


def test_a_write_in_one_process_refreshes_another_process_cache(demo_postgres):
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, demo_postgres.url],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:

        def ask() -> tuple[int, int]:
            reader.stdin.write("\n")
            reader.stdin.flush()
            participants, entries = reader.stdout.readline().split()
            return int(participants), int(entries)

        before, entries = ask()
        assert ask() == (before, entries)  # served from its cache
        d = Dataset().course("NEW", province="50", fy=2567, start=date(2024, 1, 5), end=date(2024, 1, 9))
        d.participant("NEW", "n1").participant("NEW", "n2").load(demo_postgres)
        assert ask()[0] == before + 2
    finally:
        reader.stdin.close()
        reader.wait(timeout=30)
