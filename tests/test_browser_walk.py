"""The paths the browser review walked (issue 11), as the executive at 1440 px, the Chiang Mai
provincial head at 1280 px and North-region staff on a 390 px phone, in Thai: chart text inside
its chart, same-period changes, the laggards named, a drill-down and the way back, a narrowed
Overview that still reads, and no English words on a Thai page (Playwright; the harness is
tests/test_browser.py's)."""

# ruff: noqa: F811  (tests take the harness fixtures imported from tests/test_browser.py by name)
from __future__ import annotations

import re

from data_access import budget, demo, reference
from data_access.db import Database
from data_access.selection import Scope, Selection
from tests.test_browser import (  # noqa: F401  (base_url, browser, database_env are fixtures)
    Watch,
    base_url,
    browser,
    database_env,
    open_signed_in,
    screenshot,
    wait_until_settled,
)

MAIN = '[data-testid="stMain"]'
# Every text element of every chart's SVG layers that lies outside the chart's own box.
OUTSIDE = """() => {
    const out = [];
    for (const chart of document.querySelectorAll('[data-testid="stPlotlyChart"]')) {
        const box = chart.getBoundingClientRect();
        for (const text of chart.querySelectorAll('.main-svg text')) {
            const r = text.getBoundingClientRect();
            if (!r.width || !text.textContent.trim()) continue;
            const inside = r.left >= box.left - 1 && r.right <= box.right + 1
                && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
            if (!inside) out.push(text.textContent);
        }
    }
    return out;
}"""
TILE_CODES = """() => {
    const plot = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    return plot._fullData[2].customdata;
}"""
# Words a Thai page may show in Latin letters: names of file formats and the demo's course codes.
LATIN_ALLOWED = {"PDF", "Excel", "XLSX", "PNG", "MB"}


# The page's text as a reader sees it: Material icons are ligatures ("download", "keyboard_arrow_
# right") drawn as glyphs, so their names are not words on the page.
READABLE_TEXT = """() => {
    const main = document.querySelector('[data-testid="stMain"]').cloneNode(true);
    main.querySelectorAll('[data-testid="stIconMaterial"]').forEach(icon => icon.remove());
    return main.innerText;
}"""


def latin_words(page) -> set[str]:
    text = page.evaluate(READABLE_TEXT)
    return {w for w in re.findall(r"[A-Za-z]{3,}", text) if w not in LATIN_ALLOWED}


def lagging_names(env: dict[str, str]) -> list[str]:
    db = Database(env["DATABASE_URL"])
    selection = Selection(fiscal_years=(2568,), as_of=demo.AS_OF)
    _, behind = budget.lagging_provinces(db, selection, Scope("walk", "executive"))
    return [reference.province_name(code) for code in behind["province"]]


def test_the_executive_reads_the_overview_and_drills_down_and_back(browser, base_url, database_env):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    watch = Watch(page)
    open_signed_in(page, base_url, account="demo_exec")
    wait_until_settled(page)
    screenshot(page, "walk_exec_overview_1440")
    text = page.locator(MAIN).inner_text()
    # chart text (tick labels, tile names, target labels) lies inside its chart
    assert page.evaluate(OUTSIDE) == []
    # every card's change is against the same point of last year, said so
    deltas = page.locator('[data-testid="stMetricDelta"]').all_inner_texts()
    assert deltas and all(re.search(r"\d", d) for d in deltas)
    assert "เทียบ" in text and "2567" in text
    # the laggards are named, worst first
    behind = lagging_names(database_env)
    assert behind, "the demo data has provinces behind the disbursement target"
    named = text.split("ห่างเป้าหมายมากที่สุด:")[1].split("\n")[0]
    assert named.index(behind[0]) < named.index(behind[1])
    assert latin_words(page) == set()
    # a tile opens the province; the breadcrumb brings the whole country back
    page.locator('[data-testid="stPlotlyChart"]').first.scroll_into_view_if_needed()
    where = page.evaluate(
        """code => {
            const plot = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
            const tiles = plot._fullData[2], x = plot._fullLayout.xaxis, y = plot._fullLayout.yaxis;
            const box = plot.getBoundingClientRect(), i = tiles.customdata.indexOf(code);
            return {x: box.left + x._offset + x.l2p(tiles.x[i]), y: box.top + y._offset + y.l2p(tiles.y[i])};
        }""",
        "50",
    )
    page.mouse.click(where["x"], where["y"])
    page.wait_for_url("**/province?*province=50*")
    wait_until_settled(page)
    crumbs = page.locator(".st-key-breadcrumb").inner_text()
    assert [c.strip() for c in crumbs.split("›")] == ["ทั้งประเทศ", "ภาคเหนือ", "เชียงใหม่"]
    page.locator(f'[data-testid="stSidebarNav"] a[href="{base_url}/"]').click()
    wait_until_settled(page)
    page.locator(".st-key-breadcrumb_nation button").first.click()
    wait_until_settled(page)
    assert len(page.evaluate(TILE_CODES)) == 77
    assert "จาก 77 จังหวัด" in page.locator(MAIN).inner_text()
    context.close()
    assert watch.problems == []


def test_the_provincial_heads_overview_sets_the_province_beside_region_and_nation(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    open_signed_in(page, base_url, account="demo_cm")
    wait_until_settled(page)
    screenshot(page, "walk_cm_overview_1280")
    text = page.locator(MAIN).inner_text()
    assert page.evaluate(OUTSIDE) == []
    assert "เชียงใหม่" in text and "ภาคเหนือ" in text and "ทั้งประเทศ" in text
    assert "ทุกจังหวัด" not in text and "ดีที่สุด" not in text  # no rankings of one province
    others = [p.name_th for p in reference.provinces() if p.code != "50"]
    assert [name for name in others if name in text] == []
    assert latin_words(page) == set()
    context.close()


def test_north_staff_see_their_regions_tiles_on_a_phone(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    open_signed_in(page, base_url, account="demo_north_staff")
    wait_until_settled(page)
    screenshot(page, "walk_north_staff_overview_390")
    codes = page.evaluate(TILE_CODES)
    widths = page.eval_on_selector_all(
        '[data-testid="stPlotlyChart"] .main-svg', "svgs => svgs.map(s => s.getBoundingClientRect().right)"
    )
    latin = latin_words(page)
    outside = page.evaluate(OUTSIDE)
    context.close()
    assert sorted(codes) == sorted(reference.provinces_of_region("north"))
    assert max(widths) <= 390 and outside == []
    assert latin == set()
