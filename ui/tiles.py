"""The province tile map's layout: one equal square per province, near its real centre.

A real boundary map needs a GeoJSON and, in most libraries, a CDN; a tile grid needs neither and
gives every province the same area, so Bangkok's small neighbours stay visible. The layout is a
minimum-displacement assignment of provinces to grid cells (deterministic), computed once and
committed as `assets/province_tiles.csv`; regenerate it with `python -m ui.tiles`.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment

from data_access import reference
from data_access.config import PROJECT_ROOT

LAYOUT_FILE = PROJECT_ROOT / "assets" / "province_tiles.csv"
# A name short enough for a tile: the ministry's Thai province abbreviations (ชม., กทม.) and
# shortened English names (Chiang Mai, N.Ratchasima); the hover shows the full name.
SHORT_NAMES_FILE = PROJECT_ROOT / "assets" / "province_short.csv"
# One tile spans this many degrees: small enough to keep the shape, large enough to stay compact.
CELL_DEGREES = 0.9


def compute_layout(provinces: tuple[reference.Province, ...], cell: float = CELL_DEGREES) -> pd.DataFrame:
    """(code, row, col) for every province: no two share a cell; the total squared shift is least."""
    lat = np.array([p.lat for p in provinces])
    lon = np.array([p.lon for p in provinces])
    x = lon * math.cos(math.radians(lat.mean())) / cell
    y = lat / cell
    col_at, row_at = x - x.min(), y.max() - y
    rows = np.arange(-1, math.ceil(row_at.max()) + 2)
    cols = np.arange(-1, math.ceil(col_at.max()) + 2)
    cells = np.array([(r, c) for r in rows for c in cols])
    cost = (row_at[:, None] - cells[None, :, 0]) ** 2 + (col_at[:, None] - cells[None, :, 1]) ** 2
    chosen_province, chosen_cell = linear_sum_assignment(cost)
    layout = pd.DataFrame(
        {
            "code": [provinces[i].code for i in chosen_province],
            "row": cells[chosen_cell, 0],
            "col": cells[chosen_cell, 1],
        }
    )
    layout["row"] -= layout["row"].min()
    layout["col"] -= layout["col"].min()
    return layout.sort_values("code").reset_index(drop=True)


@cache
def _layout() -> pd.DataFrame:
    return pd.read_csv(LAYOUT_FILE, dtype={"code": str, "row": int, "col": int})


def layout() -> pd.DataFrame:
    """The committed layout (code, row, col)."""
    return _layout().copy()


@cache
def _short_names() -> dict[str, dict[str, str]]:
    table = pd.read_csv(SHORT_NAMES_FILE, dtype=str)
    return {lang: dict(zip(table["code"], table[lang], strict=True)) for lang in ("th", "en")}


def short_name(code: str, lang: str = "th") -> str:
    return _short_names()["en" if lang == "en" else "th"][code]


if __name__ == "__main__":
    compute_layout(reference.provinces()).to_csv(LAYOUT_FILE, index=False)
    print(f"wrote {LAYOUT_FILE}")
