"""Captions name what is in view: the filters cut to the user's scope."""

from data_access import reference
from data_access.selection import Scope, Selection
from ui.describe import place

EVERYONE = Scope("x", "executive")


def test_whole_country_region_and_province():
    assert place(Selection(), EVERYONE, "th") == "ทั้งประเทศ"
    assert place(Selection(regions=("north",)), EVERYONE, "en") == "North"
    assert place(Selection(provinces=("50",), skills=("AGR",)), EVERYONE, "en") == "Chiang Mai · Agriculture"


def test_a_partial_scope_is_never_called_the_region_or_the_country():
    two = Scope("s", "staff", frozenset({"50", "51"}))
    assert place(Selection(), two, "en") == "Chiang Mai, Lamphun"
    assert place(Selection(regions=("north",)), two, "en") == "Chiang Mai, Lamphun"
    north = Scope("n", "staff", frozenset(reference.provinces_of_region("north")))
    assert place(Selection(), north, "en") == "North"
    five = Scope("f", "staff", frozenset({"50", "51", "52", "10", "11"}))
    assert place(Selection(), five, "en") == "5 provinces in your scope"
