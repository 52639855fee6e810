"""The optional province-boundary GeoJSON (setting PROVINCE_GEOJSON) for a true choropleth.

Features carry the DOPA code in a `code` or `pro_code` property, as text or a number; it is
returned as two-digit text so it matches the database's province codes.
"""

from __future__ import annotations

import json
import os
from functools import cache

CODE_KEYS = ("code", "pro_code")


def code_key(geojson: dict) -> str:
    """The feature property that holds the province code."""
    properties = geojson["features"][0]["properties"]
    for key in CODE_KEYS:
        if key in properties:
            return key
    raise ValueError(f"a province GeoJSON needs a {' or '.join(CODE_KEYS)} property")


def province_geojson(path: str) -> dict | None:
    """The GeoJSON at `path` (the PROVINCE_GEOJSON setting), or None when none is configured (the
    tile map is then the map)."""
    if not path:
        return None
    return _load(path, os.path.getmtime(path))


@cache
def _load(path: str, _modified: float) -> dict:
    with open(path, encoding="utf-8") as handle:
        geojson = json.load(handle)
    key = code_key(geojson)
    for feature in geojson["features"]:
        feature["properties"][key] = str(feature["properties"][key]).zfill(2)
    return geojson
