"""What each role sees on every page, in every download and from every command (DESIGN §7).

A provincial head and regional staff must never see a province outside their scope named
anywhere: text, tables, charts, options. Pages run on the demo database as each demo account.
"""

import io
import json

import pytest
from openpyxl import load_workbook

from data_access import reference
from data_access.cli import main
from data_access.selection import Scope
from tests.apptest import run_app
from tests.test_roles import visible_text
from ui import navigation

NORTH = set(reference.provinces_of_region("north"))
# Loei (เลย) and Tak (ตาก) are also everyday Thai words ("at all", "to dry"): matched in English.
EVERYDAY_WORDS = {"เลย", "ตาก"}


def names_outside(allowed) -> list[str]:
    return [
        p.name_en if p.name_th in EVERYDAY_WORDS else p.name_th
        for p in reference.provinces()
        if p.code not in allowed
    ]


OUTSIDE = {"demo_cm": names_outside({"50"}), "demo_north_staff": names_outside(NORTH)}
ROLE_OF = {
    "demo_exec": "executive",
    "demo_cm": "provincial",
    "demo_north_staff": "staff",
    "demo_admin": "admin",
}
ALWAYS = [
    "overview",
    "budget",
    "skill_income",
    "province",
    "labour",
    "budget_planning",
    "downloads",
    "data_quality",
]


def pages_of(user: str) -> list[str]:
    scope = Scope(user, ROLE_OF[user], frozenset({"50"}) if ROLE_OF[user] == "provincial" else None)
    return [spec.url_path for spec in navigation.PAGES if spec.allowed(scope)]


def test_each_role_gets_its_pages():
    assert pages_of("demo_exec") == ALWAYS
    assert pages_of("demo_cm") == ALWAYS
    assert pages_of("demo_north_staff") == [*ALWAYS[:7], "data_import", "data_quality"]
    assert pages_of("demo_admin") == [*ALWAYS[:7], "data_import", "data_quality", "admin"]


def everything_shown(at) -> str:
    charts = [chart.proto.spec for chart in at.get("plotly_chart")]
    return (
        visible_text(at)
        + "\n".join(charts)
        + "\n".join(e.value for e in at.get("expander") if hasattr(e, "value"))
    )


@pytest.mark.parametrize(
    ("user", "page"), [(user, page) for user in ("demo_cm", "demo_north_staff") for page in pages_of(user)]
)
def test_no_page_names_a_province_outside_the_scope(demo_app, user, page):
    at = run_app(page=f"pages/{page}.py", user=user)
    assert not at.exception
    shown = everything_shown(at)
    assert [name for name in OUTSIDE[user] if name in shown] == []


@pytest.mark.parametrize("page", ALWAYS)
def test_every_page_runs_for_an_executive(demo_app, page):
    at = run_app(page=f"pages/{page}.py", user="demo_exec")
    assert not at.exception
    assert at.title


@pytest.mark.parametrize(("user", "page"), [(user, page) for user in ROLE_OF for page in pages_of(user)])
def test_every_page_of_every_role_runs_on_postgresql(postgres_demo_url, monkeypatch, user, page):
    monkeypatch.setenv("DATABASE_URL", postgres_demo_url)
    at = run_app(page=f"pages/{page}.py", user=user)
    assert not at.exception
    if user in OUTSIDE:
        assert [name for name in OUTSIDE[user] if name in everything_shown(at)] == []


def test_export_as_a_provincial_head_holds_only_their_province(own_demo_app, tmp_path, capsys):
    out = tmp_path / "cm.xlsx"
    assert main(["export", "--out", str(out), "--fy", "2567", "--as", "demo_cm"]) == 0
    book = load_workbook(out, read_only=True)
    text = "\n".join(str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row)
    assert "เชียงใหม่" in text
    assert [name for name in OUTSIDE["demo_cm"] if name in text] == []


def test_plan_as_regional_staff_covers_only_their_region(demo_app, capsys):
    assert main(["plan", "--fy", "2567", "--as", "demo_north_staff", "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert {p["code"] for p in plan["provinces"]} <= NORTH


def test_import_as_staff_refuses_rows_outside_their_scope(own_demo_app, tmp_path, capsys):
    from tests.submission import small, xlsx

    sheets = small()
    sheets["courses"][2][2] = "กรุงเทพมหานคร"
    path = tmp_path / "bangkok.xlsx"
    path.write_bytes(xlsx(sheets))
    assert main(["import", str(path), "--as", "demo_north_staff"]) == 1
    assert "กรุงเทพมหานคร" in capsys.readouterr().out


def test_download_of_the_summary_on_a_page_is_cut_to_the_scope(demo_app):
    from data_access import exporter
    from data_access.selection import Selection
    from ui.downloads import summary_request
    from ui.session import PageContext

    cm = Scope("demo_cm", "provincial", frozenset({"50"}))
    ctx = PageContext(demo_app, cm, Selection(fiscal_years=(2567,)), "th", True)
    book = load_workbook(
        io.BytesIO(exporter.summary_workbook(demo_app, summary_request(ctx))), read_only=True
    )
    text = "\n".join(str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row)
    assert [name for name in OUTSIDE["demo_cm"] if name in text] == []


def test_brief_and_report_pack_of_a_provincial_head_name_only_their_province(own_demo_app, tmp_path, capsys):
    from tests import pdftext

    outside = [pdftext.squashed(name) for name in OUTSIDE["demo_cm"]]
    brief = tmp_path / "brief.pdf"
    assert main(["brief", "--fy", "2567", "--as", "demo_cm", "--out", str(brief)]) == 0
    assert main(["report-pack", "--fy", "2567", "--as", "demo_cm", "--out", str(tmp_path / "pack")]) == 0
    assert sorted(p.name for p in (tmp_path / "pack").iterdir()) == [
        "fonts",
        "index.html",
        "manifest.json",
        "province-50",
    ]
    texts = [
        pdftext.squashed(pdftext.text(path.read_bytes()))
        for path in (brief, tmp_path / "pack/province-50/brief-2567.pdf")
    ]
    texts += [
        (tmp_path / "pack" / name).read_text(encoding="utf-8") for name in ("index.html", "manifest.json")
    ]
    assert all("เชียงใหม่" in text for text in texts)
    assert [name for name in outside if any(name in text for text in texts)] == []
