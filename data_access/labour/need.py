"""Each province's need in a coming fiscal year, for sharing a budget by need (planning's `need`
basis): its unemployed (a stock: the mean over the year's quarters) or its unemployment benefit
claimants (a flow: the sum over its months). A period already published counts as published;
the others are the stored forecast's estimate (reconciled, so provinces add up to the nation).
A province lacking any period of the year has no figure (NaN)."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select

from data_access import reference
from data_access.cache import cached
from data_access.db import Database
from data_access.labour import catalogue, reach
from data_access.schema import labour_forecasts, labour_values
from data_access.selection import Scope

INDICATORS = ("lfs_unemployed", "sso_unemployment_claims")


def _periods(fy: int, indicator: catalogue.Indicator) -> tuple[str, ...]:
    quarterly = indicator.frequency == catalogue.QUARTER
    return tuple(p for p in reach.fiscal_periods(fy) if ("Q" in p) == quarterly)


@cached
def next_year(db: Database, scope: Scope, fy: int, indicator: str, version: str | None) -> pd.Series:
    """Province code → the fiscal year's figure, for the provinces in the scope. `version` (the
    stored forecasts') is part of the cache key."""
    found = catalogue.indicator(indicator)
    wanted = _periods(fy, found)
    provinces = [p.code for p in reference.provinces() if scope.allows(p.code)]
    v, f = labour_values.c, labour_forecasts.c
    published = select(v.province_code.label("place"), v.period, v.value).where(
        v.indicator == indicator, v.period.in_(wanted), v.province_code.in_(provinces)
    )
    forecast = select(f.place, f.period, f.estimate.label("value")).where(
        f.indicator == indicator, f.period.in_(wanted), f.place.in_(provinces)
    )
    with db.engine.connect() as conn:
        seen = pd.DataFrame(conn.execute(published).mappings().all(), columns=["place", "period", "value"])
        ahead = pd.DataFrame(conn.execute(forecast).mappings().all(), columns=["place", "period", "value"])
    both = pd.concat([seen, ahead]).drop_duplicates(["place", "period"], keep="first")
    grouped = both.groupby("place")["value"]
    value = grouped.mean() if found.kind == catalogue.STOCK else grouped.sum()
    value = value.where(grouped.size() == len(wanted))
    return value.reindex(provinces).rename(indicator)
