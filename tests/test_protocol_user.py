"""The benchmark's browserless user (bench/protocol_user.py) against a real server: it signs in,
reaches each page it asks for, and a failure is seen as one. No chromium is needed."""

import asyncio

import pytest

from bench.protocol_user import ProtocolUser
from tests.test_browser import demo_database, streamlit_server


@pytest.fixture(scope="module")
def server_url(tmp_path_factory):
    with streamlit_server(demo_database(tmp_path_factory.mktemp("protocol"), participants=500)) as url:
        yield url


def test_it_signs_in_and_reaches_each_page_it_asks_for(server_url):
    async def visit() -> tuple[set[str], list[tuple[str, bool, list[str]]]]:
        async with ProtocolUser(server_url, timeout_s=60) as user:
            await user.open()
            offered = {w.rsplit("-", 1)[1] for w in user.buttons}
            await user.press("demo_demo_exec")
            reached = []
            for path in ("budget", "data_quality", ""):
                took = await user.visit(path)
                reached.append((path, user.page_hash == user.pages[path] and took > 0, user.errors))
            return offered, reached

    offered, reached = asyncio.run(visit())
    assert {"demo_demo_exec", "demo_demo_admin"} <= offered  # the sign-in screen's demo buttons
    assert reached == [("budget", True, []), ("data_quality", True, []), ("", True, [])]


def test_a_button_the_page_does_not_have_is_an_error(server_url):
    async def press_missing() -> None:
        async with ProtocolUser(server_url, timeout_s=60) as user:
            await user.open()
            await user.press("no_such_button")

    with pytest.raises(LookupError, match="no_such_button"):
        asyncio.run(press_missing())
