"""Partial pooling (empirical Bayes, normal–normal) of a yearly quantity across units in groups.

On a scale where the quantity is roughly normal (log unit cost, logit rate, baht of gain):

    y[u, t] = θ[u] + b[t] + e[u, t],   e ~ N(0, σ² + (κ + unit_var[u, t]) / n[u, t])
    θ[u]    ~ N(μ[group], τ²)

b[t] is a year effect every unit shares, so units' errors move together as they do in reality;
next year's b is a random walk step from the last year's. unit_var/n is the known sampling noise
(binomial for rates), κ/n extra noise that shrinks with size, σ² the between-year variation of a
unit that does not. A unit with few people (large variance of its mean) is pulled toward its
group by the weight τ² / (τ² + its variance).

`observations` frames have columns fiscal_year, unit, group, y, n, unit_var (n > 0).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import nnls

MIN_VARIANCE = 1e-12  # identical data every year would otherwise give infinite precision


@dataclass(frozen=True)
class Hyper:
    """What is learnt from every unit: year effects, variance components, group means."""

    year_effect: pd.Series  # by fiscal year, mean zero
    sigma2: float
    kappa: float
    tau2: float
    group_mean: pd.Series
    group_var: pd.Series  # variance of each group mean's estimate
    step_var: float  # variance of next year's change of the year effect
    step_df: int  # year-to-year changes behind step_var

    @property
    def last_effect(self) -> float:
        return float(self.year_effect.iloc[-1])


def year_effects(obs: pd.DataFrame, rounds: int = 5) -> pd.Series:
    """Each year's level against the units' own levels, weighted by size (alternating means)."""
    year_codes, years = pd.factorize(obs["fiscal_year"], sort=True)
    unit_codes, _ = pd.factorize(obs["unit"])
    y, n = obs["y"].to_numpy(float), obs["n"].to_numpy(float)
    per_unit = np.bincount(unit_codes)
    effect = np.zeros(len(years))
    for _ in range(rounds):
        level = np.bincount(unit_codes, y - effect[year_codes]) / per_unit
        effect = np.bincount(year_codes, (y - level[unit_codes]) * n) / np.bincount(year_codes, n)
        effect -= effect.mean()
    return pd.Series(effect, index=years)


def group_sums(keys: pd.Series, **values) -> pd.DataFrame:
    """Sums of each array in `values` per key, keys in order of first appearance."""
    codes, uniques = pd.factorize(keys)
    return pd.DataFrame(
        {name: np.bincount(codes, np.asarray(v, float), len(uniques)) for name, v in values.items()},
        index=uniques,
    )


def within_variance(z: pd.DataFrame) -> tuple[float, float]:
    """(σ², κ) by least squares of units' squared yearly deviations on 1/n, both ≥ 0."""
    codes, _ = pd.factorize(z["unit"])
    y, n = z["y"].to_numpy(float), z["n"].to_numpy(float)
    years = np.bincount(codes)[codes]
    mean = (np.bincount(codes, y) / np.bincount(codes))[codes]
    repeated = years > 1
    if not repeated.any():
        return 0.0, 0.0
    t = years[repeated]
    excess = (y - mean)[repeated] ** 2 * t / (t - 1) - z["unit_var"].to_numpy(float)[repeated] / n[repeated]
    design = np.column_stack([np.ones(len(t)), 1 / n[repeated]])
    (sigma2, kappa), _ = nnls(design, excess)
    return float(sigma2), float(kappa)


def unit_means(z: pd.DataFrame, sigma2: float, kappa: float) -> pd.DataFrame:
    """Each unit's precision-weighted mean over years and that mean's variance."""
    weight = 1 / np.maximum(sigma2 + (kappa + z["unit_var"]) / z["n"], MIN_VARIANCE)
    sums = group_sums(z["unit"], w=weight, wy=weight * z["y"])
    first = z.drop_duplicates("unit")
    group = pd.Series(first["group"].to_numpy(), index=first["unit"].to_numpy())
    return pd.DataFrame({"group": group, "mean": sums["wy"] / sums["w"], "var": 1 / sums["w"]})


def between_variance(means: pd.DataFrame) -> float:
    """τ² by DerSimonian–Laird, pooled over groups (each unit against its own group's mean)."""
    codes, groups = pd.factorize(means["group"])
    w, m = 1 / means["var"].to_numpy(float), means["mean"].to_numpy(float)
    s1, s2 = np.bincount(codes, w), np.bincount(codes, w**2)
    fixed = (np.bincount(codes, w * m) / s1)[codes]
    q = float(np.sum(w * (m - fixed) ** 2))
    c = float(np.sum(s1 - s2 / s1))
    return max(0.0, (q - (len(m) - len(groups))) / c) if c > 0 else 0.0


def _steps(effect: pd.Series) -> np.ndarray:
    """Year-to-year changes of the year effect, per year elapsed."""
    years = effect.index.to_numpy()
    gaps = np.diff(years)
    return np.diff(effect.to_numpy()) / np.sqrt(gaps)


def fit(obs: pd.DataFrame) -> Hyper:
    """Hyperparameters from every unit's observations (at least two fiscal years)."""
    effect = year_effects(obs)
    z = obs.assign(y=obs["y"] - obs["fiscal_year"].map(effect))
    sigma2, kappa = within_variance(z)
    means = unit_means(z, sigma2, kappa)
    tau2 = between_variance(means)
    w = 1 / (means["var"] + tau2)
    by_group = group_sums(means["group"], w=w, wy=w * means["mean"])
    steps = _steps(effect)
    return Hyper(
        year_effect=effect,
        sigma2=sigma2,
        kappa=kappa,
        tau2=tau2,
        group_mean=by_group["wy"] / by_group["w"],
        group_var=1 / by_group["w"],
        step_var=float(np.mean(steps**2)) if len(steps) else 0.0,
        step_df=len(steps),
    )


def posterior(obs: pd.DataFrame, hyper: Hyper, units: pd.DataFrame) -> pd.DataFrame:
    """Each unit's level θ (year effect removed): mean, variance, and the weight on its own data.

    `units` (index unit, column group) lists every unit wanted, with or without observations;
    a unit without any is its group's mean with the between-unit variance.
    """
    z = obs.assign(y=obs["y"] - obs["fiscal_year"].map(hyper.year_effect).fillna(0.0))
    own = unit_means(z, hyper.sigma2, hyper.kappa) if len(z) else pd.DataFrame(columns=["mean", "var"])
    prior_mean = units["group"].map(hyper.group_mean).astype(float)
    prior_var = units["group"].map(hyper.group_var).astype(float)
    data_mean = own["mean"].reindex(units.index).astype(float)
    data_var = own["var"].reindex(units.index).astype(float)
    weight = (hyper.tau2 / (hyper.tau2 + data_var)).fillna(0.0)
    mean = prior_mean + weight * (data_mean.fillna(prior_mean) - prior_mean)
    var = (weight * data_var.fillna(0.0) + (1 - weight) ** 2 * prior_var).where(
        data_var.notna(), hyper.tau2 + prior_var
    )
    return pd.DataFrame({"group": units["group"], "mean": mean, "var": var, "weight": weight})
