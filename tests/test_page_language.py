"""What a person reads is in their language: no codes, no raw JSON, no `None`, times on
Thailand's clock with the BE year (AppTest on the demo database)."""

import re
from datetime import UTC, datetime

import pandas as pd

from data_access import audit, fiscal
from tests.apptest import run_app
from ui import audit_view

LATIN_WORD = re.compile(r"\b[a-z_]{4,}\b")


def test_one_rule_for_times_bangkok_and_buddhist_era():
    moment = datetime(2025, 5, 15, 20, 30, tzinfo=UTC)  # 03:30 next morning in Bangkok
    assert fiscal.be_time(moment, "th") == "16 พ.ค. 2568 03:30 น."
    assert fiscal.be_time(moment, "en") == "16 May 2568 03:30"
    assert fiscal.be_time(moment.replace(tzinfo=None), "th") == "16 พ.ค. 2568 03:30 น."  # SQLite: naive UTC


def test_audit_details_read_as_sentences():
    assert audit_view.detail_text('{"method": "demo"}', "th") == "วิธี: บัญชีสาธิต"
    detail = '{"file": "a.xlsx", "fiscal_years": [2568], "regions": [], "provinces": ["50"], "skills": []}'
    assert audit_view.detail_text(detail, "en") == "File: a.xlsx; Fiscal years: 2568; Provinces: Chiang Mai"
    assert audit_view.detail_text("{}", "th") == "—"


def test_the_admin_page_in_thai_has_no_codes_json_or_none(own_demo_app):
    audit.log(own_demo_app, "demo_exec", "sign_in", {"method": "demo"})
    at = run_app(page="pages/admin.py", user="demo_admin")
    assert not at.exception
    log, people = at.dataframe[0].value, at.dataframe[1].value
    assert list(log.columns) == ["at", "username", "action", "detail", "rows"]  # headed by column_config
    first = log.iloc[0]
    assert first["action"] == "เข้าสู่ระบบ" and first["detail"] == "วิธี: บัญชีสาธิต"
    assert first["rows"] == "—"
    assert re.fullmatch(r"\d{1,2} \S+ 25\d\d \d\d:\d\d น\.", first["at"])
    text = log.to_string() + people.to_string()
    assert "sign_in" not in text and "{" not in text and "None" not in text
    assert list(people.columns) == ["ผู้ใช้", "ชื่อที่แสดง", "บทบาท", "ขอบเขต", "อีเมล", "ระงับ", "มีรหัสผ่าน"]
    cm = people[people["ผู้ใช้"] == "demo_cm"].iloc[0]
    assert (cm["บทบาท"], cm["ขอบเขต"], cm["อีเมล"], cm["ระงับ"]) == ("แรงงานจังหวัด", "เชียงใหม่", "—", "ไม่ใช่")
    assert at.selectbox(key="audit_action").format_func("") == "ทุกการกระทำ"


def test_the_audit_log_download_keeps_numbers_and_names_its_sheet_in_thai(demo_app):
    entries = audit.entries(demo_app, audit_view_scope())
    table = audit_view.entries_table(entries, "th")
    assert str(table["rows"].dtype) == "Int64"
    assert not any(LATIN_WORD.search(a) for a in table["action"])


def audit_view_scope():
    from data_access.selection import Scope

    return Scope("a", "admin")


def test_each_action_of_the_log_has_a_label():
    assert pd.Series(["sign_in", "upload_rejected", "report_pack"]).map(
        lambda a: audit_view.action_label(a, "en")
    ).tolist() == ["Signed in", "Upload rejected", "Report pack made"]


def test_a_tampered_link_is_told_by_names_not_codes(demo_app):
    at = run_app(user="demo_cm", province="10", skill="XYZ")
    [notice] = [w.value for w in at.warning if "ค่าตัวกรองในลิงก์" in w.value]
    assert notice.endswith("จังหวัด กรุงเทพมหานคร, ประเภททักษะ “XYZ”")
    assert "province=" not in notice


def test_estimates_are_written_to_the_thousand():
    from ui import format as fmt

    assert fmt.thousands(36_885_448) == "36,885,000"
    assert fmt.thousands(499.0) == "0" and fmt.thousands(None) == "—"


def test_the_typed_budget_is_read_back_with_separators(demo_app):
    at = run_app(page="pages/budget_planning.py", user="demo_exec")
    typed = at.number_input(key="plan_budget").value
    assert f"อ่านว่า {typed:,.0f} บาท" in [c.value for c in at.caption]


def test_counts_of_one_are_singular_in_english():
    from assets.i18n import tn

    assert tn("import.rejected", 1, "en") == "Not imported: 1 problem found; nothing was written"
    assert tn("import.rejected", 1200, "en") == "Not imported: 1,200 problems found; nothing was written"
    assert tn("place.provinces", 1, "th") == "1 จังหวัดในขอบเขตของท่าน"
