"""Forecasts that add up: provinces to their region, regions to the nation.

MinT with a diagonal covariance (weighted least squares, Wickramasuriya, Athanasopoulos and
Hyndman 2019): every place gets its own forecast first; then, for each period ahead, the
provinces' figures are chosen so that they, their regions' sums and the nation's sum lie as close
as possible to all those forecasts, each weighted by 1 / its forecast variance (from its 80 %
interval). A precise national forecast thus moves noisy provinces more than they move it.
"""

from __future__ import annotations

import numpy as np

from data_access import reference


def summing_matrix(provinces: list[str]) -> tuple[list[str], np.ndarray]:
    """Places (nation, regions, provinces) and S, with S @ provinces' values = every place's."""
    regions = [r.code for r in reference.REGIONS]
    places = [reference.NATIONAL, *regions, *provinces]
    region_of = {code: reference.province_by_code()[code].region for code in provinces}
    s = np.zeros((len(places), len(provinces)))
    s[0, :] = 1
    for j, code in enumerate(provinces):
        s[1 + regions.index(region_of[code]), j] = 1
    s[1 + len(regions) :, :] = np.eye(len(provinces))
    return places, s


def mint_diagonal(base: np.ndarray, variance: np.ndarray, s: np.ndarray) -> np.ndarray:
    """Coherent forecasts S (S' W⁻¹ S)⁻¹ S' W⁻¹ ŷ, W = diag(variance); columns are periods ahead."""
    out = np.empty_like(base)
    for step in range(base.shape[1]):
        weights = 1.0 / np.maximum(variance[:, step], 1e-12)
        sw = s.T * weights
        bottom = np.linalg.solve(sw @ s, sw @ base[:, step])
        out[:, step] = s @ bottom
    return out
