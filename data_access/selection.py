"""What the user asked for (Selection) and what they may see (Scope), and the one function that
turns both into WHERE clauses. Every query passes through `where_clauses`; it cannot run without a
Scope. Both are frozen and hashable, so together they are the cache key of a query.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, false, true

from data_access import reference

ROLES = ("executive", "provincial", "staff", "admin")


class ScopeError(PermissionError):
    """An action outside the user's role or provinces."""


@dataclass(frozen=True)
class Scope:
    """Who is asking: their role and the provinces they may see (None = every province)."""

    username: str
    role: str
    provinces: frozenset[str] | None = None

    def __post_init__(self):
        if self.role not in ROLES:
            raise ValueError(f"unknown role {self.role!r}")
        if self.role == "provincial" and (self.provinces is None or len(self.provinces) != 1):
            raise ValueError("a provincial head's scope is exactly one province")

    @classmethod
    def from_codes(cls, username: str, role: str, codes: str) -> Scope:
        """Scope from a stored list of province or region codes ("" = all provinces)."""
        if role in ("executive", "admin") or not codes.strip():
            return cls(username, role, None if role != "provincial" else frozenset())
        provinces: set[str] = set()
        for code in codes.replace(",", " ").split():
            region = reference.resolve_region(code)
            if region and code not in reference.province_by_code():
                provinces.update(reference.provinces_of_region(region))
            elif province := reference.resolve_province(code):
                provinces.add(province)
            else:
                raise ValueError(f"unknown province or region {code!r}")
        return cls(username, role, frozenset(provinces))

    def allows(self, province_code: str) -> bool:
        return self.provinces is None or province_code in self.provinces

    @property
    def is_national(self) -> bool:
        return self.provinces is None

    def can_upload(self) -> bool:
        return self.role in ("staff", "admin")

    def can_manage_users(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True)
class Selection:
    """The filter bar: fiscal years (BE), regions, provinces, skill categories, as-of date.

    Empty tuples mean "all". Regions and provinces narrow together: a province outside the chosen
    regions selects nothing.
    """

    fiscal_years: tuple[int, ...] = ()
    regions: tuple[str, ...] = ()
    provinces: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    as_of: date = field(default_factory=date.today)

    def __post_init__(self):
        for name in ("fiscal_years", "regions", "provinces", "skills"):
            object.__setattr__(self, name, tuple(sorted(set(getattr(self, name)))))

    def replace(self, **changes) -> Selection:
        values = {
            name: getattr(self, name) for name in ("fiscal_years", "regions", "provinces", "skills", "as_of")
        }
        return Selection(**{**values, **changes})

    def previous_year(self) -> Selection:
        """The same selection one fiscal year earlier, as of the same point in that year."""
        try:
            as_of = self.as_of.replace(year=self.as_of.year - 1)
        except ValueError:  # 29 February
            as_of = self.as_of.replace(year=self.as_of.year - 1, day=28)
        return self.replace(fiscal_years=tuple(y - 1 for y in self.fiscal_years), as_of=as_of)

    def selected_provinces(self) -> frozenset[str] | None:
        """Provinces the filters name (None = no geographic filter)."""
        chosen: frozenset[str] | None = None
        if self.regions:
            chosen = frozenset(
                code for region in self.regions for code in reference.provinces_of_region(region)
            )
        if self.provinces:
            named = frozenset(self.provinces)
            chosen = named if chosen is None else chosen & named
        return chosen


def visible_provinces(selection: Selection, scope: Scope) -> frozenset[str] | None:
    """The provinces a query may read: the selection's, cut to the scope (None = all)."""
    if not isinstance(scope, Scope):
        raise TypeError("every query needs the user's Scope")
    chosen = selection.selected_provinces()
    if scope.provinces is None:
        return chosen
    return scope.provinces if chosen is None else chosen & scope.provinces


def visible_codes(selection: Selection, scope: Scope) -> list[str]:
    """The codes of the provinces a query may read, in the reference order."""
    visible = visible_provinces(selection, scope)
    return [p.code for p in reference.provinces() if visible is None or p.code in visible]


def is_whole_country(selection: Selection, scope: Scope) -> bool:
    return visible_provinces(selection, scope) is None


def where_clauses(
    columns, selection: Selection, scope: Scope, *, skills: bool = True
) -> list[ColumnElement[bool]]:
    """WHERE clauses for a table with `fiscal_year`, `province_code` and (optionally) `skill_code`.

    `skills=False` is for tables that have no skill category (allocations, targets, field staff):
    a skill filter then selects nothing from them, as DESIGN §5 says.
    """
    clauses: list[ColumnElement[bool]] = []
    provinces = visible_provinces(selection, scope)
    if provinces is not None:
        clauses.append(columns.province_code.in_(sorted(provinces)) if provinces else false())
    if selection.fiscal_years:
        clauses.append(columns.fiscal_year.in_(selection.fiscal_years))
    if selection.skills:
        clauses.append(columns.skill_code.in_(selection.skills) if skills else false())
    return clauses or [true()]
