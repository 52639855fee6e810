"""The forecasting methods a labour series may get, each with an 80 % interval.

- `seasonal_naive`: next year's period repeats this year's (the benchmark MASE is scaled by);
  its interval widens by √(years ahead), from the spread of year-on-year changes.
- `ets_ana`, `ets_aada`: exponential smoothing with additive errors and additive seasonality,
  without trend and with a damped trend (statsmodels' ETSModel; exact analytic intervals).

A method is fitted once (`fit`) and then run from any origin with those parameters fixed
(`predict`), so a rolling-origin backtest fits each series once, not once per origin. The
seasonal states start from the first seasons of the series (heuristic initialisation): fitting
then estimates only the smoothing weights. Models are built on plain arrays and intervals read
from the fitted model directly: statsmodels' pandas wrappers cost more than the arithmetic.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
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
    repeat, one to see a change), three for ETS, and never fewer than its heuristic start reads
    (ten seasonally adjusted points: 10 + 2 × (season // 2), 14 quarters)."""
    return 2 * season if method == SEASONAL_NAIVE else max(3 * season, 10 + 2 * (season // 2))


def _ets(history: np.ndarray, season: int, method: str) -> ETSModel:
    return ETSModel(
        np.asarray(history, dtype=float),  # an array, not a Series: no pandas objects on every call
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
        # return_params: the same optimum without building a results object (its covariance
        # alone costs a third of the fit)
        return np.asarray(_ets(history, season, method).fit(disp=False, return_params=True))


def _spread(result, horizon: int) -> np.ndarray:
    """Half the 80 % interval, 1…horizon steps ahead: statsmodels' exact ETS forecast variance
    (what `get_prediction(...).pred_int` computes, without building its pandas objects, which
    cost more than the forecast; tests/test_labour_methods.py checks the two agree)."""
    steps = np.arange(1, horizon + 1)
    return Z * np.sqrt(result.mse * result._relative_forecast_variance(steps))


def predict(method: str, history: np.ndarray, season: int, horizon: int, params) -> Forecast:
    """`horizon` periods after `history`, with parameters from `fit`."""
    if method == SEASONAL_NAIVE:
        return seasonal_naive(history, season, horizon)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = _ets(history, season, method).smooth(params)
        mean = np.asarray(result.forecast(horizon), dtype=float)
    spread = _spread(result, horizon)
    return Forecast(mean, mean - spread, mean + spread)


SHARED_FROM_SEASONS = 5  # statsmodels' heuristic start reads min(5, seasons in the data) seasons


def predict_from(method: str, values: np.ndarray, season: int, horizon: int, params, origins) -> list:
    """`predict(method, values[:o], …)` for every origin `o`, the same numbers from one smoothing
    of the whole series where that is exact: the heuristic start is then the same for every prefix
    (each holds at least five seasons), so the states at an origin are those its prefix ends with;
    the interval's width scales with the residuals seen before the origin (its own σ estimate)."""
    if method == SEASONAL_NAIVE or min(origins) < SHARED_FROM_SEASONS * season:
        return [predict(method, values[:o], season, horizon, params) for o in origins]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = _ets(values, season, method).smooth(params)
        means = [np.asarray(result.predict(start=o, end=o + horizon - 1, dynamic=0)) for o in origins]
    squared = np.asarray(result.resid) ** 2
    spread = _spread(result, horizon)
    made = []
    for o, mean in zip(origins, means, strict=True):
        scaled = spread * np.sqrt(squared[:o].mean() / squared.mean())
        made.append(Forecast(mean, mean - scaled, mean + scaled))
    return made


def seasonal_naive(history: np.ndarray, season: int, horizon: int) -> Forecast:
    changes = history[season:] - history[:-season]
    sigma = float(np.sqrt(np.mean(changes**2)))
    steps = np.arange(horizon)
    estimate = history[len(history) - season + steps % season]
    spread = Z * sigma * np.sqrt(steps // season + 1)
    return Forecast(estimate.astype(float), estimate - spread, estimate + spread)
