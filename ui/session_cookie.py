"""The session cookie: the same-origin endpoints that set and clear it, and the page snippets that call them.

Streamlit 1.67 reads cookies (`st.context.cookies`) but a script cannot set one: only an HTTP
response can, and `st.App` (serve.py) lets us add routes to the server. The cookie is HttpOnly
(page scripts cannot read it), SameSite=Strict, Secure behind HTTPS. After sign-in the page posts
the one-time hand-over code (data_access.sessions) to /session/start and the answer sets the
cookie; the token itself never passes through the page. Under a plain `streamlit run app.py` there
are no such routes: sign-in then lasts for the tab only.
"""

from __future__ import annotations

import json
from urllib.parse import urlparse

import streamlit as st
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from data_access import sessions
from data_access.db import default_database

COOKIE = "dashboard_session"
START_PATH = "/session/start"
END_PATH = "/session/end"
_mounted = False


def routes() -> list[Route]:
    """The two endpoints, for st.App(routes=...); from then on pages hand sessions over."""
    global _mounted
    _mounted = True
    return [Route(START_PATH, _start, methods=["POST"]), Route(END_PATH, _end, methods=["POST"])]


def token() -> str | None:
    """The token the browser sent when this tab connected (AppTest has no browser: no cookies)."""
    value = st.context.cookies.get(COOKIE)
    return value if isinstance(value, str) and value else None


def hand_over(code: str) -> None:
    """Let the browser trade the one-time code for the cookie (no-op without the endpoints)."""
    _post(START_PATH, code)


def forget() -> None:
    """Clear the browser's cookie (after sign-out, or when it names an ended session)."""
    _post(END_PATH, "")


def _post(path: str, body: str) -> None:
    if not _mounted:
        return
    script = (
        f"fetch({json.dumps(path)}, {{method: 'POST', credentials: 'same-origin', body: {json.dumps(body)}}})"
    )
    st.sidebar.html(f"<script>{script}</script>", unsafe_allow_javascript=True)


def _same_origin(request: Request) -> bool:
    """A cross-site page must not plant a session (login CSRF) or clear one. Behind a reverse
    proxy the browser's host arrives as X-Forwarded-Host."""
    origin = request.headers.get("origin")
    hosts = {request.headers.get("host"), request.headers.get("x-forwarded-host")} - {None}
    return origin is not None and urlparse(origin).netloc in hosts


def _secure(request: Request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"


async def _start(request: Request) -> Response:
    if not _same_origin(request):
        return Response(status_code=403)
    code = (await request.body()).decode(errors="replace")
    new_token = await run_in_threadpool(sessions.redeem, default_database(), code)
    if new_token is None:
        return Response(status_code=403)
    response = Response(status_code=204)
    response.set_cookie(
        COOKIE, new_token, path="/", httponly=True, samesite="strict", secure=_secure(request)
    )
    return response


async def _end(request: Request) -> Response:
    if not _same_origin(request):
        return Response(status_code=403)
    if old := request.cookies.get(COOKIE):
        await run_in_threadpool(sessions.end_by_token, default_database(), old, "sign_out")
    response = Response(status_code=204)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict", secure=_secure(request))
    return response
