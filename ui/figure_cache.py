"""Chart builders remembered by their arguments, so a warm page run does not build its figures again.

Building a Plotly figure validates every property it is given; on a warm run of the Overview this
was ~60 % of the run (five figures, ~25 ms each), the same figures from the same cached data for
every visitor. A builder wrapped here returns the figure it built before for equal arguments:
tables are compared by their content (pandas' row hashes, column names and types), module-level
functions by name; an argument it cannot compare safely (a lambda or closure, whose captured values
it cannot see, or an unknown object) makes the call build afresh. The figure is shared, so nothing
may change it, and a copy of it is made with `copy_of`.
"""

from __future__ import annotations

import functools
import threading
import types
from collections import OrderedDict
from datetime import date

import pandas as pd
import plotly.graph_objects as go

MAX_FIGURES = 256

_lock = threading.Lock()
_copying = threading.Lock()
_figures: OrderedDict[tuple, object] = OrderedDict()


class _Unkeyable(Exception):
    """An argument whose equality cannot be judged from its value."""


def remembered(builder):
    @functools.wraps(builder)
    def wrapper(*args, **kwargs):
        try:
            key = (builder.__module__, builder.__qualname__, _key(args), _key(sorted(kwargs.items())))
        except _Unkeyable:
            return builder(*args, **kwargs)
        with _lock:
            if key in _figures:
                _figures.move_to_end(key)
                return _figures[key]
        figure = builder(*args, **kwargs)
        with _lock:
            _figures[key] = figure
            while len(_figures) > MAX_FIGURES:
                _figures.popitem(last=False)
        return figure

    return wrapper


def _key(value) -> object:
    if value is None or isinstance(value, str | bool | int | float | date):
        return (type(value).__name__, value)
    if isinstance(value, pd.DataFrame):
        return ("frame", tuple(value.columns), tuple(map(str, value.dtypes)), _rows(value))
    if isinstance(value, pd.Series):
        return ("series", value.name, str(value.dtype), _rows(value))
    if isinstance(value, list | tuple):
        return (type(value).__name__, tuple(_key(v) for v in value))
    if isinstance(value, set | frozenset):
        return ("set", tuple(sorted((_key(v) for v in value), key=repr)))
    if isinstance(value, dict):
        return ("dict", tuple(sorted(((_key(k), _key(v)) for k, v in value.items()), key=repr)))
    if isinstance(value, types.FunctionType) and value.__closure__ is None and "<" not in value.__qualname__:
        return ("function", value.__module__, value.__qualname__)
    raise _Unkeyable


def _rows(value: pd.DataFrame | pd.Series) -> bytes:
    """Row by row content and index; a column of lists or dicts cannot be hashed: not keyed."""
    try:
        return pd.util.hash_pandas_object(value, index=True).to_numpy().tobytes()
    except TypeError as error:
        raise _Unkeyable from error


def copy_of(fig: go.Figure) -> go.Figure:
    """A new Figure from a shared one, one copy at a time. Plotly's copy takes "type" out of each
    source trace while it copies it and then puts it back (DataValidator.validate_coerce), so a
    second thread copying the same figure at that moment read a Bar without its type, built a
    Scatter from it and failed on its `textposition="outside"`: a page error, seen with 20 users."""
    with _copying:
        return go.Figure(fig)


def clear() -> None:
    with _lock:
        _figures.clear()
