"""A dashboard user without a browser: Streamlit's own websocket messages, as its front end sends them.

The browser benchmark (bench_concurrency) runs every user's chromium on this same 2-core machine,
so with 20 users the machine mostly draws pages: the people behind a real dashboard each draw on
their own computer. This user speaks the front end's protocol instead (BackMsg out, ForwardMsg
in): it asks for a page run as a click in the sidebar does and counts the time until the page's
last message arrived, which is what the server costs a visit; drawing is left out.

A visit is: `rerun_script` with the page's script hash, then every ForwardMsg up to
`script_finished`. Sign-in presses the demo account's button (a trigger widget state).
"""

from __future__ import annotations

import asyncio
import time

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

FINISHED = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_SUCCESSFULLY")
MAX_MESSAGE = 200 * 1024 * 1024


class ProtocolUser:
    """One browser tab's session on the server."""

    def __init__(self, base_url: str, timeout_s: float):
        self.stream_url = base_url.replace("http://", "ws://", 1).rstrip("/") + "/_stcore/stream"
        self.timeout_s = timeout_s
        self.pages: dict[str, str] = {}  # url path ("" for the default page) → page script hash
        self.page_hash = ""
        self.buttons: set[str] = set()  # widget ids of the buttons the last run drew
        self.errors: list[str] = []  # exception messages the last run drew (st.exception)
        self.received_bytes = 0

    async def __aenter__(self) -> ProtocolUser:
        self.socket = await websockets.connect(
            self.stream_url, subprotocols=["streamlit"], max_size=MAX_MESSAGE, open_timeout=self.timeout_s
        )
        return self

    async def __aexit__(self, *_exc) -> None:
        await self.socket.close()

    async def open(self, path: str = "") -> float:
        """The first run of a new tab on `path`: seconds until it finished."""
        return await self._run(page_hash="", page_name=path)

    async def press(self, key: str) -> float:
        """Click the button made with st.button(key=key)."""
        widget = next((w for w in self.buttons if w.endswith(f"-{key}")), None)
        if widget is None:
            raise LookupError(f"no button {key!r} on the page")
        return await self._run(page_hash=self.page_hash, trigger=widget)

    async def visit(self, path: str) -> float:
        """Click the sidebar link of the page at `path`."""
        return await self._run(page_hash=self.pages[path])

    async def _run(self, page_hash: str, page_name: str = "", trigger: str | None = None) -> float:
        message = BackMsg()
        state = message.rerun_script
        state.query_string = ""
        state.page_script_hash = page_hash
        state.page_name = page_name
        if trigger is not None:
            widget = state.widget_states.widgets.add()
            widget.id = trigger
            widget.trigger_value = True
        self.buttons, self.errors = set(), []
        started = time.perf_counter()
        await self.socket.send(message.SerializeToString())
        while True:
            raw = await _receive(self.socket, self.timeout_s - (time.perf_counter() - started))
            self.received_bytes += len(raw)
            forward = ForwardMsg()
            forward.ParseFromString(raw)
            self._read(forward)
            if forward.WhichOneof("type") == "script_finished" and forward.script_finished == FINISHED:
                return time.perf_counter() - started

    def _read(self, forward: ForwardMsg) -> None:
        kind = forward.WhichOneof("type")
        if kind == "navigation":
            self.page_hash = forward.navigation.page_script_hash
            self.pages = {p.url_pathname: p.page_script_hash for p in forward.navigation.app_pages}
            for page in forward.navigation.app_pages:
                if page.is_default:
                    self.pages[""] = page.page_script_hash
        elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
            element = forward.delta.new_element
            which = element.WhichOneof("type")
            if which == "button":
                self.buttons.add(element.button.id)
            elif which == "exception":
                self.errors.append(element.exception.message)


async def _receive(socket, timeout_s: float) -> bytes:
    if timeout_s <= 0:
        raise TimeoutError("the page run did not finish in time")
    raw = await asyncio.wait_for(socket.recv(), timeout_s)
    if isinstance(raw, str):
        raise ValueError("a text frame: not Streamlit's protocol")
    return raw
