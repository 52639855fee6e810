"""Rolling-origin backtest: forecast a year ahead from several past origins, as if the later data
did not exist, and compare with what happened.

Origins are the last `ORIGINS` points that leave a full year to check, one quarter or three
months apart. A method's parameters are fitted on the data before the first origin and kept for
the later ones (no origin sees its own future).

MASE = mean |actual − forecast| over every checked point ÷ mean |y[t] − y[t − season]| over the
history before the first origin: the error in units of the usual change on a year earlier.
Below 1, the forecasts beat repeating last year's figure. Coverage = the share of actual values
inside the 80 % interval.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_access.labour import methods

ORIGINS = 4
STEP = {4: 1, 12: 3}  # periods between origins: a quarter apart, for quarters and for months
POINTS_COLUMNS = ["origin", "step", "actual", "estimate", "low", "high"]
SHORT = 12  # fewer checked points than this: the page warns that the backtest is short


@dataclass(frozen=True)
class Score:
    mase: float | None
    coverage: float | None
    points: int


def origins(length: int, season: int, method: str) -> list[int]:
    """Indices where a forecast starts (the first forecast period), oldest first."""
    step, first = STEP.get(season, 1), methods.min_history(method, season)
    candidates = [length - season - step * k for k in range(ORIGINS)]
    return sorted(o for o in candidates if o >= first)


def run(values: np.ndarray, season: int, method: str) -> pd.DataFrame:
    """Every checked point: origin, step ahead (1…season), actual, estimate, low, high."""
    starts = origins(len(values), season, method)
    if not starts:
        return pd.DataFrame(columns=POINTS_COLUMNS)
    params = methods.fit(method, values[: starts[0]], season)
    made = methods.predict_from(method, values, season, season, params, starts)
    return pd.DataFrame(
        {
            "origin": np.repeat(starts, season),
            "step": np.tile(np.arange(1, season + 1), len(starts)),
            "actual": np.concatenate([values[o : o + season] for o in starts]),
            "estimate": np.concatenate([m.estimate for m in made]),
            "low": np.concatenate([m.low for m in made]),
            "high": np.concatenate([m.high for m in made]),
        }
    )


def mase_scale(history: np.ndarray, season: int) -> float | None:
    changes = np.abs(history[season:] - history[:-season])
    return float(changes.mean()) if len(changes) else None


def score(values: np.ndarray, season: int, points: pd.DataFrame) -> Score:
    """MASE and coverage of a backtest's points (None where there is nothing to score)."""
    if points.empty:
        return Score(None, None, 0)
    scale = mase_scale(values[: int(points["origin"].min())], season)
    error = float(np.mean(np.abs(points["actual"] - points["estimate"])))
    mase = error / scale if scale else None
    inside = (points["low"] <= points["actual"]) & (points["actual"] <= points["high"])
    return Score(mase, float(inside.mean()), len(points))
