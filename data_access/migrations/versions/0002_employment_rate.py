"""course_outcome holds every measure of data_access/measures.py, each over its own population

New columns: skill_completed, skill_followed_up, employed (for the employment rate),
income_gain_sum and income_gain_square_sum; the skill-to-income columns (skill_users, paired,
incomes, higher_income) now count skill courses only, as their measures say. course_outcome is
derived data, so the table is made again empty and `Database.migrate` rebuilds every derived
row from the submitted data in the same transaction (the `derived_outdated` flag). A downgrade
refills 0001's table from participant_outcome in SQL.

Revision ID: 0002_employment_rate
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_employment_rate"
down_revision = "0001"
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Money = sa.Numeric(precision=16, scale=2)
DIMENSIONS = ("fiscal_year", "province_code", "skill_code", "activity_type")
COUNTS_0001 = ("participants", "completed", "followed_up", "skill_users", "paired")
SUMS_0001 = ("income_before_sum", "income_after_sum")


def _course_outcome(measures: list[sa.Column]) -> None:
    op.create_table(
        "course_outcome",
        sa.Column("course_id", Id, nullable=False),
        sa.Column("fiscal_year", sa.SmallInteger(), nullable=False),
        sa.Column("province_code", sa.String(length=2), nullable=False),
        sa.Column("skill_code", sa.String(length=16), nullable=False),
        sa.Column("activity_type", sa.String(length=16), nullable=False),
        *measures,
        sa.PrimaryKeyConstraint("course_id", name=op.f("pk_course_outcome")),
    )
    with op.batch_alter_table("course_outcome", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_course_outcome_fiscal_year_province_code"), ["fiscal_year", "province_code"]
        )


def _drop_course_outcome() -> None:
    with op.batch_alter_table("course_outcome", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_course_outcome_fiscal_year_province_code"))
    op.drop_table("course_outcome")


def _mark_derived_outdated() -> None:
    meta = sa.table("meta", sa.column("key", sa.String), sa.column("value", sa.Text))
    op.execute(meta.delete().where(meta.c.key == "derived_outdated"))
    op.execute(meta.insert().values(key="derived_outdated", value="true"))


def _count(name: str) -> sa.Column:
    return sa.Column(name, sa.Integer(), nullable=False)


def upgrade() -> None:
    _drop_course_outcome()
    _course_outcome(
        [
            _count("participants"),
            _count("completed"),
            _count("skill_completed"),
            _count("followed_up"),
            _count("skill_followed_up"),
            _count("skill_users"),
            _count("employed"),
            _count("paired"),
            sa.Column("income_before_sum", Money, nullable=False),
            sa.Column("income_after_sum", Money, nullable=False),
            sa.Column("income_gain_sum", Money, nullable=False),
            sa.Column("income_gain_square_sum", sa.Float(), nullable=False),
            _count("higher_income"),
        ]
    )
    _mark_derived_outdated()


def downgrade() -> None:
    _drop_course_outcome()
    _course_outcome(
        [
            *(_count(name) for name in COUNTS_0001),
            *(sa.Column(name, Money, nullable=False) for name in SUMS_0001),
            _count("higher_income"),
        ]
    )
    op.execute(_course_outcome_0001())


def _course_outcome_0001():
    """0001's course_outcome: every course's people, skill-to-income columns over every course."""
    courses = sa.table("courses", *(sa.column(n) for n in ("id", *DIMENSIONS)))
    people = sa.table(
        "participant_outcome",
        *(sa.column(n) for n in ("participant_id", "course_id", "completed", "followup_date")),
        *(sa.column(n) for n in ("uses_skill", "income_before", "income_after")),
    )
    o = people.c
    followed = sa.and_(o.completed.is_(True), o.followup_date.is_not(None))
    paired = sa.and_(followed, o.income_before.is_not(None), o.income_after.is_not(None))

    def total(condition, value=1):
        return sa.func.coalesce(sa.func.sum(sa.case((condition, value), else_=0)), 0)

    query = (
        sa.select(
            courses.c.id.label("course_id"),
            *(courses.c[n].label(n) for n in DIMENSIONS),
            sa.func.count(o.participant_id).label("participants"),
            total(o.completed.is_(True)).label("completed"),
            total(followed).label("followed_up"),
            total(sa.and_(followed, o.uses_skill.is_(True))).label("skill_users"),
            total(paired).label("paired"),
            total(paired, o.income_before).label("income_before_sum"),
            total(paired, o.income_after).label("income_after_sum"),
            total(sa.and_(paired, o.income_after > o.income_before)).label("higher_income"),
        )
        .select_from(courses.outerjoin(people, o.course_id == courses.c.id))
        .group_by(courses.c.id)
    )
    target = sa.table("course_outcome", *(sa.column(c.name) for c in query.selected_columns))
    return target.insert().from_select([c.name for c in query.selected_columns], query)
