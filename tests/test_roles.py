"""Scope everywhere (DESIGN §7): what each role sees on pages and from the command line, and that
tampering with the URL, the session or CLI arguments shows nothing outside the scope."""

import io
import json

import pytest
from openpyxl import load_workbook

from data_access import audit, demo, excel, kpis, reference
from data_access.cli import main
from data_access.excel import Column
from data_access.selection import Scope, Selection
from tests.apptest import run_app
from ui import format as fmt
from ui import session
from ui.downloads import audited

CHIANG_MAI = Scope("demo_cm", "provincial", frozenset({"50"}))
OTHER_PROVINCE_NAMES = [p.name_th for p in reference.provinces() if p.code != "50"]


def visible_text(at) -> str:
    """Everything a user can read on the page: text elements, metrics, tables, widget options."""
    parts = [
        str(getattr(e, "value", ""))
        for kind in ("markdown", "caption", "title", "header", "subheader", "info", "warning", "error")
        for e in getattr(at, kind)
    ]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    parts += [d.value.to_string() for d in at.dataframe]
    parts += [" ".join(map(str, s.options)) for s in at.selectbox]
    return "\n".join(parts)


def participants_shown(at) -> str:
    return next(m.value for m in at.metric if m.label == "ผู้เข้าอบรม")


def expected_participants(db, scope, **selection) -> str:
    sel = Selection(fiscal_years=(2568,), as_of=demo.AS_OF, **selection)
    return fmt.number(kpis.kpi_summary(db, sel, scope)["participants"])


def test_provincial_head_sees_only_their_province(demo_app):
    at = run_app(user="demo_cm")
    assert not at.exception
    assert at.selectbox(key="province").options == ["เชียงใหม่"]
    assert at.selectbox(key="region").options == ["ภาคเหนือ"]
    assert participants_shown(at) == expected_participants(demo_app, CHIANG_MAI)
    text = visible_text(at)
    assert not [name for name in OTHER_PROVINCE_NAMES if name in text]


@pytest.mark.parametrize(
    "params", [{"province": "10"}, {"region": "south"}, {"province": "10", "region": "central"}]
)
def test_a_tampered_link_shows_nothing_of_other_provinces(demo_app, params):
    at = run_app(user="demo_cm", **params)
    assert not at.exception
    assert any("ละไว้" in w.value for w in at.warning)
    assert participants_shown(at) == expected_participants(demo_app, CHIANG_MAI)
    notice = next(w.value for w in at.warning if "ละไว้" in w.value)
    assert "กรุงเทพมหานคร" not in visible_text(at).replace(notice, "")  # only the refusal names it


def test_tampered_session_state_is_ignored(demo_app):
    at = run_app(user="demo_cm", session={"province": "10", "region": ""})
    assert at.selectbox(key="province").value == "50"
    assert participants_shown(at) == expected_participants(demo_app, CHIANG_MAI)


def test_regional_staff_choose_among_their_region(demo_app):
    at = run_app(user="demo_north_staff")
    assert at.selectbox(key="region").options == ["ภาคเหนือ"]
    assert len(at.selectbox(key="province").options) == 1 + 9
    north = Scope("demo_north_staff", "staff", frozenset(reference.provinces_of_region("north")))
    assert participants_shown(at) == expected_participants(demo_app, north)


def test_executive_sees_the_whole_country(demo_app):
    at = run_app(user="demo_exec")
    assert len(at.selectbox(key="province").options) == 78
    assert participants_shown(at) == expected_participants(demo_app, Scope("x", "executive"))


def test_admin_page_shows_the_audit_log_to_admins(demo_app):
    run_app(user="demo_exec")  # a sign-in worth logging
    at = run_app(page="pages/admin.py", user="demo_admin")
    assert not at.exception
    assert any("demo_exec" in d.value.to_string() for d in at.dataframe)


def test_admin_page_is_not_in_anyone_elses_navigation(demo_app):
    # ...and were it reached, data_access refuses the audit log (test_users.py).
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        run_app(page="pages/admin.py", user="demo_exec")


def test_downloads_are_audited_with_selection_and_rows(own_demo_app):
    ctx = session.PageContext(
        own_demo_app, CHIANG_MAI, Selection(fiscal_years=(2568,), provinces=("50",)), "th", True
    )
    frame = __import__("pandas").DataFrame({"name": ["=cmd()", "ok"], "n": [1, 2]})
    columns = [Column("name", "ชื่อ"), Column("n", "จำนวน", "int")]
    data = audited(ctx, lambda: excel.write_workbook({"table": (columns, frame)}), "table.xlsx", len(frame))
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["A2"].value == "=cmd()" and sheet["A2"].data_type == "s"
    entry = audit.entries(own_demo_app, Scope("a", "admin")).iloc[0]
    assert (entry["username"], entry["action"], entry["rows"]) == ("demo_cm", "download", 2)
    assert json.loads(entry["detail"])["provinces"] == ["50"]


@pytest.fixture
def cli(demo_app):
    return demo_app


def test_cli_as_provincial_head_gets_their_province(cli, capsys):
    assert main(["kpis", "--fy", "2568", "--as", "demo_cm", "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got == kpis.kpi_summary(cli, Selection(fiscal_years=(2568,), as_of=demo.AS_OF), CHIANG_MAI)


@pytest.mark.parametrize("args", [["--province", "10"], ["--region", "south"], ["--province", "กรุงเทพฯ"]])
def test_cli_arguments_outside_the_scope_are_refused(cli, capsys, args):
    assert main(["kpis", "--fy", "2568", "--as", "demo_cm", *args, "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "outside the scope of demo_cm" in captured.err
