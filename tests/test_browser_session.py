"""A signed-in browser stays signed in across reloads and tabs, and no longer than it should
(Playwright against `streamlit run serve.py`; the harness is tests/test_browser.py's)."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from tests.test_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    SETTLE_TIMEOUT_MS,
    Watch,
    demo_database,
    open_signed_in,
    require_chromium,
    streamlit_server,
    wait_until_settled,
)
from ui.session_cookie import COOKIE

SIGN_OUT = ".st-key-sign_out button"
DEMO_BUTTON = ".st-key-demo_demo_exec button"


@pytest.fixture(scope="module")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def database_env(tmp_path_factory):
    require_chromium()
    return demo_database(tmp_path_factory.mktemp("session"))


@pytest.fixture(scope="module")
def base_url(database_env, browser):
    with streamlit_server(database_env) as url:
        yield url


def signed_in_tab(browser, base_url, account: str = "demo_exec"):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    watch = Watch(page)
    open_signed_in(page, base_url, account=account)
    page.locator(SIGN_OUT).wait_for(timeout=SETTLE_TIMEOUT_MS)
    wait_for_cookie(context)
    return context, page, watch


def wait_for_cookie(context, timeout_s: float = 20) -> dict:
    page = context.pages[0]
    for _ in range(int(timeout_s * 4)):
        found = [c for c in context.cookies() if c["name"] == COOKIE]
        if found:
            return found[0]
        page.wait_for_timeout(250)
    raise AssertionError("the session cookie was never set")


def test_a_reload_and_a_new_tab_stay_signed_in(browser, base_url):
    context, page, watch = signed_in_tab(browser, base_url)
    cookie = wait_for_cookie(context)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/"
    assert COOKIE not in page.evaluate("document.cookie")  # scripts cannot read it
    wait_until_settled(page)  # a reload mid-load would abort the page's own script requests
    page.reload()
    wait_until_settled(page)
    assert page.locator(SIGN_OUT).count() == 1 and page.locator(DEMO_BUTTON).count() == 0
    second = context.new_page()
    second.goto(f"{base_url}/budget")
    wait_until_settled(second)
    assert second.locator(SIGN_OUT).count() == 1
    assert watch.problems == []
    context.close()


def test_sign_out_in_one_tab_ends_the_other_and_the_copied_token(browser, base_url):
    context, first, _ = signed_in_tab(browser, base_url)
    token = wait_for_cookie(context)["value"]
    second = context.new_page()
    second.goto(f"{base_url}/budget")
    wait_until_settled(second)
    first.locator(SIGN_OUT).click()
    first.locator(DEMO_BUTTON).wait_for(timeout=SETTLE_TIMEOUT_MS)
    next_run(second)
    second.locator(DEMO_BUTTON).wait_for(timeout=SETTLE_TIMEOUT_MS)
    wait_until_settled(second)
    assert "ออกจากระบบแล้ว (จากแท็บนี้หรือแท็บอื่นของเบราว์เซอร์)" in second.locator("[data-testid=stApp]").inner_text()
    context.close()

    thief = browser.new_context()
    thief.add_cookies([{"name": COOKIE, "value": token, "url": base_url}])
    page = thief.new_page()
    page.goto(base_url)
    page.locator(DEMO_BUTTON).wait_for(timeout=SETTLE_TIMEOUT_MS)
    assert page.locator(SIGN_OUT).count() == 0
    thief.close()


def next_run(page) -> None:
    """A click that runs the page's script again in the same tab (the first page link)."""
    page.locator('[data-testid="stSidebarNav"] a').first.click()


def test_a_disabled_users_open_tab_stops_at_its_next_run(browser, base_url, database_env):
    from data_access import users
    from data_access.db import Database

    db = Database(database_env["DATABASE_URL"])
    context, page, _ = signed_in_tab(browser, base_url, account="demo_north_staff")
    users.set_disabled(db, "demo_north_staff", True, actor="test")
    try:
        next_run(page)
        page.locator(DEMO_BUTTON).wait_for(timeout=SETTLE_TIMEOUT_MS)
        wait_until_settled(page)
        text = page.locator("[data-testid=stApp]").inner_text()
    finally:
        users.set_disabled(db, "demo_north_staff", False, actor="test")
        db.dispose()
        context.close()
    assert "บัญชีนี้ถูกระงับการใช้งาน จึงออกจากระบบแล้ว" in text


def test_the_endpoint_refuses_other_origins_and_unknown_codes(base_url):
    def post(origin: str | None, body: bytes) -> int:
        request = urllib.request.Request(f"{base_url}/session/start", data=body, method="POST")
        if origin:
            request.add_header("Origin", origin)
        try:
            with urllib.request.urlopen(request, timeout=10) as reply:
                return reply.status
        except urllib.error.HTTPError as error:
            return error.code

    assert post("http://evil.example", b"x") == 403
    assert post(None, b"x") == 403
    assert post(base_url, b"not a code") == 403


def test_idle_expiry_is_said_on_the_page_when_it_happens(browser, database_env):
    env = {**database_env, "DASHBOARD_SESSION_MINUTES": "0.1"}  # six seconds
    with streamlit_server(env) as url:
        context = browser.new_context()
        page = context.new_page()
        open_signed_in(page, url, account="demo_exec")
        page.locator(SIGN_OUT).wait_for(timeout=SETTLE_TIMEOUT_MS)
        notice = page.get_by_text("ออกจากระบบแล้ว เนื่องจากไม่มีการใช้งานเกิน 0.1 นาที")
        notice.wait_for(timeout=30_000)  # nobody clicks: the timer notices
        wait_until_settled(page)
        assert page.locator(DEMO_BUTTON).count() == 1 and page.locator(SIGN_OUT).count() == 0
        context.close()
