"""Next year's outcomes per province as draws from the fitted model: the engine behind a plan and
its backtest.

Fitting is two-stage so that scope is kept: hyperparameters (year effects, variances, region
means) are learnt from every province and leave as region-level numbers only; each visible
province's own level is then pulled toward them. A province's draws depend only on its own data,
the hyperparameters and its budget (each has its own random stream), so its plan is the same
whoever asks and whichever other provinces are in the plan.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_access.planning import hierarchy
from data_access.planning.quantities import NAMES, QUANTITIES, observations

DRAWS = 2000
SEED = 2569
OUTCOMES = ("participants", "completers", "skill_users", "income_gain_monthly")


@dataclass(frozen=True)
class Fitted:
    """One quantity: hyperparameters and each unit's level, plus what sizes its next-year noise."""

    hyper: hierarchy.Hyper
    units: pd.DataFrame  # index unit: group, mean, var, weight, unit_var, size_ratio


@dataclass(frozen=True)
class PlanModel:
    years: tuple[int, ...]
    quantities: dict[str, Fitted]

    @property
    def units(self) -> pd.Index:
        return self.quantities["cost"].units.index


def _unit_noise(obs: pd.DataFrame, panel: pd.DataFrame, size: str) -> pd.DataFrame:
    """Per unit: mean sampling variance per person, and people measured per participant."""
    weighted = hierarchy.group_sums(obs["unit"], v=obs["unit_var"] * obs["n"], n=obs["n"])
    people = hierarchy.group_sums(panel["unit"], measured=panel[size], participants=panel["participants"])
    participants = people["participants"]
    return pd.DataFrame(
        {
            "unit_var": weighted["v"] / weighted["n"],
            "size_ratio": people["measured"] / participants.where(participants > 0),
        }
    )


def fit_quantity(wide: pd.DataFrame, scoped: pd.DataFrame, name: str, units: pd.DataFrame) -> Fitted:
    """Hyperparameters from the wide panel, levels for `units` from the scoped panel."""
    quantity = QUANTITIES[name]
    wide_obs = observations(wide, quantity)
    hyper = hierarchy.fit(wide_obs)
    own_obs = observations(scoped, quantity)
    levels = hierarchy.posterior(own_obs, hyper, units)
    noise = _unit_noise(own_obs, scoped, quantity.size).reindex(units.index)
    national = _unit_noise(wide_obs.assign(unit="all"), wide.assign(unit="all"), quantity.size).iloc[0]
    return Fitted(hyper, levels.join(noise.fillna(national)))


def fit(wide: pd.DataFrame, scoped: pd.DataFrame, years: tuple[int, ...]) -> PlanModel:
    """Every quantity, for the units (with their groups) present in the scoped panel."""
    units = scoped.groupby("unit")[["group"]].first()
    return PlanModel(years, {name: fit_quantity(wide, scoped, name, units) for name in NAMES})


def _stream(*parts: int | str) -> np.random.Generator:
    return np.random.default_rng([p if isinstance(p, int) else zlib.crc32(p.encode()) for p in parts])


def _draw_quantity(model: PlanModel, k: int, n_next: np.ndarray, draws: int, seed: int) -> np.ndarray:
    """(units × draws) on the natural scale: unit level + shared year step + the unit's year noise."""
    name = NAMES[k]
    hyper, units = model.quantities[name].hyper, model.quantities[name].units
    step = _stream(seed, k).standard_t(hyper.step_df, draws) if hyper.step_df else np.zeros(draws)
    noise_var = hyper.sigma2 + (hyper.kappa + units["unit_var"].to_numpy()) / n_next
    mean, sd = units["mean"].to_numpy(), np.sqrt(units["var"].to_numpy())
    z = np.stack([_stream(seed, k, unit).standard_normal((2, draws)) for unit in units.index])
    out = mean[:, None] + sd[:, None] * z[:, 0] + np.sqrt(noise_var)[:, None] * z[:, 1]
    out += hyper.last_effect + np.sqrt(hyper.step_var) * step
    return QUANTITIES[name].natural(out)


def simulate(model: PlanModel, budgets: pd.Series, draws: int = DRAWS, seed: int = SEED) -> dict:
    """Draws of each outcome, (units × draws), for the budget of each unit (baht)."""
    budget = budgets.reindex(model.units).fillna(0.0).to_numpy(dtype=float)
    cost = model.quantities["cost"]
    typical = budget / np.exp(cost.units["mean"].to_numpy() + cost.hyper.last_effect)
    sample = {}
    for k, name in enumerate(NAMES):
        ratio = model.quantities[name].units["size_ratio"].fillna(1.0).to_numpy()
        sample[name] = _draw_quantity(model, k, np.maximum(typical * ratio, 1.0), draws, seed)
    participants = budget[:, None] / sample["cost"]
    completers = participants * sample["completion"]
    return {
        "participants": participants,
        "completers": completers,
        "skill_users": completers * sample["skill_use"],
        "income_gain_monthly": completers * sample["gain"],
    }


def expected_rates(plan_model: PlanModel) -> pd.DataFrame:
    """Each unit's typical next-year value of every quantity (natural scale, no noise), and the
    budget per completer it implies: allocation for provinces, disbursed for skill categories
    (the panel's `budget`), projected, so not DESIGN §5's cost per completer."""
    out = {}
    for name, fitted in plan_model.quantities.items():
        level = fitted.units["mean"] + fitted.hyper.last_effect
        out[name] = QUANTITIES[name].natural(level.to_numpy())
    frame = pd.DataFrame(out, index=plan_model.units)
    frame["budget_per_completer"] = frame["cost"] / frame["completion"]
    frame["own_data_weight"] = plan_model.quantities["skill_use"].units["weight"]
    return frame
