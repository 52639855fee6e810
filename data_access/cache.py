"""A small in-process cache for query results, keyed by the data version.

The key is (function, database URL, data version, arguments). Arguments include the frozen
Selection and Scope, so one user's result is never served to a user with another scope
(PITFALLS: a cache shared by every session). Any write bumps the data version in the database,
so a result is never stale, even when another process (the CLI) wrote the data.
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


def cached(fn):
    @functools.wraps(fn)
    def wrapper(db, *args, **kwargs):
        key = (fn.__module__, fn.__qualname__, db.url, db.data_version(), args, tuple(sorted(kwargs.items())))
        with _lock:
            if key in _entries:
                _entries.move_to_end(key)
                return _copy(_entries[key])
        value = fn(db, *args, **kwargs)
        with _lock:
            _entries[key] = value
            while len(_entries) > MAX_ENTRIES:
                _entries.popitem(last=False)
        return _copy(value)

    return wrapper


def _copy(value):
    """Every caller gets its own copy: a result mutated by one page never changes another's."""
    return value.copy() if isinstance(value, pd.DataFrame) else copy.deepcopy(value)


def clear() -> None:
    with _lock:
        _entries.clear()
