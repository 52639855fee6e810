"""Labour forecasts kept in the database: computed once per version of the labour figures, read
with the user's scope.

The version is a fingerprint of `labour_values` (rows, sum of values, latest import batch, last
period), so an import of the project's own records, which bumps the data version, does not
refit forty thousand models; any change to the labour figures does. `ensure` computes what is
missing (the `forecast` command, `init --demo` and the page's first view call it); readers never
compute. Forecasting every place and indicator runs the indicators in parallel processes.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import pandas as pd
from sqlalchemy import delete, func, insert, select
from threadpoolctl import threadpool_limits

from data_access import reference, users
from data_access.cache import cached
from data_access.db import Database, set_meta
from data_access.labour import catalogue, engine, queries
from data_access.schema import labour_forecast_fits, labour_forecasts, labour_values
from data_access.selection import Scope

VERSION_KEY = "labour_forecast_version"
HORIZON_YEARS = 2  # periods stored: two years ahead (8 quarters, 24 months)
WORKERS = 2
PARALLEL_FROM = 200  # series; fewer are faster in this process than in fresh ones

_lock = threading.Lock()

Progress = Callable[[int, int, str], None]


def labour_version(db: Database) -> str:
    v = labour_values.c
    query = select(func.count(), func.sum(v.value), func.max(v.batch_id), func.max(v.period))
    with db.engine.connect() as conn:
        count, total, batch, last = conn.execute(query).one()
    return f"{count}|{total!r}|{batch}|{last}"


def stored_version(db: Database) -> str | None:
    return db.meta(VERSION_KEY)


def is_current(db: Database) -> bool:
    return stored_version(db) == labour_version(db)


def _places_series(db: Database, code: str) -> dict[str, pd.Series]:
    """Every province, region and the nation: the indicator's values by period code."""
    out = {}
    for province, rows in queries.panel(db, users.SYSTEM, code).groupby("province_code"):
        out[province] = rows.set_index("period")["value"]
    for place in (reference.NATIONAL, *(r.code for r in reference.REGIONS)):
        rows = queries.series(db, users.SYSTEM, code, place)
        if not rows.empty:
            out[place] = rows.set_index("period")["value"]
    return out


def _run(args: tuple[str, dict[str, pd.Series], int]) -> tuple[str, engine.Result]:
    """One indicator, with BLAS on one thread: the optimiser's tiny matrices gain nothing from
    threads, and OpenBLAS's idle threads spinning for work made each fit 4× slower on a busy
    machine (155 → 35 ms an ETS fit with the other core loaded)."""
    code, series, season = args
    with threadpool_limits(limits=1, user_api="blas"):
        return code, engine.forecast_indicator(series, season, HORIZON_YEARS * season)


def compute(
    db: Database, progress: Progress | None = None, workers: int = WORKERS
) -> dict[str, engine.Result]:
    """Forecasts of every stored indicator, and rates from their counts."""
    jobs = []
    for found in catalogue.STORED:
        series = _places_series(db, found.code)
        if series:
            jobs.append((found.code, series, found.periods_per_year))
    results: dict[str, engine.Result] = {}
    if workers > 1 and sum(len(series) for _, series, _ in jobs) >= PARALLEL_FROM:
        with contextlib.suppress(BrokenProcessPool):  # a worker was killed: finish here instead
            _in_processes(jobs, workers, results, progress)
    for job in jobs:
        if job[0] not in results:
            code, result = _run(job)
            results[code] = result
            _report(progress, len(results), len(jobs), code)
    for rate in (i for i in catalogue.INDICATORS if i.kind == catalogue.RATE):
        if rate.numerator in results and rate.denominator in results:
            results[rate.code] = engine.ratio(
                results[rate.numerator], results[rate.denominator], rate.periods_per_year
            )
    return results


def _in_processes(jobs: list, workers: int, results: dict, progress: Progress | None) -> None:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for code, result in pool.map(_run, jobs):
            results[code] = result
            _report(progress, len(results), len(jobs), code)


def _report(progress: Progress | None, done: int, total: int, code: str) -> None:
    if progress is not None:
        progress(done, total, code)


def store(db: Database, results: dict[str, engine.Result], version: str) -> None:
    """Replaces every stored forecast with `results`, marked as made from `version`."""
    forecasts = [r.forecasts.assign(indicator=code) for code, r in results.items()]
    fits = [r.fits.assign(indicator=code) for code, r in results.items()]
    with db.engine.begin() as conn:
        conn.execute(delete(labour_forecasts))
        conn.execute(delete(labour_forecast_fits))
        if forecasts:
            rows = pd.concat(forecasts).astype({"step": int})
            conn.execute(insert(labour_forecasts), rows.to_dict("records"))
        if fits:
            rows = pd.concat(fits).astype({"points": int, "reconciled": bool})
            rows = rows.astype(object).where(rows.notna(), None)
            conn.execute(insert(labour_forecast_fits), rows.to_dict("records"))
        set_meta(conn, VERSION_KEY, version)


def ensure(db: Database, progress: Progress | None = None, workers: int = WORKERS) -> bool:
    """Computes and stores the forecasts when the labour figures changed; True if it did."""
    with _lock:
        version = labour_version(db)
        if stored_version(db) == version:
            return False
        store(db, compute(db, progress, workers), version)
        return True


def _read(db: Database, table, indicator: str, place: str) -> pd.DataFrame:
    c = table.c
    query = select(table).where(c.indicator == indicator, c.place == place)
    with db.engine.connect() as conn:
        return pd.DataFrame(conn.execute(query).mappings().all(), columns=[col.name for col in table.columns])


@cached
def forecast(db: Database, scope: Scope, indicator: str, place: str, version: str | None) -> pd.DataFrame:
    """The place's stored forecast (period, step, estimate, low, high), empty outside the scope.
    `version` (stored_version) is part of the cache key: a new computation is never missed."""
    if not queries.visible_place(scope, place):
        return pd.DataFrame(columns=["period", "step", "estimate", "low", "high"])
    rows = _read(db, labour_forecasts, indicator, place).sort_values("step")
    return rows[["period", "step", "estimate", "low", "high"]].reset_index(drop=True)


@cached
def fit(db: Database, scope: Scope, indicator: str, place: str, version: str | None) -> dict | None:
    """The place's method and backtest (method, mase, coverage, points, reconciled), or None."""
    if not queries.visible_place(scope, place):
        return None
    rows = _read(db, labour_forecast_fits, indicator, place)
    if rows.empty:
        return None
    row = rows.iloc[0]
    return {
        "method": row["method"],
        "mase": None if pd.isna(row["mase"]) else float(row["mase"]),
        "coverage": None if pd.isna(row["coverage"]) else float(row["coverage"]),
        "points": int(row["points"]),
        "reconciled": bool(row["reconciled"]),
    }
