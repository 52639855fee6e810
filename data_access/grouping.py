"""Sums split by the dimensions of a KPI table (fiscal year, region, province, skill category):
the GROUP BY that the KPI queries and the participants targets share."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, Select, select

from data_access.schema import provinces

DIMENSIONS = ("fiscal_year", "region", "province", "skill")


def dimension_columns(table, by: tuple[str, ...]) -> list:
    """The table's columns for `by`, labelled by dimension (a region comes from the province)."""
    columns = {
        "fiscal_year": table.c.fiscal_year,
        "region": provinces.c.region_code,
        "province": table.c.province_code,
        "skill": table.c.skill_code if "skill_code" in table.c else None,
    }
    return [columns[d].label(d) for d in by]


def grouped(table, by: tuple[str, ...], aggregates: list, where: list) -> Select:
    source = table
    if "region" in by:
        source = table.join(provinces, provinces.c.code == table.c.province_code)
    dims = dimension_columns(table, by)
    return select(*dims, *aggregates).select_from(source).where(*where).group_by(*dims)


def frame(conn: Connection, query: Select, by: tuple[str, ...]) -> pd.DataFrame:
    """The query's rows; with no rows, an empty frame that still has the query's columns."""
    rows = pd.DataFrame(conn.execute(query).mappings().all())
    if rows.empty:
        return pd.DataFrame(columns=[*by, *[c.name for c in query.selected_columns[len(by) :]]])
    return rows
