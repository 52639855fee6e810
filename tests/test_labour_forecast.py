"""The labour forecast engine on plain series: the backtest's MASE and coverage, method choice,
reconciliation of provinces with their regions and the nation, and rates from their counts."""

import numpy as np
import pandas as pd
import pytest

from data_access import reference
from data_access.labour import backtest, engine, methods, periods, reconcile

PROVINCES = [p.code for p in reference.provinces()]


def quarters(first: str, count: int) -> list[str]:
    return [first, *engine.following(first, count - 1)]


def seasonal_series(rng, length: int, season: int, level: float, noise: float) -> np.ndarray:
    t = np.arange(length)
    return level + 0.15 * level * np.sin(2 * np.pi * t / season) + rng.normal(0, noise * level, length)


def hierarchy(rng, length: int, season: int, first: str) -> dict[str, pd.Series]:
    """Every province a seasonal series with noise; regions and the nation their sums."""
    codes = quarters(first, length)
    provinces = {
        p: pd.Series(seasonal_series(rng, length, season, rng.uniform(2e3, 5e4), 0.04), codes)
        for p in PROVINCES
    }
    out = dict(provinces)
    for region in reference.REGIONS:
        out[region.code] = sum(provinces[c] for c in reference.provinces_of_region(region.code))
    out[reference.NATIONAL] = sum(provinces.values())
    return out


def test_mase_and_coverage_of_a_hand_made_series():
    # One origin (index 8): the seasonal naive repeats 12 22 32 42 against 15 21 36 40.
    values = np.array([10, 20, 30, 40, 12, 22, 32, 42, 15, 21, 36, 40], dtype=float)
    points = backtest.run(values, 4, methods.SEASONAL_NAIVE)
    assert points["origin"].unique().tolist() == [8]
    assert points["estimate"].tolist() == [12, 22, 32, 42]
    score = backtest.score(values, 4, points)
    # errors 3 1 4 2 (mean 2.5) over the usual change on a year earlier, 2 (before the origin)
    assert score.mase == pytest.approx(1.25)
    # the interval is ± 1.2816 × 2 (the changes' root mean square): 21 and 40 fall inside
    assert points["high"].iloc[0] - points["estimate"].iloc[0] == pytest.approx(2 * 1.2815516, rel=1e-6)
    assert score.coverage == 0.5
    assert score.points == 4


@pytest.mark.parametrize(("season", "length", "first"), [(4, 40, "2558Q1"), (12, 102, "2560-01")])
def test_the_backtests_80_percent_interval_covers_between_70_and_90_percent(season, length, first):
    rng = np.random.default_rng(season)
    codes = quarters(first, length)
    series = {str(i): pd.Series(seasonal_series(rng, length, season, 1000.0, 0.05), codes) for i in range(40)}
    result = engine.forecast_indicator(series, season, season)
    points = pd.concat(result.points.values())
    inside = ((points["low"] <= points["actual"]) & (points["actual"] <= points["high"])).mean()
    assert 0.70 <= inside <= 0.90
    assert result.fits["method"].str.startswith("ets").all()
    assert result.fits["mase"].mean() < 1  # smoothing beats repeating last year's noisy figure


def test_provinces_add_up_to_their_region_and_the_nation():
    rng = np.random.default_rng(7)
    series = hierarchy(rng, 34, 4, "2560Q1")
    series[reference.NATIONAL] = series[reference.NATIONAL] * 1.05  # a published national table
    result = engine.forecast_indicator(series, 4, 8)
    wide = result.forecasts.pivot(index="place", columns="period", values="estimate")
    assert result.fits["reconciled"].all()
    assert np.allclose(wide.loc[PROVINCES].sum(), wide.loc[reference.NATIONAL], rtol=1e-9)
    for region in reference.REGIONS:
        members = list(reference.provinces_of_region(region.code))
        assert np.allclose(wide.loc[members].sum(), wide.loc[region.code], rtol=1e-9)
    assert wide.columns.tolist() == quarters("2568Q3", 8)


def test_mint_weighs_each_forecast_by_its_precision():
    s = np.array([[1.0, 1.0], [1.0, 0.0], [0.0, 1.0]])
    base = np.array([[10.0], [4.0], [4.0]])
    # equal variances: the provinces meet the nation halfway, 14/3 each
    assert reconcile.mint_diagonal(base, np.ones((3, 1)), s)[:, 0] == pytest.approx([28 / 3, 14 / 3, 14 / 3])
    # a nation known far better than its provinces: the provinces move to it
    precise = reconcile.mint_diagonal(base, np.array([[1e-6], [1.0], [1.0]]), s)[:, 0]
    assert precise == pytest.approx([10.0, 5.0, 5.0], abs=1e-4)


def test_without_every_province_the_forecasts_are_left_as_they_are():
    rng = np.random.default_rng(3)
    series = {"50": pd.Series(seasonal_series(rng, 34, 4, 500.0, 0.05), quarters("2560Q1", 34))}
    result = engine.forecast_indicator(series, 4, 4)
    assert not result.fits["reconciled"].any()


def test_a_short_series_gets_the_seasonal_naive_and_no_backtest():
    series = {"50": pd.Series([5.0, 6, 7, 8, 6, 7, 8, 9], quarters("2566Q1", 8))}
    result = engine.forecast_indicator(series, 4, 4)
    fit = result.fits.iloc[0]
    assert fit["method"] == methods.SEASONAL_NAIVE and fit["points"] == 0 and fit["mase"] is None
    assert result.forecasts["estimate"].tolist() == [6, 7, 8, 9]
    assert result.forecasts["period"].tolist() == ["2568Q1", "2568Q2", "2568Q3", "2568Q4"]


def test_a_gap_starts_the_series_again_after_it():
    series = pd.Series([1.0, 2, 3, 4], index=["2565Q1", "2565Q2", "2566Q1", "2566Q2"])
    assert engine.contiguous_tail(series).index.tolist() == ["2566Q1", "2566Q2"]


def test_months_follow_each_other_across_the_year():
    assert engine.following("2566-11", 3) == ["2566-12", "2567-01", "2567-02"]
    assert engine.following("2566Q4", 2) == ["2567Q1", "2567Q2"]


def test_the_unemployment_rate_is_the_ratio_of_its_counts_forecasts():
    rng = np.random.default_rng(11)
    codes = quarters("2560Q1", 34)
    unemployed = {"50": pd.Series(seasonal_series(rng, 34, 4, 20_000.0, 0.05), codes)}
    labour_force = {"50": pd.Series(seasonal_series(rng, 34, 4, 900_000.0, 0.01), codes)}
    u, lf = engine.forecast_indicator(unemployed, 4, 4), engine.forecast_indicator(labour_force, 4, 4)
    rate = engine.ratio(u, lf, 4)
    assert rate.forecasts["estimate"].to_numpy() == pytest.approx(
        (u.forecasts["estimate"] / lf.forecasts["estimate"]).to_numpy()
    )
    assert rate.forecasts["high"].to_numpy() == pytest.approx(
        (u.forecasts["high"] / lf.forecasts["estimate"]).to_numpy()
    )
    fit = rate.fits.iloc[0]
    assert fit["method"] == f"ratio:{u.fits.iloc[0]['method']}" and fit["points"] == 16
    assert 0 < fit["mase"] < 2


@pytest.mark.parametrize(("season", "length"), [(4, 34), (4, 19), (12, 102), (12, 50)])
def test_one_smoothing_gives_every_backtest_origin_the_same_forecast_as_its_own(season, length):
    """The backtest predicts from every origin with one smoothing of the whole series where that is
    exact (every prefix holds five seasons), else one by one: the numbers are the same either way."""
    rng = np.random.default_rng(season * length)
    values = 1000 + 50 * np.sin(np.arange(length) * 2 * np.pi / season) + rng.normal(0, 10, length).cumsum()
    for method in ("ets_ana", "ets_aada"):
        starts = backtest.origins(length, season, method)
        params = methods.fit(method, values[: starts[0]], season)
        shared = methods.predict_from(method, values, season, season, params, starts)
        for origin, made in zip(starts, shared, strict=True):
            own = methods.predict(method, values[:origin], season, season, params)
            for part in ("estimate", "low", "high"):
                assert getattr(made, part) == pytest.approx(getattr(own, part), rel=1e-12)


@pytest.mark.parametrize("quarters", range(12, 24))
def test_a_place_with_few_quarters_is_still_forecast(quarters):
    """Between 16 and 21 quarters, ETS was tried on fewer points than its heuristic start reads
    and the whole forecast stopped with a ValueError."""
    codes = [periods.Period(year, q).code for year in range(2563, 2569) for q in range(1, 5)][:quarters]
    values = 1000 + np.arange(quarters) * 3.0 + np.tile([10.0, -5.0, 0.0, -5.0], 6)[:quarters]
    result = engine.forecast_indicator({"10": pd.Series(values, index=codes)}, 4, 4)
    assert len(result.forecasts) == 4 and result.fits["method"].iloc[0] in methods.METHODS


@pytest.mark.parametrize(("season", "length"), [(4, 34), (12, 102)])
def test_the_forecast_and_its_interval_are_statsmodels_own(season, length):
    """`predict` reads the exact variance without statsmodels' prediction objects; it must give
    what statsmodels' public get_prediction(...).pred_int gives for the same model."""
    import warnings

    rng = np.random.default_rng(length)
    values = 1000 + 50 * np.sin(np.arange(length) * 2 * np.pi / season) + rng.normal(0, 10, length).cumsum()
    for method in ("ets_ana", "ets_aada"):
        params = methods.fit(method, values, season)
        made = methods.predict(method, values, season, 2 * season, params)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = methods.ETSModel(
                pd.Series(values),
                error="add",
                seasonal="add",
                seasonal_periods=season,
                initialization_method="heuristic",
                **methods.ETS[method],
            )
            public = model.smooth(params).get_prediction(start=length, end=length + 2 * season - 1)
            bounds = public.pred_int(alpha=1 - methods.INTERVAL).to_numpy()
        assert made.estimate == pytest.approx(public.predicted_mean.to_numpy(), rel=1e-10)
        assert made.low == pytest.approx(bounds[:, 0], rel=1e-10)
        assert made.high == pytest.approx(bounds[:, 1], rel=1e-10)
