"""Every page in a real browser (Debian's chromium) against `streamlit run serve.py` on a small demo database.

Each page must finish running with no exception box, no console error, no failed request and no
request to any host but this machine (the dashboard runs on an intranet without internet). A
screenshot of each page goes to test-artifacts/. Skips where /usr/bin/chromium is missing, except
under CI=true, where it fails.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest

from assets.i18n import t

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
PAGES = {
    "overview": "",
    "budget": "budget",
    "skill_income": "skill_income",
    "province": "province?province=50",
    "budget_planning": "budget_planning",
    "downloads": "downloads",
    "data_import": "data_import",
    "data_quality": "data_quality",
    "admin": "admin",
    "overview_en": "?lang=en&fy=2567",
}
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
SETTLE_TIMEOUT_MS = 60_000


def require_chromium() -> None:
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} is missing (apt-get install chromium)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"browser tests must run under CI=true: {reason}")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def demo_database(folder: Path, participants: int = 3000) -> dict[str, str]:
    """Environment for a demo SQLite database in `folder`, made with the command line once."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'demo.db'}",
        "CITIZEN_ID_KEY": "browser-test-key-0123456789abcdef0123456789abcdef",
    }
    if not (folder / "demo.db").exists():
        command = [sys.executable, "-m", "data_access", "init", "--demo", "--participants", str(participants)]
        subprocess.run([*command, "--seed", "5"], cwd=ROOT, env=env, check=True, capture_output=True)
    return env


@contextmanager
def streamlit_server(env: dict[str, str]) -> Iterator[str]:
    """`streamlit run serve.py` (app.py and the session-cookie endpoints) on a free port; yields its
    base URL, stops it afterwards."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.headless", "true"]
    process = subprocess.Popen(
        [*command, "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_for_health(base_url, process)
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=20)


def _wait_for_health(base_url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError("streamlit did not start")


def open_signed_in(page, base_url: str, path: str = "", account: str = "demo_admin") -> None:
    """Open `path` and sign in there with a demo account: the sign-in screen answers every page's
    URL, and after signing in the same URL shows its page. The one place where sign-in happens."""
    page.goto(f"{base_url}/{path}")
    page.locator(f".st-key-demo_{account} button").click(timeout=SETTLE_TIMEOUT_MS)


UNEXPECTED = t("app.unexpected_error", "th", reference="").split(" ")[0]  # the notice's first words

SETTLED = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if (!document.querySelector('[data-testid="stMain"] h1')) return false;
    if (document.querySelector('[data-testid="stSkeleton"], [data-testid="stStatusWidget"]')) return false;
    const charts = document.querySelectorAll('[data-testid="stPlotlyChart"]');
    return [...charts].every(c => c.querySelector('.main-svg'));
}"""


def wait_until_settled(page) -> float:
    """Until the script has finished running and everything it sent is drawn, still so 0.5 s
    later (a rerun can start right after a first run ends). Returns when it first looked settled
    (time.perf_counter), so timings leave out the half second of checking."""
    while True:
        page.wait_for_function(SETTLED, timeout=SETTLE_TIMEOUT_MS)
        settled_at = time.perf_counter()
        page.wait_for_timeout(500)
        if page.evaluate(SETTLED):
            return settled_at


def screenshot(page, name: str) -> None:
    """The whole page: Streamlit scrolls inside its main block, so the window grows to fit it."""
    size = page.viewport_size
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 12_000)})
    page.wait_for_timeout(800)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    page.set_viewport_size(size)


# On a deep link (/budget) Streamlit's frontend first looks for its server under the page's path
# (/budget/_stcore/health), gets a 404 and falls back to the root: expected, not a failure.
BASE_PATH_PROBES = ("/_stcore/health", "/_stcore/host-config")


class Watch:
    """Collects what must not happen on a page: console errors, failed or non-local requests.

    HTTP errors are checked on the responses themselves (with their URL), so the browser's own
    console line about them ("Failed to load resource") is not counted twice.
    """

    def __init__(self, page):
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("requestfailed", self._failed)
        page.on("request", self._request)
        page.on("response", self._response)

    def _console(self, message) -> None:
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.problems.append(f"console: {message.text}")

    def _failed(self, request) -> None:
        self.problems.append(f"failed request: {request.url} ({request.failure})")

    def _response(self, response) -> None:
        path = urlparse(response.url).path
        probe = path.endswith(BASE_PATH_PROBES) and path.count("/") > 2
        if response.status >= 400 and not probe:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def _request(self, request) -> None:
        host = urlparse(request.url).hostname
        if request.url.startswith(("http:", "https:", "ws:", "wss:")) and host not in LOCAL_HOSTS:
            self.problems.append(f"request off the machine: {request.url}")


@pytest.fixture(scope="module")
def database_env(tmp_path_factory):
    require_chromium()
    return demo_database(tmp_path_factory.mktemp("browser"))


@pytest.fixture(scope="module")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def base_url(database_env, browser):
    """A server whose first session opened the app's root (see the fresh-server test below)."""
    with streamlit_server(database_env) as url:
        page = browser.new_page()
        open_signed_in(page, url)
        wait_until_settled(page)
        page.close()
        yield url


@pytest.mark.parametrize("name", list(PAGES))
def test_page_runs_cleanly_offline(browser, base_url, name):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    watch = Watch(page)
    open_signed_in(page, base_url, PAGES[name])
    wait_until_settled(page)
    screenshot(page, name)
    exceptions = page.locator('[data-testid="stException"]').all_inner_texts()
    told = [m for m in page.locator('[data-testid="stAlert"]').all_inner_texts() if UNEXPECTED in m]
    context.close()
    assert exceptions == [] and told == []  # neither Streamlit's error box nor ui.unexpected's notice
    assert watch.problems == []


def test_province_map_fits_a_phone(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    watch = Watch(page)
    open_signed_in(page, base_url)
    wait_until_settled(page)
    screenshot(page, "overview_phone")
    widths = page.eval_on_selector_all(
        '[data-testid="stPlotlyChart"] .main-svg', "svgs => svgs.map(s => s.getBoundingClientRect().right)"
    )
    context.close()
    assert widths and max(widths) <= 390
    assert watch.problems == []


def test_clicking_a_map_tile_opens_that_provinces_page(browser, base_url):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    open_signed_in(page, base_url)
    wait_until_settled(page)
    page.locator('[data-testid="stPlotlyChart"]').first.scroll_into_view_if_needed()
    where = page.evaluate(
        """code => {
            const plot = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
            const tiles = plot._fullData[2], x = plot._fullLayout.xaxis, y = plot._fullLayout.yaxis;
            const box = plot.getBoundingClientRect(), i = tiles.customdata.indexOf(code);
            return {x: box.left + x._offset + x.l2p(tiles.x[i]), y: box.top + y._offset + y.l2p(tiles.y[i])};
        }""",
        "96",
    )
    page.mouse.click(where["x"], where["y"])
    page.wait_for_url("**/province?*province=96*")
    wait_until_settled(page)
    assert "นราธิวาส" in page.locator('[data-testid="stMain"]').inner_text()
    page.close()


def test_choosing_a_province_in_the_select_box_opens_its_page(browser, base_url):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    open_signed_in(page, base_url)
    wait_until_settled(page)
    page.locator('[data-testid="stSelectbox"]').filter(has_text="เปิดหน้าจังหวัด").click()
    page.keyboard.type("เชียงใหม่")
    page.keyboard.press("Enter")
    page.wait_for_url("**/province?region=north&province=50")
    wait_until_settled(page)
    title = page.locator('[data-testid="stMain"] h1').first.inner_text()
    text = page.locator('[data-testid="stMain"]').inner_text()
    page.close()
    assert title == "ข้อมูลรายจังหวัด"
    assert "เชียงใหม่" in text and "ลำพูน" not in text


@pytest.mark.parametrize(
    ("link", "expected"),
    [("budget?province=50", "เชียงใหม่"), ("?lang=en&fy=2566", "Project outcomes at a glance")],
)
def test_a_link_works_as_a_fresh_servers_first_request(browser, database_env, link, expected):
    """Streamlit 1.67 runs a fresh server's first script the old multipage way (a pages/ folder
    exists): a page file alone, or app.py with widgets that forget their state.
    ui.session.restart_in_current_navigation() restarts such a run."""
    with streamlit_server(database_env) as url:
        page = browser.new_page()
        watch = Watch(page)
        open_signed_in(page, url, link)
        wait_until_settled(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert expected in page.locator('[data-testid="stMain"]').inner_text()
        assert watch.problems == []


def test_a_provincial_head_sees_no_other_province(browser, base_url):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    open_signed_in(page, base_url, "province?province=10", account="demo_cm")
    wait_until_settled(page)
    text = page.locator('[data-testid="stApp"]').inner_text()
    notice = page.locator('[data-testid="stAlert"]', has_text="ละไว้").inner_text()
    screenshot(page, "province_demo_cm")
    page.close()
    assert "กรุงเทพมหานคร" in notice  # the refusal names what was left out, and nothing else does
    assert "เชียงใหม่" in text and "กรุงเทพมหานคร" not in text.replace(notice, "")


def test_an_executive_downloads_the_brief_from_the_overview(browser, base_url, tmp_path):
    from tests import pdftext

    page = browser.new_page(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    open_signed_in(page, base_url, account="demo_exec")
    wait_until_settled(page)
    with page.expect_download(timeout=SETTLE_TIMEOUT_MS) as download:
        page.get_by_role("button", name="ดาวน์โหลดสรุปผู้บริหาร (PDF)").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    page.close()
    assert saved.name == "brief_2568_all.pdf"
    text = pdftext.squashed(pdftext.text(saved.read_bytes()))
    assert "สรุปสำหรับผู้บริหาร" in text and "ทั้งประเทศ·ปีงบประมาณ2568" in text


def test_the_map_indicator_chosen_is_kept_after_visiting_another_page(browser, base_url):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    open_signed_in(page, base_url)
    wait_until_settled(page)
    choice = page.locator('[data-testid="stSelectbox"]').filter(has_text="ตัวชี้วัดบนแผนที่")
    choice.click()
    page.keyboard.type("อัตราการเบิกจ่าย")
    page.keyboard.press("Enter")
    page.wait_for_url("**/?*kpi=disbursement_rate*")
    wait_until_settled(page)
    page.locator(f'[data-testid="stSidebarNav"] a[href="{base_url}/budget"]').click()
    page.wait_for_url("**/budget*")
    wait_until_settled(page)
    page.locator(f'[data-testid="stSidebarNav"] a[href="{base_url}/"]').click()
    wait_until_settled(page)
    shown = choice.locator("input").input_value()
    map_title = page.locator(".st-key-chart_province_map").inner_text()
    url = page.url
    page.close()
    assert shown == "อัตราการเบิกจ่าย" and "kpi=disbursement_rate" in url
    assert map_title.startswith("อัตราการเบิกจ่าย")
