"""Demo labour figures for all 77 provinces: LFS quarters 2560Q1–2568Q2 and DOE/SSO months
2560-01–2568-06, deterministic for a seed.

What makes them plausible beside the project's demo participants:
- sizes follow each province's registered population (assets/province_population.csv);
- the Northeast's farm season: more seasonally inactive and unemployed in Q1 and Q2;
- the 2563 Q2 shock (more unemployed, applicants and benefit claims, fewer vacancies) fades
  over the following quarters, the South (tourism) hit hardest;
- employment trends differ by region (the East grows, the Northeast loses workers to it);
- section 40 insurance climbs after 2563, as the relief schemes of those years drew people in.
A province's unemployed are thousands; its project participants a few hundred a year.
"""

from __future__ import annotations

import csv
from functools import cache

import numpy as np

from data_access import reference
from data_access.config import PROJECT_ROOT
from data_access.labour import catalogue, periods

FIRST_YEAR, LAST_YEAR, LAST_QUARTER = 2560, 2568, 2
SHOCK_QUARTER = (2563 - FIRST_YEAR) * 4 + 1  # 2563Q2, counted from 2560Q1
SHOCK_MONTH = SHOCK_QUARTER * 3  # April 2563
COLUMNS = ("province_code", "indicator", "period", "year", "quarter", "month", "value", "source")

PARTICIPATION = {"north": 0.66, "northeast": 0.64, "central": 0.69, "east": 0.70, "west": 0.66, "south": 0.67}
EMPLOYMENT_TREND = {
    "north": -0.002,
    "northeast": -0.004,
    "central": 0.005,
    "east": 0.012,
    "west": 0.0,
    "south": 0.004,
}
UNEMPLOYMENT = {
    "north": 0.008,
    "northeast": 0.010,
    "central": 0.011,
    "east": 0.012,
    "west": 0.008,
    "south": 0.013,
}
UNEMPLOYMENT_TREND = {
    "north": 0.0,
    "northeast": 0.0002,
    "central": -0.0002,
    "east": -0.0003,
    "west": 0.0,
    "south": 0.0003,
}
SHOCK_SIZE = {
    "north": 0.010,
    "northeast": 0.008,
    "central": 0.012,
    "east": 0.011,
    "west": 0.008,
    "south": 0.018,
}
# Seasonally inactive share of the labour force by calendar quarter.
SEASONAL = {"northeast": (0.020, 0.030, 0.004, 0.006), "north": (0.006, 0.010, 0.002, 0.003)}
SEASONAL_ELSEWHERE = (0.003, 0.004, 0.002, 0.002)
NORTHEAST_FARM_UNEMPLOYMENT = (0.003, 0.004, 0.0, 0.0)
SECTION_33 = {"central": 0.42, "east": 0.45, "north": 0.12, "northeast": 0.09, "west": 0.20, "south": 0.16}
BANGKOK_SECTION_33 = 0.78
# Job seekers register most when the school year ends (March–May).
APPLICANT_MONTHS = np.array([1.1, 1.0, 1.2, 1.3, 1.25, 1.0, 0.95, 0.9, 0.9, 0.95, 0.85, 0.75])


@cache
def population() -> dict[str, float]:
    """Registered population by province (persons; DOPA, end of 2566, rounded to thousands)."""
    with open(PROJECT_ROOT / "assets" / "province_population.csv", encoding="utf-8") as handle:
        return {row["code"]: float(row["population_thousands"]) * 1000 for row in csv.DictReader(handle)}


def _quarters() -> list[periods.Period]:
    return [
        periods.quarter(y, q)
        for y in range(FIRST_YEAR, LAST_YEAR + 1)
        for q in (1, 2, 3, 4)
        if (y, q) <= (LAST_YEAR, LAST_QUARTER)
    ]


def _months() -> list[periods.Period]:
    return [periods.month(q.year, m) for q in _quarters() for m in q.months()]


def _fading(index: np.ndarray, start: int, span: float) -> np.ndarray:
    """0 before the shock, 1 at it, fading by e every `span` periods after."""
    return np.where(index >= start, np.exp(-(index - start) / span), 0.0)


def rows(seed: int) -> tuple[tuple[str, ...], list[tuple]]:
    rng = np.random.default_rng(seed)
    quarters, months = _quarters(), _months()
    out: list[tuple] = []
    for province in reference.provinces():
        lfs = _lfs(rng, province, quarters)
        out += _rows(province.code, quarters, lfs)
        monthly_lf = np.repeat(lfs["lfs_labour_force"], 3)
        out += _rows(province.code, months, _monthly(rng, province, months, monthly_lf))
    return COLUMNS, out


def _lfs(rng, province: reference.Province, quarters: list[periods.Period]) -> dict[str, np.ndarray]:
    region = province.region
    t = np.arange(len(quarters))
    years = t / 4
    quarter = np.array([p.quarter for p in quarters]) - 1
    shock = _fading(t, SHOCK_QUARTER, 2.5)
    pop15 = population()[province.code] * 0.80 * (1 + 0.003 * years) * rng.normal(1, 0.004, len(t))
    participation = PARTICIPATION[region] * rng.uniform(0.97, 1.03)
    labour_force = pop15 * participation * (1 + EMPLOYMENT_TREND[region] * years) * (1 - 0.012 * shock)
    seasonal = labour_force * np.array(SEASONAL.get(region, SEASONAL_ELSEWHERE))[quarter]
    farm = np.array(NORTHEAST_FARM_UNEMPLOYMENT)[quarter] if region == "northeast" else 0.0
    rate = (
        UNEMPLOYMENT[region] * rng.uniform(0.75, 1.25)
        + UNEMPLOYMENT_TREND[region] * years
        + SHOCK_SIZE[region] * shock
        + farm
        + rng.normal(0, 0.0012, len(t))
    )
    current = labour_force - seasonal
    unemployed = current * np.clip(rate, 0.002, None)
    return {
        "lfs_pop15": pop15,
        "lfs_labour_force": labour_force,
        "lfs_employed": current - unemployed,
        "lfs_unemployed": unemployed,
        "lfs_seasonal": seasonal,
        "lfs_not_in_lf": pop15 - labour_force,
    }


def _monthly(rng, province, months: list[periods.Period], labour_force: np.ndarray) -> dict[str, np.ndarray]:
    m = np.arange(len(months))
    years = m / 12
    calendar = np.array([p.month for p in months]) - 1
    shock = _fading(m, SHOCK_MONTH, 7.5)

    def noise(spread: float) -> np.ndarray:
        return rng.lognormal(0, spread, len(m))

    applicants = labour_force * 0.0009 * APPLICANT_MONTHS[calendar] * (1 + 0.8 * shock) * noise(0.08)
    vacancies = labour_force * 0.0008 * (1 + 0.01 * years) * (1 - 0.4 * shock) * noise(0.10)
    placements = np.minimum(applicants, vacancies) * 0.55 * noise(0.08)
    share_33 = BANGKOK_SECTION_33 if province.code == "10" else SECTION_33[province.region]
    insured_33 = labour_force * share_33 * (1 + 0.012 * years) * (1 - 0.03 * shock) * noise(0.004)
    insured_39 = labour_force * 0.045 * (1 + 0.02 * years) * noise(0.004)
    insured_40 = labour_force * (0.06 + 0.18 / (1 + np.exp(-(m - 50) / 5))) * noise(0.004)
    claims = insured_33 * 0.012 * (1 + 2.0 * shock) * noise(0.10)
    return {
        "doe_applicants": applicants,
        "doe_vacancies": vacancies,
        "doe_placements": placements,
        "sso_insured_33": insured_33,
        "sso_insured_39": insured_39,
        "sso_insured_40": insured_40,
        "sso_unemployment_claims": claims,
    }


def _rows(code: str, at: list[periods.Period], series: dict[str, np.ndarray]) -> list[tuple]:
    out = []
    for indicator, values in series.items():
        found = catalogue.BY_CODE[indicator]
        digits = 2 if found.source == catalogue.NSO_LFS else 0  # survey estimates keep decimals
        for period, value in zip(at, np.round(values, digits).tolist(), strict=True):
            out.append(
                (code, indicator, period.code, period.year, period.quarter, period.month, value, found.source)
            )
    return out
