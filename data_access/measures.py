"""The measures: every count and sum a KPI is made of, declared once.

A measure names its population — a predicate over a participant and their latest follow-up
(a `participant_outcome` row), and whether only `skill` courses count — and the value it sums
(None: it counts people). From this table `derived` builds `course_outcome` (one column per
measure, per course), and `kpis`, `courses_list`, `planning.panel` and `outcomes` read it: a
new sum is one entry here, and a migration for its column.

DESIGN §5: a completer's outcome is their latest follow-up; the paired set is followed-up
completers whose income before and (latest) after are both known. Skill-to-income sums count
skill courses only (urgent-employment courses teach no skill); participation, completion,
follow-up and employment count every course.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, case, func, or_

from data_access import vocabularies

Predicate = Callable[..., list[ColumnElement[bool]]]  # participant_outcome's `.c` → WHERE clauses

SKILL = "skill"  # the activity type whose people have a skill-to-income outcome
INCOME_CEILING = 100_000  # baht a month: above this, a typo (an extra zero) is likelier than a fact
CHANGE_CEILING = 50_000  # baht a month of change between before and after
UNKNOWN_ANSWER = "unknown"  # a breakdown's answer where the follow-up left it empty


def everyone(o) -> list[ColumnElement[bool]]:
    return [o.participant_id.is_not(None)]


def completers(o) -> list[ColumnElement[bool]]:
    return [o.completed.is_(True)]


def followed_up(o) -> list[ColumnElement[bool]]:
    """Completers with at least one follow-up (their outcome is the latest)."""
    return [*completers(o), o.followup_date.is_not(None)]


def skill_users(o) -> list[ColumnElement[bool]]:
    return [*followed_up(o), o.uses_skill.is_(True)]


def employed(o) -> list[ColumnElement[bool]]:
    """Followed-up completers whose latest occupation is work: self-employed or employed."""
    return [*followed_up(o), o.occupation.in_(vocabularies.WORKING)]


def paired(o) -> list[ColumnElement[bool]]:
    return [*followed_up(o), o.income_before.is_not(None), o.income_after.is_not(None)]


def higher_income(o) -> list[ColumnElement[bool]]:
    return [*paired(o), o.income_after > o.income_before]


def _gain(o):
    return o.income_after - o.income_before


def no_income_before(o) -> list[ColumnElement[bool]]:
    return [*everyone(o), o.income_before.is_(None)]


def no_income_after(o) -> list[ColumnElement[bool]]:
    """Followed up (completer or not) without an income after."""
    return [o.followup_date.is_not(None), o.income_after.is_(None)]


def income_outliers(o) -> list[ColumnElement[bool]]:
    """An income above the ceiling, or a change larger than the change ceiling (data quality)."""
    return [
        or_(
            o.income_before > INCOME_CEILING,
            o.income_after > INCOME_CEILING,
            func.abs(_gain(o)) > CHANGE_CEILING,
        )
    ]


@dataclass(frozen=True)
class Measure:
    name: str  # the course_outcome column and the sum's name everywhere
    population: Predicate
    skill_courses_only: bool = False
    value: Callable[..., ColumnElement] | None = None  # None: a count of people
    unit: str = "people"  # people, baht, or baht_squared (squared gains, for their spread)

    @property
    def is_count(self) -> bool:
        return self.value is None

    def members(self, o) -> list[ColumnElement[bool]]:
        """WHERE clauses selecting the people this measure counts, from participant_outcome."""
        only_skill = [o.activity_type == SKILL] if self.skill_courses_only else []
        return [*self.population(o), *only_skill]

    def total(self, o) -> ColumnElement:
        """The measure summed over participant_outcome rows (0 where nobody is in it)."""
        value = 1 if self.value is None else self.value(o)
        return func.coalesce(func.sum(case((and_(*self.members(o)), value), else_=0)), 0)


MEASURES: tuple[Measure, ...] = (
    Measure("participants", everyone),
    Measure("completed", completers),
    Measure("skill_completed", completers, skill_courses_only=True),
    Measure("followed_up", followed_up),
    Measure("skill_followed_up", followed_up, skill_courses_only=True),
    Measure("skill_users", skill_users, skill_courses_only=True),
    Measure("employed", employed),
    Measure("paired", paired, skill_courses_only=True),
    Measure("income_before_sum", paired, True, lambda o: o.income_before, "baht"),
    Measure("income_after_sum", paired, True, lambda o: o.income_after, "baht"),
    Measure("income_gain_sum", paired, True, _gain, "baht"),
    Measure("income_gain_square_sum", paired, True, lambda o: _gain(o) * _gain(o), "baht_squared"),
    Measure("higher_income", higher_income, skill_courses_only=True),
    Measure("no_income_before", no_income_before),
    Measure("no_income_after", no_income_after),
    Measure("income_outliers", income_outliers),
)
BY_NAME = {m.name: m for m in MEASURES}
NAMES = tuple(BY_NAME)
COUNTS = tuple(m.name for m in MEASURES if m.is_count)
SUMS = tuple(m.name for m in MEASURES if not m.is_count)


def members(o, name: str) -> list[ColumnElement[bool]]:
    """The people behind measure `name`, as WHERE clauses on participant_outcome rows (for
    queries that need the people themselves: medians, distributions, breakdowns)."""
    return BY_NAME[name].members(o)


@dataclass(frozen=True)
class Distribution:
    """The values of one figure over a measure's people, kept per partition as (value, people):
    small (incomes are few distinct amounts), and exact for medians and binned histograms."""

    name: str
    measure: str
    value: Callable[..., ColumnElement]


@dataclass(frozen=True)
class Breakdown:
    """A measure's people counted by one answer of their latest follow-up (None: UNKNOWN_ANSWER)."""

    name: str
    measure: str
    column: str


DISTRIBUTIONS: tuple[Distribution, ...] = (
    Distribution("income_before", "paired", lambda o: o.income_before),
    Distribution("income_after", "paired", lambda o: o.income_after),
    Distribution("income_gain", "paired", _gain),
)
BREAKDOWNS: tuple[Breakdown, ...] = (
    Breakdown("occupation", "skill_followed_up", "occupation"),
    Breakdown("collector", "followed_up", "collector"),
)
