"""Settings are declared once, typed and checked at start-up; the README documents every one of them."""

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from data_access import config
from data_access.cli import main
from data_access.importer import workbook
from tests.apptest import run_app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented_in_the_readme():
    for setting in config.SETTINGS:
        assert f"| `{setting.name}` |" in README, setting.name
        assert setting.doc in README, setting.name


def test_relative_sqlite_url_is_taken_from_the_project_folder():
    settings = config.load({})
    assert settings.database_url == f"sqlite:///{config.PROJECT_ROOT / 'data' / 'dashboard.db'}"
    assert settings.default_database


def test_settings_are_typed_from_the_environment():
    settings = config.load(
        {
            "DATABASE_URL": "postgresql+psycopg://u@h/db",
            "DASHBOARD_SESSION_MINUTES": " 45 ",
            "DASHBOARD_MIN_N": "3",
            "DASHBOARD_AUTH": "local",
            "CITIZEN_ID_KEY": "k-0123456789abcdef0123456789abcdef",
        }
    )
    assert (settings.database_url, settings.default_database) == ("postgresql+psycopg://u@h/db", False)
    assert (settings.session_minutes, settings.min_n, settings.auth_mode) == (45, 3, "local")
    assert settings.citizen_id_key == "k-0123456789abcdef0123456789abcdef"
    assert (config.load({}).session_minutes, config.load({}).min_n) == (30, 20)


@pytest.mark.parametrize("value", ["abc", "0", "-5", "1.5", "๓๐", ""])
def test_a_count_that_is_not_a_whole_number_is_refused_by_name(value):
    with pytest.raises(config.SettingsError) as error:
        config.load({"DASHBOARD_MIN_N": value})
    assert error.value.key == "error.setting_whole_number"
    expected = f"the setting DASHBOARD_MIN_N must be a whole number of at least 1 (it is '{value.strip()}')"
    assert expected in error.value.en
    assert "ค่าตั้ง DASHBOARD_MIN_N ต้องเป็นจำนวนเต็ม" in error.value.th


@pytest.mark.parametrize("value", ["abc", "0", "-5", "nan", "inf", "๓๐", ""])
def test_session_minutes_that_are_not_a_positive_number_are_refused_by_name(value):
    with pytest.raises(config.SettingsError) as error:
        config.load({"DASHBOARD_SESSION_MINUTES": value})
    assert error.value.key == "error.setting_minutes"
    expected = f"must be a number of minutes above 0 (it is '{value.strip()}')"
    assert f"the setting DASHBOARD_SESSION_MINUTES {expected}" in error.value.en


def test_session_minutes_may_be_a_fraction():
    assert config.load({"DASHBOARD_SESSION_MINUTES": "1.5"}).session_minutes == 1.5


def test_an_unknown_sign_in_mode_is_refused_at_start_up():
    with pytest.raises(config.SettingsError) as error:
        config.load({"DASHBOARD_AUTH": "magic"})
    assert error.value.en == "invalid DASHBOARD_AUTH 'magic' (one of auto, oidc, local, demo)"


@pytest.mark.parametrize("key", ["k", "x" * 31, "ก" * 10])  # 30 bytes of Thai in UTF-8
def test_a_citizen_id_key_shorter_than_32_bytes_is_refused_without_showing_it(key):
    with pytest.raises(config.SettingsError) as error:
        config.load({"DATABASE_URL": "sqlite:////tmp/x.db", "CITIZEN_ID_KEY": key})
    assert error.value.key == "error.citizen_id_key_short"
    assert "at least 32 bytes" in error.value.en and "อย่างน้อย 32 ไบต์" in error.value.th
    assert key not in error.value.en + error.value.th


def test_a_citizen_id_key_of_32_bytes_is_accepted():
    assert config.load({"CITIZEN_ID_KEY": "x" * 32}).citizen_id_key == "x" * 32


def test_the_settings_follow_the_environment(monkeypatch):
    monkeypatch.setenv("DASHBOARD_MIN_N", "7")
    assert config.current().min_n == 7
    monkeypatch.setenv("DASHBOARD_MIN_N", "8")
    assert config.current().min_n == 8


def test_the_upload_limit_is_stated_once_and_streamlit_agrees():
    streamlit_config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert streamlit_config["server"]["maxUploadSize"] == config.UPLOAD_LIMIT_MB
    assert workbook.MAX_FILE_BYTES == config.UPLOAD_LIMIT_MB * 1024 * 1024


def test_streamlit_runs_no_full_garbage_collection_after_each_page_run():
    """Streamlit's hidden runner.postScriptGC made every page run end in gc.collect(2) over the
    cached frames: 63 % of the server's CPU with 20 users (bench_concurrency --protocol). Read back
    through Streamlit's own config loader, so a misspelt key (which Streamlit ignores) fails here."""
    shown = subprocess.run(
        [
            sys.executable,
            "-c",
            "from streamlit import config; config.get_config_options(force_reparse=True); "
            "print(config.get_option('runner.postScriptGC'), config.get_option('server.maxUploadSize'))",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert shown == ["False", str(config.UPLOAD_LIMIT_MB)]


def test_only_the_settings_module_reads_the_environment():
    readers = [
        str(path.relative_to(ROOT))
        for folder in ("data_access", "ui", "pages", "reports")
        for path in (ROOT / folder).rglob("*.py")
        if "os.environ" in (text := path.read_text(encoding="utf-8")) or "getenv" in text
    ]
    assert readers == ["data_access/config.py"]


def test_a_bad_setting_stops_the_app_with_a_message_in_both_languages(demo_app, monkeypatch):
    monkeypatch.setenv("DASHBOARD_SESSION_MINUTES", "half an hour")
    at = run_app(user=None)  # it stops before the sign-in screen
    assert not at.exception
    assert [e.value for e in at.error] == [
        "ค่าตั้ง DASHBOARD_SESSION_MINUTES ต้องเป็นจำนวนนาทีที่มากกว่า 0 (ตั้งไว้ 'half an hour') — "
        "แก้ตัวแปรสภาพแวดล้อมนี้แล้วเริ่มโปรแกรมใหม่\n\n"
        "the setting DASHBOARD_SESSION_MINUTES must be a number of minutes above 0 (it is 'half an hour'); "
        "correct this environment variable and start again"
    ]
    assert not at.metric and not at.sidebar.selectbox


def test_a_bad_setting_stops_a_command_with_a_message_in_both_languages(demo_app, monkeypatch, capsys):
    monkeypatch.setenv("DASHBOARD_MIN_N", "twenty")
    assert main(["kpis", "--fy", "2566", "--json"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "ผิดพลาด: ค่าตั้ง DASHBOARD_MIN_N ต้องเป็นจำนวนเต็มตั้งแต่ 1 ขึ้นไป (ตั้งไว้ 'twenty') — "
        "แก้ตัวแปรสภาพแวดล้อมนี้แล้วเริ่มโปรแกรมใหม่\n"
        "Error: the setting DASHBOARD_MIN_N must be a whole number of at least 1 (it is 'twenty'); "
        "correct this environment variable and start again\n"
    )


def test_an_error_no_page_expected_is_told_in_both_languages_with_a_reference(demo_app, monkeypatch):
    from data_access import kpis
    from ui import unexpected

    def broken(*_args, **_kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(kpis, "kpi_table", broken)
    at = run_app()  # the Overview, run inside app.py as the server runs every page
    assert not at.exception  # not Streamlit's error box
    [(reference, trace)] = list(unexpected.recent)
    unexpected.recent.clear()  # this test's error is expected
    assert "RuntimeError: a bug" in trace and len(reference) == 8
    [shown] = [e.value for e in at.error]
    assert shown == (
        f"เกิดข้อผิดพลาดที่ไม่คาดคิด หน้านี้จึงแสดงได้ไม่ครบ โปรดโหลดหน้าใหม่อีกครั้ง หากยังพบอยู่ "
        f"แจ้งผู้ดูแลระบบพร้อมรหัสอ้างอิง {reference}\n\n"
        "Something unexpected went wrong, so this page could not be shown in full. Please reload the "
        f"page; if it happens again, give the administrator the reference {reference}."
    )
    assert "a bug" not in shown


def test_a_user_error_no_page_caught_says_its_own_words(demo_app, monkeypatch):
    from data_access import kpis
    from data_access.errors import UserError

    def refused(*_args, **_kwargs):
        raise UserError("error.demo_mode_refused")

    monkeypatch.setattr(kpis, "kpi_table", refused)
    at = run_app()
    assert not at.exception
    error = UserError("error.demo_mode_refused")
    assert [e.value for e in at.error] == [f"{error.th}\n\n{error.en}"]
