"""The project beside the labour market it acts on, for one fiscal year.

reach: participants and skill users per 1,000 unemployed. need: the unemployment rate, or
unemployment benefit claimants per 1,000 insured persons (sections 33 and 39, who can claim).
Labour figures of a fiscal year are those of its calendar quarters or months (October to
September): a stock's mean over the periods present, a flow's sum. A rate is taken from counts
summed first, for a province or a total. A province's quadrant compares it with the nation:
above or below the nation's need and the nation's reach.

`provinces` is scoped like every query; `totals` gives the nation and the scope's one region as
comparison totals that name no province (DESIGN §7), for every role.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sqlalchemy import func, select

from data_access import fiscal, kpis, reference
from data_access.cache import cached
from data_access.db import Database
from data_access.labour import catalogue
from data_access.schema import labour_values
from data_access.selection import Scope, Selection, visible_codes, visible_provinces

NEEDS = ("unemployment_rate", "claims_per_1000_insured")
COUNTS = ("lfs_unemployed", "lfs_labour_force", "sso_unemployment_claims", "sso_insured_33", "sso_insured_39")
COLUMNS = [
    "participants",
    "skill_users",
    *COUNTS,
    "unemployment_rate",
    "claims_per_1000_insured",
    "participants_per_1000_unemployed",
    "skill_users_per_1000_unemployed",
]


def fiscal_periods(fy: int) -> tuple[str, ...]:
    """The period codes (quarters and months) of fiscal year `fy`."""
    months = fiscal.calendar_months_of(fy)
    quarters = dict.fromkeys(f"{year}Q{(month - 1) // 3 + 1}" for year, month in months)
    return (*quarters, *(f"{year}-{month:02d}" for year, month in months))


def _labour(db: Database, fy: int, provinces: tuple[str, ...]) -> pd.DataFrame:
    """Province × the COUNTS of the fiscal year (stocks: mean, flows: sum), in SQL."""
    v = labour_values.c
    query = (
        select(v.province_code, v.indicator, func.sum(v.value).label("total"), func.count().label("n"))
        .where(v.indicator.in_(COUNTS), v.period.in_(fiscal_periods(fy)), v.province_code.in_(provinces))
        .group_by(v.province_code, v.indicator)
    )
    with db.engine.connect() as conn:
        rows = pd.DataFrame(
            conn.execute(query).mappings().all(), columns=["province_code", "indicator", "total", "n"]
        )
    stock = rows["indicator"].map(lambda code: catalogue.indicator(code).kind == catalogue.STOCK)
    rows["value"] = np.where(stock, rows["total"] / rows["n"], rows["total"])
    wide = rows.pivot(index="province_code", columns="indicator", values="value")
    return wide.reindex(index=list(provinces), columns=list(COUNTS)).astype(float)


def _ratios(frame: pd.DataFrame) -> pd.DataFrame:
    """Rates of a frame with the counts (null where a denominator is missing or zero)."""

    def per(numerator: pd.Series, denominator: pd.Series, scale: float = 1.0) -> pd.Series:
        return scale * numerator / denominator.where(denominator > 0)

    insured = frame["sso_insured_33"] + frame["sso_insured_39"]
    unemployed = frame["lfs_unemployed"]
    return frame.assign(
        unemployment_rate=per(unemployed, frame["lfs_labour_force"]),
        claims_per_1000_insured=per(frame["sso_unemployment_claims"], insured, 1000),
        participants_per_1000_unemployed=per(frame["participants"], unemployed, 1000),
        skill_users_per_1000_unemployed=per(frame["skill_users"], unemployed, 1000),
    )


def _project(db: Database, selection: Selection, scope: Scope) -> pd.DataFrame:
    table = kpis.kpi_table(db, selection, scope, by=("province",), medians=False)
    return table.set_index("province")[["participants", "skill_users"]].astype(float)


def _year(selection: Selection) -> Selection:
    return selection.replace(fiscal_years=(fiscal.latest_year(selection),), skills=())


@cached
def provinces(
    db: Database, selection: Selection, scope: Scope, need: str = "unemployment_rate"
) -> pd.DataFrame:
    """One row per visible province (province_code, name columns are the caller's): COLUMNS,
    `need`, `reach` (participants per 1,000 unemployed) and `quadrant`."""
    year = _year(selection)
    codes = tuple(visible_codes(year, scope))
    frame = _labour(db, fiscal.latest_year(year), codes).join(_project(db, year, scope))
    frame = _ratios(frame.fillna({"participants": 0.0, "skill_users": 0.0}))
    nation = totals(db, selection, scope, need).set_index("level").loc["nation"]
    frame["need"] = frame[need]
    frame["reach"] = frame["participants_per_1000_unemployed"]
    frame["quadrant"] = [
        quadrant(n, r, nation["need"], nation["reach"])
        for n, r in zip(frame["need"], frame["reach"], strict=True)
    ]
    return frame.rename_axis("province_code").reset_index()


def quadrant(need: float, reach: float, need_line: float, reach_line: float) -> str | None:
    """high_need_low_reach, high_need_high_reach, low_need_low_reach or low_need_high_reach."""
    if any(pd.isna(x) for x in (need, reach, need_line, reach_line)):
        return None
    return f"{'high' if need > need_line else 'low'}_need_{'high' if reach > reach_line else 'low'}_reach"


@cached
def totals(db: Database, selection: Selection, scope: Scope, need: str = "unemployment_rate") -> pd.DataFrame:
    """level (nation, and region when the scope lies in one), its code (ALL or the region's),
    COLUMNS, need, reach."""
    year = _year(selection)
    fy = fiscal.latest_year(year)
    visible = visible_provinces(year, scope)
    regions = sorted({reference.province_by_code()[c].region for c in visible}) if visible is not None else []
    levels = {"nation": (reference.NATIONAL, tuple(p.code for p in reference.provinces()))}
    if len(regions) == 1:
        levels["region"] = (regions[0], reference.provinces_of_region(regions[0]))
    project = kpis.comparison_totals(db, year, scope, medians=False).set_index("level")
    rows = []
    for level, (code, members) in levels.items():
        counts = _labour(db, fy, members).sum(min_count=1)
        people = project.loc[level, ["participants", "skill_users"]].astype(float)
        rows.append({"level": level, "code": code, **counts, **people})
    frame = _ratios(pd.DataFrame(rows))
    return frame.assign(need=frame[need], reach=frame["participants_per_1000_unemployed"])
