"""Labour figures written straight into a test database: (place, indicator, period, value)."""

from __future__ import annotations

from data_access.db import Database, bump_data_version
from data_access.labour import periods
from data_access.schema import labour_values


def store(db: Database, rows: list[tuple[str, str, str, float]], source: str = "test") -> None:
    values = []
    for place, indicator, code, value in rows:
        period = periods.from_code(code)
        values.append(
            dict(
                province_code=place,
                indicator=indicator,
                period=period.code,
                year=period.year,
                quarter=period.quarter,
                month=period.month,
                value=value,
                source=source,
            )
        )
    with db.engine.begin() as conn:
        conn.execute(labour_values.insert(), values)
        bump_data_version(conn)
