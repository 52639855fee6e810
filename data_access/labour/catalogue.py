"""The indicators of DESIGN §9 as one declarative table. Names live in the translation table
(`labour.indicator.<code>`, `labour.source.<source>`, `labour.unit.<unit>`).

`unemployment_rate` is the one derived indicator: never stored, always `lfs_unemployed /
lfs_labour_force` over counts summed first (for a region, the nation, a year).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from assets.i18n import t

QUARTER, MONTH = "quarter", "month"
STOCK, FLOW, RATE = "stock", "flow", "rate"
NSO_LFS, DOE, SSO = "nso_lfs", "doe", "sso"


@dataclass(frozen=True)
class Indicator:
    code: str
    source: str
    frequency: str  # quarter (calendar quarters) or month
    kind: str  # stock: a year is the mean of its periods; flow: their sum; rate: a ratio of counts
    unit: str
    numerator: str | None = None  # a rate's counts
    denominator: str | None = None

    def name(self, lang: str = "th") -> str:
        return t(f"labour.indicator.{self.code}", lang)

    @property
    def stored(self) -> bool:
        return self.kind != RATE

    @property
    def periods_per_year(self) -> int:
        return 4 if self.frequency == QUARTER else 12


INDICATORS: tuple[Indicator, ...] = (
    Indicator("lfs_pop15", NSO_LFS, QUARTER, STOCK, "persons"),
    Indicator("lfs_labour_force", NSO_LFS, QUARTER, STOCK, "persons"),
    Indicator("lfs_employed", NSO_LFS, QUARTER, STOCK, "persons"),
    Indicator("lfs_unemployed", NSO_LFS, QUARTER, STOCK, "persons"),
    Indicator("lfs_seasonal", NSO_LFS, QUARTER, STOCK, "persons"),
    Indicator("lfs_not_in_lf", NSO_LFS, QUARTER, STOCK, "persons"),
    Indicator("doe_applicants", DOE, MONTH, FLOW, "persons"),
    Indicator("doe_vacancies", DOE, MONTH, FLOW, "positions"),
    Indicator("doe_placements", DOE, MONTH, FLOW, "persons"),
    Indicator("sso_insured_33", SSO, MONTH, STOCK, "persons"),
    Indicator("sso_insured_39", SSO, MONTH, STOCK, "persons"),
    Indicator("sso_insured_40", SSO, MONTH, STOCK, "persons"),
    Indicator("sso_unemployment_claims", SSO, MONTH, FLOW, "persons"),
    Indicator(
        "unemployment_rate",
        NSO_LFS,
        QUARTER,
        RATE,
        "fraction",
        numerator="lfs_unemployed",
        denominator="lfs_labour_force",
    ),
)
BY_CODE = {i.code: i for i in INDICATORS}
STORED = tuple(i for i in INDICATORS if i.stored)
LFS = tuple(i.code for i in STORED if i.source == NSO_LFS)


def indicator(code: str) -> Indicator | None:
    return BY_CODE.get(code)


def components(code: str) -> tuple[str, ...]:
    """The stored indicators a figure is made of: itself, or a rate's numerator and denominator."""
    found = BY_CODE[code]
    return (found.numerator, found.denominator) if found.kind == RATE else (code,)


def _key(text: object) -> str:
    return re.sub(r"[\s_\-.,/()]+", "", str(text).casefold())


@cache
def _index() -> dict[str, str]:
    return {_key(name): i.code for i in INDICATORS for name in (i.code, i.name("th"), i.name("en")) if name}


def resolve(text: object) -> str | None:
    """An indicator's code from its code or its Thai or English name (case and spacing ignored)."""
    return None if text is None else _index().get(_key(text))
