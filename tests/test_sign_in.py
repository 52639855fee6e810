"""The sign-in screen in each mode, idle expiry and sign-out (AppTest on the demo database)."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from assets.i18n import t
from data_access import audit, demo, sessions, users
from data_access.errors import UserError
from data_access.schema import user_sessions
from data_access.selection import Scope
from tests.apptest import APP, run_app, signed_in_session
from ui import navigation
from ui.auth import resolve_mode

ADMIN = Scope("admin", "admin")


@pytest.mark.parametrize(
    ("configured", "oidc", "demo", "expected"),
    [
        ("auto", True, True, "oidc"),
        ("auto", False, True, "demo"),
        ("auto", False, False, "local"),
        ("local", True, True, "local"),
        ("oidc", True, False, "oidc"),
    ],
)
def test_sign_in_mode_comes_from_configuration(configured, oidc, demo, expected):
    assert resolve_mode(configured, oidc, demo) == expected


@pytest.mark.parametrize(
    ("configured", "oidc", "demo", "key"),
    [("demo", False, False, "error.demo_mode_refused"), ("oidc", False, True, "error.sso_not_configured")],
)
def test_impossible_configuration_never_falls_back_to_demo(configured, oidc, demo, key):
    with pytest.raises(UserError) as error:
        resolve_mode(configured, oidc, demo)
    assert error.value.key == key


def test_demo_mode_offers_the_four_demo_accounts(demo_app):
    at = run_app(user=None)
    assert not at.exception
    labels = [b.label for b in at.button]
    assert len([label for label in labels if "สาธิต" in label]) == 4
    assert not at.metric  # nothing is shown before signing in


def test_choosing_a_demo_account_signs_in_with_its_scope(own_demo_app):
    at = run_app(user=None)
    at.button(key="demo_demo_cm").click().run()
    assert at.session_state["auth_user"] == "demo_cm"
    assert sessions.by_id(own_demo_app, at.session_state["auth_session"], timedelta(minutes=30)).ended is None
    newest = audit.entries(own_demo_app, ADMIN).iloc[0]
    assert newest[["username", "action"]].tolist() == ["demo_cm", "sign_in"]
    # What the next run of the frame shows (AppTest re-runs only the page after navigation):
    assert run_app(user="demo_cm").selectbox(key="province").options == ["เชียงใหม่"]


def test_local_mode_signs_in_with_a_password(own_demo_app, monkeypatch):
    monkeypatch.setenv("DASHBOARD_AUTH", "local")
    users.add(own_demo_app, "localhead", "provincial", "50", actor="test", password="a long enough pw")
    at = run_app(user=None)
    at.text_input(key="sign_in_name").input("localhead")
    at.text_input(key="sign_in_password").input("wrong password!")
    at.button[0].click().run()
    assert "auth_user" not in at.session_state
    again = run_app(user=None)
    again.text_input(key="sign_in_name").input("localhead")
    again.text_input(key="sign_in_password").input("a long enough pw")
    again.button[0].click().run()
    assert again.session_state["auth_user"] == "localhead"
    assert "sign_in_password" not in again.session_state  # never kept in the session


def test_a_wrong_password_is_told_and_nobody_is_signed_in(own_demo_app, monkeypatch):
    monkeypatch.setenv("DASHBOARD_AUTH", "local")
    at = run_app(user=None)
    at.text_input(key="sign_in_name").input("nobody")
    at.text_input(key="sign_in_password").input("whatever it is")
    at.button[0].click().run()
    assert [e.value for e in at.error] == ["ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง (บัญชีที่ใส่รหัสผ่านผิด 5 ครั้งติดกันจะถูกล็อก 15 นาที)"]
    assert "auth_user" not in at.session_state


def test_demo_mode_on_a_real_database_is_refused(tmp_path, monkeypatch):
    from data_access.db import Database

    db = Database(f"sqlite:///{tmp_path / 'prod.db'}")
    db.migrate()
    monkeypatch.setenv("DATABASE_URL", db.url)
    monkeypatch.setenv("DASHBOARD_AUTH", "demo")
    at = run_app(user=None)
    assert any("โหมดสาธิตใช้ได้กับฐานข้อมูลตัวอย่างเท่านั้น" in e.value for e in at.error)
    assert not at.button


def _idle_since(db, session_id: int, minutes: float) -> None:
    with db.engine.begin() as conn:
        conn.execute(
            update(user_sessions)
            .where(user_sessions.c.id == session_id)
            .values(last_seen_at=datetime.now(UTC) - timedelta(minutes=minutes))
        )


def test_idle_session_expires_and_says_so(demo_app):
    session_id = signed_in_session("demo_exec")
    _idle_since(demo_app, session_id, 31)
    at = run_app(user="demo_exec", session={"auth_session": session_id})
    assert [i.value for i in at.info][:1] == ["ออกจากระบบแล้ว เนื่องจากไม่มีการใช้งานเกิน 30 นาที กรุณาเข้าสู่ระบบอีกครั้ง"]
    assert "auth_user" not in at.session_state
    assert not at.metric


def test_a_run_within_the_idle_window_keeps_the_session(demo_app):
    session_id = signed_in_session("demo_exec")
    _idle_since(demo_app, session_id, 29)
    at = run_app(user="demo_exec", session={"auth_session": session_id})
    assert at.metric and not [i.value for i in at.info if "ออกจากระบบ" in i.value]
    assert sessions.idle_for(demo_app, session_id) < timedelta(minutes=1)


def test_sign_out_ends_the_session_for_every_tab(own_demo_app):
    at = run_app(user="demo_exec")
    session_id = at.session_state["auth_session"]
    other_tab = run_app(user="demo_exec", session={"auth_session": session_id})
    assert at.metric and other_tab.metric
    at.button(key="sign_out").click().run()
    assert not at.exception
    assert "auth_user" not in at.session_state and "auth_session" not in at.session_state
    again = run_app(user="demo_exec", session={"auth_session": session_id})
    assert [i.value for i in again.info][:1] == [
        "ออกจากระบบแล้ว (จากแท็บนี้หรือแท็บอื่นของเบราว์เซอร์) กรุณาเข้าสู่ระบบอีกครั้ง"
    ]
    assert not again.metric and again.button(key="demo_demo_exec")


def test_disabled_user_is_signed_out_on_the_next_run(own_demo_app):
    users.add(own_demo_app, "temp", "executive", actor="test")
    at = run_app(user="temp")
    assert at.metric
    users.set_disabled(own_demo_app, "temp", True, actor="test")
    again = run_app(user="temp", session={"auth_session": at.session_state["auth_session"]})
    assert "auth_user" not in again.session_state
    assert [i.value for i in again.info][:1] == ["บัญชีนี้ถูกระงับการใช้งาน จึงออกจากระบบแล้ว กรุณาติดต่อผู้ดูแลระบบ"]
    assert not again.metric and again.button(key="demo_demo_exec")


def test_a_changed_password_ends_open_sessions(own_demo_app, monkeypatch):
    monkeypatch.setenv("DASHBOARD_AUTH", "local")
    users.add(own_demo_app, "pwhead", "provincial", "50", actor="test", password="a long enough pw")
    at = run_app(user="pwhead")
    users.set_password(own_demo_app, "pwhead", "a new long password", actor="admin")
    again = run_app(user="pwhead", session={"auth_session": at.session_state["auth_session"]})
    assert any("รหัสผ่านของบัญชีนี้ถูกเปลี่ยน" in i.value for i in again.info)
    assert not again.metric


def test_demo_sessions_end_when_real_data_arrives(own_demo_app):
    at = run_app(user="demo_cm")
    with own_demo_app.engine.begin() as conn:
        demo.mark_mixed(conn)
    again = run_app(user="demo_cm", session={"auth_session": at.session_state["auth_session"]})
    assert any("บัญชีสาธิตจึงออกจากระบบ" in i.value for i in again.info)
    assert not again.metric


def test_demo_accounts_are_named_in_the_chosen_language(demo_app):
    english = run_app(user="demo_exec", lang="en")
    assert not any(ch in c.value for c in english.sidebar.caption for ch in "ผู้บริหารสาธิต")
    assert "Signed in: Executive (demo) (executive)" in [c.value for c in english.sidebar.caption]


SSO_SECRETS = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "x" * 32,
        "client_id": "dashboard",
        "client_secret": "secret",
        "server_metadata_url": "https://idp.example/.well-known/openid-configuration",
    }
}


def sso_run(identity: dict):
    from streamlit.testing.v1 import AppTest

    from tests.apptest import APP

    at = AppTest.from_file(str(APP), default_timeout=60)
    at.secrets.update(SSO_SECRETS)
    at.user = identity
    return at.run()


def test_single_sign_on_maps_the_email_to_a_user_record(own_demo_app, monkeypatch):
    monkeypatch.setenv("DASHBOARD_AUTH", "oidc")
    users.add(own_demo_app, "boss", "provincial", "50", actor="test", email="Boss@mol.go.th")
    at = sso_run({"is_logged_in": True, "email": "boss@mol.go.th"})
    assert not at.exception
    assert at.session_state["auth_user"] == "boss"
    assert at.selectbox(key="province").options == ["เชียงใหม่"]


def test_single_sign_on_refuses_an_unregistered_email(demo_app, monkeypatch):
    monkeypatch.setenv("DASHBOARD_AUTH", "oidc")
    at = sso_run({"is_logged_in": True, "email": "stranger@example.com"})
    assert any("ยังไม่ได้ลงทะเบียน" in e.value for e in at.error)
    assert not at.metric


def test_single_sign_on_offers_the_login_button(demo_app, monkeypatch):
    monkeypatch.setenv("DASHBOARD_AUTH", "oidc")
    at = sso_run({"is_logged_in": False})
    assert [b.label for b in at.button] == ["เข้าสู่ระบบด้วยบัญชีของกระทรวง"]


@pytest.mark.parametrize("page", [spec.path for spec in navigation.PAGES])
@pytest.mark.parametrize("flag", [None, False, True])
def test_a_page_file_run_on_its_own_asks_for_sign_in_and_shows_no_data(demo_app, monkeypatch, page, flag):
    """Whatever Streamlit's private PagesManager flag says, a page without the frame shows no data."""
    monkeypatch.setattr(PagesManager, "uses_pages_directory", flag)
    at = AppTest.from_file(str(APP.parent / page), default_timeout=60)
    at.session_state["auth_user"] = "demo_exec"  # a name in the session is not a signed-in frame
    at.run()
    assert not at.exception
    both = ["\n\n".join(t("auth.sign_in_first", lang) for lang in ("th", "en"))]
    assert [w.value for w in at.warning] == both
    assert not at.metric and not at.dataframe and not at.table and not at.get("plotly_chart")
    assert not at.get("download_button") and not at.button and not at.selectbox and not at.title
