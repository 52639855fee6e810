"""speed sums: every page reads aggregated derived rows, none a per-participant table

course_outcome gains the data-quality counts (no_income_before, no_income_after, income_outliers,
followups_before_end, earliest_followup_before_end); new derived tables: income_distribution
(values and people per partition, for exact medians and the gain histogram), outcome_breakdown
(people per occupation and collector per partition) and disbursement_monthly (money per calendar
month); disbursement_daily is indexed by date. All are derived data: course_outcome is made again
empty and `Database.migrate` rebuilds every derived row in the same transaction
(the `derived_outdated` flag), as 0002 did.

Revision ID: 0011_speed_sums
Revises: 0010_labour_forecasts
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_speed_sums"
down_revision = "0010_labour_forecasts"
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Money = sa.Numeric(precision=16, scale=2)
COUNTS_0002 = (
    "participants",
    "completed",
    "skill_completed",
    "followed_up",
    "skill_followed_up",
    "skill_users",
    "employed",
    "paired",
)
QUALITY_COUNTS = ("no_income_before", "no_income_after", "income_outliers")


def _count(name: str) -> sa.Column:
    return sa.Column(name, sa.Integer(), nullable=False)


def _measures_0002() -> list[sa.Column]:
    return [
        *(_count(name) for name in COUNTS_0002),
        sa.Column("income_before_sum", Money, nullable=False),
        sa.Column("income_after_sum", Money, nullable=False),
        sa.Column("income_gain_sum", Money, nullable=False),
        sa.Column("income_gain_square_sum", sa.Float(), nullable=False),
        _count("higher_income"),
    ]


def _course_outcome(columns: list[sa.Column]) -> None:
    op.drop_index(op.f("ix_course_outcome_fiscal_year_province_code"), table_name="course_outcome")
    op.drop_table("course_outcome")
    op.create_table(
        "course_outcome",
        sa.Column("course_id", Id, nullable=False),
        sa.Column("fiscal_year", sa.SmallInteger(), nullable=False),
        sa.Column("province_code", sa.String(length=2), nullable=False),
        sa.Column("skill_code", sa.String(length=16), nullable=False),
        sa.Column("activity_type", sa.String(length=16), nullable=False),
        *columns,
        sa.PrimaryKeyConstraint("course_id", name=op.f("pk_course_outcome")),
    )
    op.create_index(
        op.f("ix_course_outcome_fiscal_year_province_code"), "course_outcome", ["fiscal_year", "province_code"]
    )


def _partition_table(name: str, *columns: sa.Column) -> None:
    keys = ["fiscal_year", "province_code", "skill_code", "activity_type"]
    keys += [c.name for c in columns if c.primary_key]
    op.create_table(
        name,
        sa.Column("fiscal_year", sa.SmallInteger(), nullable=False),
        sa.Column("province_code", sa.String(length=2), nullable=False),
        sa.Column("skill_code", sa.String(length=16), nullable=False),
        sa.Column("activity_type", sa.String(length=16), nullable=False),
        *(sa.Column(c.name, c.type, nullable=False) for c in columns),
        sa.PrimaryKeyConstraint(*keys, name=op.f(f"pk_{name}")),
    )


def _mark_derived_outdated() -> None:
    meta = sa.table("meta", sa.column("key", sa.String), sa.column("value", sa.Text))
    op.execute(meta.delete().where(meta.c.key == "derived_outdated"))
    op.execute(meta.insert().values(key="derived_outdated", value="true"))


def upgrade() -> None:
    _course_outcome(
        [
            *_measures_0002(),
            *(_count(name) for name in QUALITY_COUNTS),
            _count("followups_before_end"),
            sa.Column("earliest_followup_before_end", sa.Date(), nullable=True),
        ]
    )
    _partition_table(
        "income_distribution",
        sa.Column("figure", sa.String(length=16), primary_key=True),
        sa.Column("value", Money, primary_key=True),
        sa.Column("people", sa.Integer()),
    )
    _partition_table(
        "outcome_breakdown",
        sa.Column("breakdown", sa.String(length=16), primary_key=True),
        sa.Column("answer", sa.String(length=16), primary_key=True),
        sa.Column("people", sa.Integer()),
    )
    _partition_table(
        "disbursement_monthly",
        sa.Column("year", sa.SmallInteger(), primary_key=True),
        sa.Column("month", sa.SmallInteger(), primary_key=True),
        sa.Column("amount", Money),
    )
    op.create_index(op.f("ix_disbursement_daily_date"), "disbursement_daily", ["date"])
    _mark_derived_outdated()


def downgrade() -> None:
    op.drop_index(op.f("ix_disbursement_daily_date"), table_name="disbursement_daily")
    for name in ("disbursement_monthly", "outcome_breakdown", "income_distribution"):
        op.drop_table(name)
    _course_outcome(_measures_0002())
    _mark_derived_outdated()
