"""Forecasts of one indicator for every place, from plain series (no database here).

1. Each place's series is backtested with every method (backtest.py).
2. The indicator's method is the one with the lowest mean MASE over the places every method
   could be backtested on; a place too short for it falls back to the seasonal naive.
3. Each place is forecast `horizon` periods ahead with that method, fitted on its whole series.
4. When every province has a forecast for the same periods, provinces, regions and the nation
   are reconciled (reconcile.py) so that they add up; the intervals keep their own width around
   the reconciled estimate. Counts are never below zero.

A rate (the unemployment rate) is not forecast on its own: it is the ratio of its counts'
reconciled forecasts, so it agrees with them; its interval is the numerator's over the
denominator's estimate, and its backtest is scored the same way from the counts' backtests.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from data_access import reference
from data_access.labour import backtest, methods, periods, reconcile

FORECAST_COLUMNS = ["place", "period", "step", "estimate", "low", "high"]
FIT_COLUMNS = ["place", "method", "mase", "coverage", "points", "reconciled"]


@dataclass
class Result:
    """forecasts: FORECAST_COLUMNS; fits: FIT_COLUMNS (one row per place); points: each place's
    backtest points of its method (backtest.POINTS_COLUMNS), kept to score rates."""

    forecasts: pd.DataFrame
    fits: pd.DataFrame
    points: dict[str, pd.DataFrame] = field(default_factory=dict)
    history: dict[str, np.ndarray] = field(default_factory=dict)


def following(code: str, count: int) -> list[str]:
    """The `count` period codes after `code` (quarters or months)."""
    start = periods.from_code(code)
    if start.month is None:
        index = start.year * 4 + start.quarter - 1
        return [periods.Period((i // 4), i % 4 + 1).code for i in range(index + 1, index + 1 + count)]
    index = start.year * 12 + start.month - 1
    return [
        periods.Period(i // 12, (i % 12) // 3 + 1, i % 12 + 1).code
        for i in range(index + 1, index + 1 + count)
    ]


def contiguous_tail(series: pd.Series) -> pd.Series:
    """The latest unbroken run of periods (a gap would break the seasons' rhythm)."""
    codes = list(series.index)
    start = len(codes) - 1
    while start > 0 and following(codes[start - 1], 1)[0] == codes[start]:
        start -= 1
    return series.iloc[start:]


def choose_method(
    backtests: dict[str, dict[str, pd.DataFrame]], history: dict[str, np.ndarray], season: int
) -> str:
    """The method with the lowest mean MASE over places every method was backtested on."""
    common = [p for p, runs in backtests.items() if all(not runs[m].empty for m in methods.METHODS)]
    best, best_mase = methods.SEASONAL_NAIVE, None
    for method in methods.METHODS:
        scores = [backtest.score(history[p], season, backtests[p][method]).mase for p in common]
        scores = [s for s in scores if s is not None]
        if scores and (best_mase is None or np.mean(scores) < best_mase):
            best, best_mase = method, float(np.mean(scores))
    return best


def forecast_indicator(series: dict[str, pd.Series], season: int, horizon: int) -> Result:
    """`series`: place → values indexed by period code, in time order."""
    history = {p: contiguous_tail(s.dropna()) for p, s in series.items()}
    history = {
        p: s for p, s in history.items() if len(s) >= methods.min_history(methods.SEASONAL_NAIVE, season)
    }
    values = {p: s.to_numpy(dtype=float) for p, s in history.items()}
    backtests = {p: {m: backtest.run(v, season, m) for m in methods.METHODS} for p, v in values.items()}
    chosen = choose_method(backtests, values, season)
    rows, fits, points = [], [], {}
    for place, v in values.items():
        method = chosen if len(v) >= methods.min_history(chosen, season) else methods.SEASONAL_NAIVE
        made = methods.predict(method, v, season, horizon, methods.fit(method, v, season))
        codes = following(history[place].index[-1], horizon)
        rows.append(
            pd.DataFrame(
                {
                    "place": place,
                    "period": codes,
                    "step": np.arange(1, horizon + 1),
                    "estimate": made.estimate,
                    "low": made.low,
                    "high": made.high,
                }
            )
        )
        points[place] = backtests[place][method]
        s = backtest.score(v, season, points[place])
        fits.append(
            dict(
                place=place,
                method=method,
                mase=s.mase,
                coverage=s.coverage,
                points=s.points,
                reconciled=False,
            )
        )
    forecasts = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=FORECAST_COLUMNS)
    fits = pd.DataFrame(fits, columns=FIT_COLUMNS)
    forecasts, fits = reconciled(forecasts, fits)
    return Result(_not_negative(forecasts), fits, points, values)


def reconciled(forecasts: pd.DataFrame, fits: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Reconciled when every place of the hierarchy has forecasts for the same periods."""
    provinces = [p.code for p in reference.provinces()]
    places, s = reconcile.summing_matrix(provinces)
    wide = {
        col: forecasts.pivot(index="place", columns="period", values=col)
        for col in ("estimate", "low", "high")
    }
    if not set(places) <= set(wide["estimate"].index) or wide["estimate"].loc[places].isna().any().any():
        return forecasts, fits
    base = wide["estimate"].loc[places]
    variance = ((wide["high"].loc[places] - wide["low"].loc[places]) / (2 * methods.Z)) ** 2
    coherent = pd.DataFrame(
        reconcile.mint_diagonal(base.to_numpy(), variance.to_numpy(), s), index=places, columns=base.columns
    )
    shift = (
        (coherent - base).rename_axis(index="place", columns="period").stack().rename("shift").reset_index()
    )
    out = forecasts.merge(shift, on=["place", "period"], how="left")
    out["shift"] = out["shift"].fillna(0.0)
    for col in ("estimate", "low", "high"):
        out[col] = out[col] + out["shift"]
    fits = fits.assign(reconciled=fits["place"].isin(places))
    return out.drop(columns="shift"), fits


def _not_negative(forecasts: pd.DataFrame) -> pd.DataFrame:
    return forecasts.assign(**{c: forecasts[c].clip(lower=0.0) for c in ("estimate", "low", "high")})


def ratio(numerator: Result, denominator: Result, season: int) -> Result:
    """A rate's forecasts, fits and backtest from its counts' (see the module's note)."""
    keys = ["place", "period", "step"]
    both = numerator.forecasts.merge(denominator.forecasts, on=keys, suffixes=("_n", "_d"))
    both = both[both["estimate_d"] > 0]
    forecasts = pd.DataFrame(
        {
            **{k: both[k] for k in keys},
            "estimate": both["estimate_n"] / both["estimate_d"],
            "low": both["low_n"] / both["estimate_d"],
            "high": both["high_n"] / both["estimate_d"],
        }
    )
    fits, points, history = [], {}, {}
    for place in sorted(set(numerator.points) & set(denominator.points)):
        n, d = numerator.history[place], denominator.history[place]
        if len(n) != len(d) or (d <= 0).any():
            continue  # the counts' backtests start from different periods: nothing to pair
        history[place] = n / d
        joined = numerator.points[place].merge(
            denominator.points[place], on=["origin", "step"], suffixes=("_n", "_d")
        )
        points[place] = pd.DataFrame(
            {
                "origin": joined["origin"],
                "step": joined["step"],
                "actual": joined["actual_n"] / joined["actual_d"],
                "estimate": joined["estimate_n"] / joined["estimate_d"].where(joined["estimate_d"] > 0),
                "low": joined["low_n"] / joined["estimate_d"].where(joined["estimate_d"] > 0),
                "high": joined["high_n"] / joined["estimate_d"].where(joined["estimate_d"] > 0),
            }
        ).dropna()
        s = backtest.score(history[place], season, points[place])
        method = numerator.fits.set_index("place").loc[place, "method"]
        fits.append(
            dict(
                place=place,
                method=f"ratio:{method}",
                mase=s.mase,
                coverage=s.coverage,
                points=s.points,
                reconciled=bool(numerator.fits.set_index("place").loc[place, "reconciled"]),
            )
        )
    return Result(forecasts.reset_index(drop=True), pd.DataFrame(fits, columns=FIT_COLUMNS), points, history)
