"""Scoped reads of the labour figures (DESIGN §9). Every function takes the user's Scope and is
cached per (database, data version, arguments), like every other query module.

Signatures (other modules rely on them):

    series(db, scope, indicator, place) -> DataFrame[period, year, quarter, month, value]
    yearly(db, scope, indicator, place) -> DataFrame[year, value, periods, complete]
    panel(db, scope, indicator) -> DataFrame[province_code, period, year, quarter, month, value]
    latest(db, scope, indicator) -> DataFrame[province_code, period, value, year_earlier]
    visible_place(scope, place) -> bool

`indicator` is a catalogue code, `unemployment_rate` included; `place` a province code, a region
code or `ALL` (reference.NATIONAL). Rows are in time order; `period` is the canonical code
(2566Q1, 2566-03), `year` the BE calendar year, `month` empty for quarterly indicators.

How places add up: a region's (or the nation's) value for a period is the sum of its provinces'
counts, and only for a period every one of its provinces has (a total over some provinces is
not the region's). For the nation, a stored `ALL` row (a national table as NSO publishes it) is
preferred to the provinces' sum, period by period, as the country's participants target is.

Rates are never stored nor averaged: `unemployment_rate` is summed unemployed / summed labour
force, for a place, a year or the nation. A year of a stock is the mean of its periods, of a
flow their sum (`complete` says whether the year has all its quarters or months).

Who sees what (DESIGN §7): a province only within the scope; the nation and the regions the
scope reaches as totals (comparison figures that name no other province). Anything else reads
as empty, never as an error, so a tampered URL shows nothing.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import func, select

from data_access import reference
from data_access.cache import cached
from data_access.db import Database
from data_access.labour import catalogue, periods
from data_access.schema import labour_values
from data_access.selection import Scope

SERIES_COLUMNS = ["period", "year", "quarter", "month", "value"]
PANEL_COLUMNS = ["province_code", *SERIES_COLUMNS]
YEARLY_COLUMNS = ["year", "value", "periods", "complete"]
LATEST_COLUMNS = ["province_code", "period", "value", "year_earlier"]
PERIOD_KEYS = ["period", "year", "quarter", "month"]


def _indicator(code: str) -> catalogue.Indicator:
    found = catalogue.indicator(code)
    if found is None:
        raise ValueError(f"unknown labour indicator {code!r}")
    return found


def _provinces_of(place: str) -> tuple[str, ...]:
    if place == reference.NATIONAL:
        return tuple(p.code for p in reference.provinces())
    if place in reference.province_by_code():
        return (place,)
    if place in reference.region_by_code():
        return reference.provinces_of_region(place)
    raise ValueError(f"unknown place {place!r}")


def visible_place(scope: Scope, place: str) -> bool:
    """A province in the scope, a region the scope reaches, or the nation."""
    if not isinstance(scope, Scope):
        raise TypeError("every query needs the user's Scope")
    if place == reference.NATIONAL or scope.is_national:
        return True
    if place in reference.province_by_code():
        return scope.allows(place)
    return any(scope.allows(code) for code in _provinces_of(place))


def _read(db: Database, indicators: tuple[str, ...], provinces: tuple[str, ...], by_province: bool):
    v = labour_values.c
    keys = [v.indicator, v.period, v.year, v.quarter, v.month, *([v.province_code] if by_province else [])]
    query = (
        select(*keys, func.sum(v.value).label("value"), func.count().label("provinces"))
        .where(v.indicator.in_(indicators), v.province_code.in_(provinces))
        .group_by(*keys)
    )
    with db.engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).mappings().all())
    columns = ["indicator", *PERIOD_KEYS, *(["province_code"] if by_province else []), "value", "provinces"]
    frame = frame.reindex(columns=columns)
    frame["month"] = frame["month"].astype("Int64")
    frame["value"] = frame["value"].astype(float)
    return frame


def _counts(db: Database, indicators: tuple[str, ...], place: str) -> pd.DataFrame:
    """indicator, period keys, value: the place's totals, for periods every province of it has."""
    provinces = _provinces_of(place)
    sums = _read(db, indicators, provinces, by_province=False)
    sums = sums[sums["provinces"] == len(provinces)]
    if place == reference.NATIONAL:
        stored = _read(db, indicators, (reference.NATIONAL,), by_province=False)
        published = set(zip(stored["indicator"], stored["period"], strict=True))
        summed = [key not in published for key in zip(sums["indicator"], sums["period"], strict=True)]
        sums = pd.concat([stored, sums[summed]]) if published else sums
    return sums.drop(columns="provinces")


def _ratio(frame: pd.DataFrame, indicator: catalogue.Indicator, keys: list[str]) -> pd.DataFrame:
    """A rate per row of `keys` from the long frame of its numerator and denominator."""
    wide = frame.pivot_table(index=keys, columns="indicator", values="value", aggfunc="sum", dropna=False)
    wide = wide.reindex(columns=[indicator.numerator, indicator.denominator]).dropna()
    wide = wide[wide[indicator.denominator] > 0]
    value = wide[indicator.numerator] / wide[indicator.denominator]
    return value.rename("value").reset_index()


def _values(frame: pd.DataFrame, indicator: catalogue.Indicator, keys: list[str]) -> pd.DataFrame:
    if indicator.kind == catalogue.RATE:
        return _ratio(frame, indicator, keys)
    return frame[frame["indicator"] == indicator.code][[*keys, "value"]]


def _in_time_order(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    order = [c for c in ("province_code", "period") if c in columns]
    out = frame.reindex(columns=columns).sort_values(order).reset_index(drop=True)
    out["month"] = out["month"].astype("Int64")
    out["year"], out["quarter"] = out["year"].astype("int64"), out["quarter"].astype("int64")
    return out


@cached
def series(db: Database, scope: Scope, indicator: str, place: str) -> pd.DataFrame:
    """The place's value of the indicator in each period (see the module's rules)."""
    found = _indicator(indicator)
    if not visible_place(scope, place):
        return pd.DataFrame(columns=SERIES_COLUMNS)
    counts = _counts(db, catalogue.components(indicator), place)
    return _in_time_order(_values(counts, found, PERIOD_KEYS), SERIES_COLUMNS)


@cached
def yearly(db: Database, scope: Scope, indicator: str, place: str) -> pd.DataFrame:
    """Calendar years (BE): a stock's mean over its periods, a flow's sum; a rate from the yearly
    counts. `periods` is how many periods the year has, `complete` whether it has them all."""
    found = _indicator(indicator)
    parts = [_indicator(code) for code in catalogue.components(indicator)]
    years = []
    for part in parts:
        periods = series(db, scope, part.code, place)
        grouped = periods.groupby("year")["value"]
        value = grouped.mean() if part.kind == catalogue.STOCK else grouped.sum()
        years.append(pd.DataFrame({"indicator": part.code, "value": value, "periods": grouped.size()}))
    frame = pd.concat(years).reset_index()
    out = _values(frame, found, ["year"])
    periods = frame.groupby("year")["periods"].min()
    out["periods"] = out["year"].map(periods).astype("int64")
    out["complete"] = out["periods"] == found.periods_per_year
    return out.reindex(columns=YEARLY_COLUMNS).sort_values("year").reset_index(drop=True)


@cached
def panel(db: Database, scope: Scope, indicator: str) -> pd.DataFrame:
    """Every province in the scope, every period: the series the forecast and the map start from."""
    found = _indicator(indicator)
    provinces = tuple(p.code for p in reference.provinces() if scope.allows(p.code))
    frame = _read(db, catalogue.components(indicator), provinces, by_province=True)
    return _in_time_order(_values(frame, found, ["province_code", *PERIOD_KEYS]), PANEL_COLUMNS)


@cached
def latest(db: Database, scope: Scope, indicator: str) -> pd.DataFrame:
    """Each province's latest period in the scope, its value, and the same period a year earlier."""
    rows = panel(db, scope, indicator)
    if rows.empty:
        return pd.DataFrame(columns=LATEST_COLUMNS)
    last = rows.groupby("province_code").tail(1).copy()
    earlier = rows.assign(period=[periods.from_code(p).shifted(1).code for p in rows["period"]])
    last = last.merge(
        earlier[["province_code", "period", "value"]].rename(columns={"value": "year_earlier"}),
        on=["province_code", "period"],
        how="left",
    )
    return last.reindex(columns=LATEST_COLUMNS).reset_index(drop=True)
