"""What the Labour situation page reads besides series and forecasts: whether any labour figures
are loaded, each province's latest value against the same period a year earlier, and the places
a user may pick (the nation, the regions the scope reaches, the scope's provinces)."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import exists, select

from data_access import catalog, reference
from data_access.cache import cached
from data_access.db import Database
from data_access.labour import queries
from data_access.schema import labour_values
from data_access.selection import Scope

LATEST_COLUMNS = ["province_code", "period", "value", "year_earlier", "change"]


@cached
def has_figures(db: Database) -> bool:
    with db.engine.connect() as conn:
        return bool(conn.execute(select(exists().select_from(labour_values))).scalar())


@cached
def latest_values(db: Database, scope: Scope, indicator: str, common_period: bool = False) -> pd.DataFrame:
    """Each visible province's latest value, the same period a year earlier and the change
    (for a rate, in its own units: 0.012 is 1.2 percentage points). `common_period`: only the
    newest period any province has, so a map compares like with like."""
    rows = queries.latest(db, scope, indicator)
    if common_period and not rows.empty:
        rows = rows[rows["period"] == rows["period"].max()]
    rows = rows.assign(change=rows["value"] - rows["year_earlier"])
    return rows.reindex(columns=LATEST_COLUMNS).reset_index(drop=True)


def places(scope: Scope) -> list[str]:
    """The nation, then the regions the scope reaches, then the scope's provinces."""
    regions = [r for r in catalog.regions_in_scope(scope) if queries.visible_place(scope, r)]
    return [reference.NATIONAL, *regions, *catalog.provinces_in_scope(scope)]
