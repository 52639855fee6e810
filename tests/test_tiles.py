"""The tile map's layout: every province once, no two on one tile, the country's shape kept."""

from data_access import reference
from ui import tiles


def test_every_province_has_its_own_tile():
    layout = tiles.layout()
    assert sorted(layout["code"]) == sorted(p.code for p in reference.provinces())
    assert len(layout) == 77
    assert not layout.duplicated(["row", "col"]).any()


def test_committed_layout_is_what_the_function_computes():
    assert tiles.compute_layout(reference.provinces()).equals(tiles.layout())


def test_layout_keeps_north_above_south_and_west_left_of_east():
    at = tiles.layout().set_index("code")
    chiang_rai, bangkok, narathiwat = at.loc["57"], at.loc["10"], at.loc["96"]
    assert chiang_rai["row"] < bangkok["row"] < narathiwat["row"]
    ubon, kanchanaburi = at.loc["34"], at.loc["71"]
    assert kanchanaburi["col"] < bangkok["col"] < ubon["col"]


def test_bangkok_keeps_its_neighbours_next_to_it():
    at = tiles.layout().set_index("code")
    for neighbour in ("11", "12", "13"):
        assert abs(at.loc[neighbour, "row"] - at.loc["10", "row"]) <= 1, neighbour
        assert abs(at.loc[neighbour, "col"] - at.loc["10", "col"]) <= 1, neighbour
