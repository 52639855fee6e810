"""In the browser: each page has its own tab title, a page a role may not open says who may, the
file uploader's own English is replaced, and no English toolbar is drawn over Thai charts and tables
(Playwright; the harness is tests/test_browser.py's)."""

from __future__ import annotations

import pytest

from tests.test_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    Watch,
    demo_database,
    open_signed_in,
    require_chromium,
    streamlit_server,
    wait_until_settled,
)

AFTER = "(selector) => getComputedStyle(document.querySelector(selector), '::after').content"


@pytest.fixture(scope="module")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def base_url(tmp_path_factory, browser):
    require_chromium()
    with streamlit_server(demo_database(tmp_path_factory.mktemp("language"))) as url:
        yield url


def test_every_page_has_its_own_tab_title(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    open_signed_in(page, base_url, account="demo_exec")
    wait_until_settled(page)
    titles = [page.title()]
    for path in ("budget", "skill_income?lang=en"):
        page.goto(f"{base_url}/{path}")
        wait_until_settled(page)
        titles.append(page.title())
    context.close()
    assert titles == [
        "ภาพรวม · แดชบอร์ดผลลัพธ์ กระทรวงแรงงาน",
        "การใช้งบประมาณ · แดชบอร์ดผลลัพธ์ กระทรวงแรงงาน",
        "Skill to income · MOL Outcome Dashboard",
    ]


def test_a_page_the_role_may_not_open_says_who_may(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    watch = Watch(page)
    open_signed_in(page, base_url, "admin", account="demo_exec")
    wait_until_settled(page)
    text = page.locator('[data-testid="stMain"]').inner_text()
    context.close()
    assert "หน้านี้เปิดได้เฉพาะผู้ดูแลระบบ บทบาทของคุณ (ผู้บริหาร) จึงเปิดหน้านี้ไม่ได้" in text
    assert "บันทึกการใช้งาน" not in text and watch.problems == []


def test_the_uploader_reads_thai(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    open_signed_in(page, base_url, "data_import", account="demo_north_staff")
    wait_until_settled(page)
    zone = '[data-testid="stFileUploaderDropzone"]'
    button = page.evaluate(AFTER, f'{zone} [data-testid="stBaseButton-secondary"] p')
    limit = page.evaluate(AFTER, '[data-testid="stFileUploaderDropzoneInstructions"] span')
    shown = page.locator(zone).evaluate("e => getComputedStyle(e.querySelector('button p')).fontSize")
    context.close()
    assert (button, limit) == ('"เลือกไฟล์"', '"ไม่เกิน 50 MB ต่อไฟล์ • XLSX"')
    assert shown == "0px"  # Streamlit's own "Upload" is not drawn


def test_thai_charts_and_tables_have_no_english_toolbar_and_offer_a_thai_image(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    open_signed_in(page, base_url, "budget_planning", account="demo_exec")
    wait_until_settled(page)
    page.locator('[data-testid="stDataFrame"]').first.hover()
    toolbars = page.locator('[data-testid="stElementToolbar"]:visible').count()
    modebars = page.locator(".modebar").count()
    images = page.get_by_role("button", name="ภาพแผนภูมิ (PNG)").count()
    charts = page.locator('[data-testid="stPlotlyChart"]').count()
    page.goto(f"{base_url}/budget_planning?lang=en")
    wait_until_settled(page)
    page.locator('[data-testid="stDataFrame"]').first.hover()
    english_toolbars = page.locator('[data-testid="stElementToolbar"]:visible').count()
    context.close()
    assert (toolbars, modebars) == (0, 0)
    assert charts >= 1 and images == charts
    assert english_toolbars >= 1  # an English page keeps Streamlit's table search and fullscreen
