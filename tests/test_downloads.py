"""Every file a page offers goes through the one audited download helper (ui/downloads.py)."""

import ast
import io
import json
from pathlib import Path

import openpyxl
from streamlit.runtime.media_file_manager import MediaFileManager

from data_access import audit
from data_access.selection import Scope
from tests.apptest import run_app

ROOT = Path(__file__).resolve().parent.parent
ADMIN = Scope("admin", "admin")


def _download_buttons(path: Path) -> list[tuple[str, str]]:
    """(file, enclosing function or "<module>") of every `download_button` the file calls."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    enclosing = {}
    for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)):
        for node in ast.walk(function):
            enclosing.setdefault(id(node), function.name)
    file = str(path.relative_to(ROOT))
    return [
        (file, enclosing.get(id(node), "<module>"))
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr == "download_button"
    ]


def test_every_download_button_is_the_audited_helpers():
    files = sorted([*(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py"), ROOT / "app.py"])
    calls = [call for path in files for call in _download_buttons(path)]
    assert calls == [("ui/downloads.py", "_download")]


def _registered(monkeypatch) -> dict:
    """file name → the callable Streamlit registered for its download button (a click runs it)."""
    registered = {}
    add_deferred = MediaFileManager.add_deferred

    def recording(self, callable_, mimetype, coordinates, file_name=None, **kwargs):
        registered[file_name] = callable_
        return add_deferred(self, callable_, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", recording)
    return registered


def test_the_province_comparison_downloads_numbers_with_formats_and_the_definitions(
    own_demo_app, monkeypatch
):
    registered = _registered(monkeypatch)
    at = run_app(page="pages/province.py", user="demo_exec", province="50", fy="2567")
    assert not at.exception
    book = openpyxl.load_workbook(io.BytesIO(registered["province_50_2567.xlsx"]()))
    assert book.sheetnames[1] == "นิยามตัวชี้วัด"
    rows = {row[0].value: row for row in book[book.sheetnames[0]].iter_rows(min_row=2)}
    participants, rate = rows["ผู้เข้าอบรม"], rows["อัตราผ่านการอบรม"]
    assert participants[1].value == "คน" and isinstance(participants[2].value, int | float)
    assert participants[2].number_format == "#,##0"
    assert 0 <= rate[2].value <= 1 and rate[2].number_format == "0.0%"
    assert rate[5].value in ("▲ ดีกว่า", "▼ ด้อยกว่า", "= เท่ากัน")
    defined = {row[0].value for row in book["นิยามตัวชี้วัด"].iter_rows(min_row=2)}
    assert {"ผู้เข้าอบรม", "อัตราผ่านการอบรม", "อัตราการมีงานทำ"} <= defined


def test_the_budget_plan_annex_is_audited_when_downloaded(own_demo_app, monkeypatch):
    """Clicking a download runs the callable Streamlit registered for it; here the test runs it."""
    registered = _registered(monkeypatch)
    at = run_app(page="pages/budget_planning.py", user="demo_exec", fy="2568")
    assert not at.exception
    downloads_before = len(audit.entries(own_demo_app, ADMIN, action="download"))
    data = registered["budget_plan_FY2569.xlsx"]()
    assert len(audit.entries(own_demo_app, ADMIN, action="download")) == downloads_before + 1
    assert openpyxl.load_workbook(io.BytesIO(data), read_only=True).sheetnames == ["แผนรายจังหวัด", "ที่มา"]
    entry = audit.entries(own_demo_app, ADMIN, action="download").iloc[0]
    assert (entry["username"], entry["rows"]) == ("demo_exec", 77)
    detail = json.loads(entry["detail"])
    assert (detail["file"], detail["fiscal_years"]) == ("budget_plan_FY2569.xlsx", [2568])
