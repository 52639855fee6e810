"""The forecasting methods a labour series may get, each with an 80 % interval.

- `seasonal_naive`: next year's period repeats this year's (the benchmark MASE is scaled by);
  its interval widens by √(years ahead), from the spread of year-on-year changes.
- `ets_ana`, `ets_aada`: exponential smoothing with additive errors and additive seasonality,
  without trend and with a damped trend (statsmodels' ETSModel; exact analytic intervals).

A method is fitted once (`fit`) and then run from any origin with those parameters fixed
(`predict`), so a rolling-origin backtest fits each series once, not once per origin. The
seasonal states start from the first seasons of the series (heuristic initialisation): fitting
then estimates only the smoothing weights, about 5 ms a series.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import norm
from statsmodels.tsa.exponential_smoothing.ets import ETSModel

INTERVAL = 0.8
Z = float(norm.ppf(0.5 + INTERVAL / 2))
SEASONAL_NAIVE = "seasonal_naive"
ETS = {"ets_ana": dict(trend=None, damped_trend=False), "ets_aada": dict(trend="add", damped_trend=True)}
METHODS = (SEASONAL_NAIVE, *ETS)


@dataclass(frozen=True)
class Forecast:
    estimate: np.ndarray
    low: np.ndarray
    high: np.ndarray


def min_history(method: str, season: int) -> int:
    """Periods a method needs before it can forecast: two seasons for the seasonal naive (one to
    repeat, one to see a change), three for ETS (its heuristic start needs them)."""
    return 2 * season if method == SEASONAL_NAIVE else max(3 * season, 10)


def _ets(history: np.ndarray, season: int, method: str) -> ETSModel:
    return ETSModel(
        pd.Series(history, dtype=float),
        error="add",
        seasonal="add",
        seasonal_periods=season,
        initialization_method="heuristic",
        **ETS[method],
    )


def fit(method: str, history: np.ndarray, season: int) -> np.ndarray | None:
    """The method's parameters from `history` (None for the seasonal naive, which has none)."""
    if method == SEASONAL_NAIVE:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return np.asarray(_ets(history, season, method).fit(disp=False).params)


def predict(method: str, history: np.ndarray, season: int, horizon: int, params) -> Forecast:
    """`horizon` periods after `history`, with parameters from `fit`."""
    if method == SEASONAL_NAIVE:
        return seasonal_naive(history, season, horizon)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = _ets(history, season, method).smooth(params)
        prediction = result.get_prediction(start=len(history), end=len(history) + horizon - 1)
        bounds = prediction.pred_int(alpha=1 - INTERVAL).to_numpy()
    return Forecast(np.asarray(prediction.predicted_mean), bounds[:, 0], bounds[:, 1])


def seasonal_naive(history: np.ndarray, season: int, horizon: int) -> Forecast:
    changes = history[season:] - history[:-season]
    sigma = float(np.sqrt(np.mean(changes**2)))
    steps = np.arange(horizon)
    estimate = history[len(history) - season + steps % season]
    spread = Z * sigma * np.sqrt(steps // season + 1)
    return Forecast(estimate.astype(float), estimate - spread, estimate + spread)
