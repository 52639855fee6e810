"""A small in-process cache for query results, keyed by the data version.

The key is (function, database URL, data version, arguments). Arguments include the frozen
Selection and Scope, so one user's result is never served to a user with another scope
(PITFALLS: a cache shared by every session). Any write bumps the data version in the database,
so a result is never stale, even when another process (the CLI, or another app process behind
the same proxy) wrote the data.

When many sessions ask for the same missing result at once (20 people opening the Overview after
an import), one computes it and the others wait for it: without that, each ran the same queries
and the first page took twenty times as long for everyone.
"""

from __future__ import annotations

import copy
import functools
import threading
from collections import OrderedDict

import pandas as pd

MAX_ENTRIES = 512

_lock = threading.Lock()
_entries: OrderedDict[tuple, object] = OrderedDict()
_computing: dict[tuple, threading.Lock] = {}


def cached(fn):
    @functools.wraps(fn)
    def wrapper(db, *args, **kwargs):
        key = (fn.__module__, fn.__qualname__, db.url, db.data_version(), args, tuple(sorted(kwargs.items())))
        found, value = _lookup(key)
        if found:
            return _copy(value)
        with _lock:
            key_lock = _computing.setdefault(key, threading.Lock())
        try:
            with key_lock:
                found, value = _lookup(key)
                if not found:
                    value = fn(db, *args, **kwargs)
                    _store(key, value)
        finally:
            with _lock:
                _computing.pop(key, None)
        return _copy(value)

    return wrapper


def _lookup(key: tuple) -> tuple[bool, object]:
    with _lock:
        if key in _entries:
            _entries.move_to_end(key)
            return True, _entries[key]
    return False, None


def _store(key: tuple, value: object) -> None:
    with _lock:
        _entries[key] = value
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)


def _copy(value):
    """Every caller gets its own copy: a result mutated by one page never changes another's."""
    return value.copy() if isinstance(value, pd.DataFrame) else copy.deepcopy(value)


def clear() -> None:
    with _lock:
        _entries.clear()
