"""Which places may be ranked on a KPI, and in which order: the one rule every ranking uses."""

from __future__ import annotations

import pandas as pd

from data_access.kpi_definitions import BASE_COUNT, LOWER_IS_BETTER


def ranked(table: pd.DataFrame, kpi: str, minimum: int) -> pd.DataFrame:
    """Rows with a value for `kpi` and at least `minimum` people behind it (the DASHBOARD_MIN_N
    setting), best first, with their `n`. Rates on a handful of people swing by chance, so they
    are not ranked."""
    out = table.assign(n=table[BASE_COUNT[kpi]] if kpi in BASE_COUNT else pd.NA)
    keep = out[kpi].notna() & ((out["n"] >= minimum) if kpi in BASE_COUNT else True)
    return out[keep].sort_values(kpi, ascending=kpi in LOWER_IS_BETTER, kind="stable").reset_index(drop=True)
