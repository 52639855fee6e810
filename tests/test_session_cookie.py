"""The cookie endpoints on their own (ASGI requests built by hand, both backends): same origin
only, a hand-over code once, and the cookie's flags."""

import asyncio
from datetime import timedelta

import pytest
from starlette.requests import Request

from data_access import sessions, users
from ui import session_cookie

HOST = "dashboard.mol.go.th"


@pytest.fixture
def code(db, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db.url)
    users.add(db, "head", "provincial", "50", actor="test", password="a long enough pw")
    return sessions.start(db, "head", "password").handover_code


def call(endpoint, headers: dict, body: str = "", scheme: str = "http"):
    scope = {
        "type": "http",
        "method": "POST",
        "path": "/session/start",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "scheme": scheme,
        "server": ("127.0.0.1", 8501),
        "query_string": b"",
    }

    async def receive():
        return {"type": "http.request", "body": body.encode(), "more_body": False}

    return asyncio.run(endpoint(Request(scope, receive)))


def test_a_same_origin_post_trades_the_code_for_an_httponly_cookie(db, code):
    reply = call(session_cookie._start, {"host": HOST, "origin": f"http://{HOST}"}, code)
    cookie = reply.headers["set-cookie"]
    assert reply.status_code == 204
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie
    token = cookie.split(";")[0].split("=", 1)[1]
    assert sessions.by_token(db, token, timedelta(minutes=30)).username == "head"
    again = call(session_cookie._start, {"host": HOST, "origin": f"http://{HOST}"}, code)
    assert again.status_code == 403 and "set-cookie" not in again.headers


def test_behind_an_https_proxy_the_cookie_is_secure(db, code):
    headers = {
        "host": "127.0.0.1:8501",
        "x-forwarded-host": HOST,
        "x-forwarded-proto": "https",
        "origin": f"https://{HOST}",
    }
    reply = call(session_cookie._start, headers, code)
    assert reply.status_code == 204 and "Secure" in reply.headers["set-cookie"]


@pytest.mark.parametrize("origin", ["https://evil.example", None])
def test_another_origin_cannot_plant_a_session(db, code, origin):
    headers = {"host": HOST} | ({"origin": origin} if origin else {})
    assert call(session_cookie._start, headers, code).status_code == 403
    assert call(session_cookie._start, {"host": HOST, "origin": f"http://{HOST}"}, code).status_code == 204


def test_ending_revokes_the_cookies_session_and_clears_it(db, code):
    token = sessions.redeem(db, code)
    headers = {"host": HOST, "origin": f"http://{HOST}", "cookie": f"{session_cookie.COOKIE}={token}"}
    reply = call(session_cookie._end, headers)
    assert reply.status_code == 204 and 'dashboard_session=""' in reply.headers["set-cookie"]
    assert sessions.by_token(db, token, timedelta(minutes=30)).ended == "sign_out"
