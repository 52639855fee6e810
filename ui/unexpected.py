"""The last line of defence: an error no page expected is told in Thai and English with a
reference, never in Streamlit's error box, and its traceback goes to the server's log under that
reference (so the administrator can find it from what the user reads out). A UserError that no
page caught says its own words.

Streamlit's own control flow (st.stop, st.rerun, st.switch_page) raises BaseExceptions that are
not caught here. `recent` keeps the last few errors in this process: tests fail on any (tests/conftest).
"""

from __future__ import annotations

import logging
import secrets
import traceback
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from assets.i18n import both
from data_access.errors import UserError

log = logging.getLogger("dashboard")
recent: deque[tuple[str, str]] = deque(maxlen=20)  # (reference, traceback)


@contextmanager
def told_to_the_user() -> Iterator[None]:
    try:
        yield
    except UserError as error:  # meant for the user, with its own words: not a fault
        st.error(error.in_both, icon=":material/error:")
    except Exception as error:  # noqa: BLE001 — every error a page did not expect ends here
        reference = secrets.token_hex(4)
        recent.append((reference, "".join(traceback.format_exception(error))))
        log.error("unexpected error %s on a page", reference, exc_info=error)
        st.error(both("app.unexpected_error", between="\n\n", reference=reference), icon=":material/error:")
