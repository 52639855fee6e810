"""The four quantities a plan is built from, each observed per (year, unit) on its modelling scale.

- cost: log of budget per participant (allocation for provinces; disbursed for skill categories);
- completion: logit of completers per participant;
- skill_use: logit of skill users per completer — the skill-use rate among followed-up skill
  completers times the share of completers who were on skill courses (urgent-employment
  courses have no skill outcome);
- gain: monthly income gain per completer in baht — the mean gain of the paired set (DESIGN §5)
  times that same skill-course share.

`n` is the number of people behind the observation and `unit_var / n` its sampling variance.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import expit, logit

NAMES = ("cost", "completion", "skill_use", "gain")


@dataclass(frozen=True)
class Quantity:
    name: str
    observe: Callable[[pd.DataFrame], pd.DataFrame]  # panel → y, n, unit_var
    natural: Callable[[np.ndarray], np.ndarray]  # modelling scale → natural scale
    size: str  # the panel column that is this quantity's n


def _logit_rate(k: pd.Series, n: pd.Series, factor: pd.Series | float = 1.0) -> pd.DataFrame:
    p = (k + 0.5) / (n + 1) * factor
    return pd.DataFrame({"y": logit(p), "n": n, "unit_var": 1 / (p * (1 - p))})


def _skill_share(panel: pd.DataFrame) -> pd.Series:
    return (panel["skill_completed"] / panel["completed"].where(panel["completed"] > 0)).fillna(1.0)


def _cost(panel: pd.DataFrame) -> pd.DataFrame:
    n = panel["participants"]
    y = np.log(panel["budget"] / n)
    return pd.DataFrame({"y": y, "n": n, "unit_var": 0.0})


def _completion(panel: pd.DataFrame) -> pd.DataFrame:
    return _logit_rate(panel["completed"], panel["participants"])


def _skill_use(panel: pd.DataFrame) -> pd.DataFrame:
    return _logit_rate(panel["skill_users"], panel["skill_followed_up"], _skill_share(panel))


def _gain(panel: pd.DataFrame) -> pd.DataFrame:
    n = panel["paired"]
    mean = panel["income_gain_sum"] / n
    spread = (panel["income_gain_square_sum"] - n * mean**2) / (n - 1).where(n > 1)
    share = _skill_share(panel)
    return pd.DataFrame({"y": share * mean, "n": n, "unit_var": share**2 * spread.fillna(0.0).clip(lower=0)})


QUANTITIES = {
    "cost": Quantity("cost", _cost, np.exp, "participants"),
    "completion": Quantity("completion", _completion, expit, "participants"),
    "skill_use": Quantity("skill_use", _skill_use, expit, "skill_followed_up"),
    "gain": Quantity("gain", _gain, lambda y: y, "paired"),
}


def observations(panel: pd.DataFrame, quantity: Quantity) -> pd.DataFrame:
    """The quantity's usable observations: cells with people behind them and a finite value."""
    values = quantity.observe(panel)
    frame = pd.concat([panel[["fiscal_year", "unit", "group"]], values], axis=1)
    usable = (frame["n"] > 0) & np.isfinite(frame["y"])
    return frame[usable].reset_index(drop=True)


def actual_skill_users(panel: pd.DataFrame) -> pd.Series:
    """Skill users a year actually produced: skill completers × their followed-up skill-use rate."""
    return panel["skill_completed"] * panel["skill_use_rate"]
