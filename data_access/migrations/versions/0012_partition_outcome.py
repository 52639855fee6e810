"""partition outcome: course_outcome summed per partition, so a KPI table reads a few thousand
rows rather than one per course (issue 13: every page cold in a second at 5M participants).

Derived data: the table is made empty and `Database.migrate` rebuilds every derived row in the
same transaction (the `derived_outdated` flag), as 0011 did.

Revision ID: 0012_partition_outcome
Revises: 0011_speed_sums
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_partition_outcome"
down_revision = "0011_speed_sums"
branch_labels = None
depends_on = None

Money = sa.Numeric(precision=16, scale=2)
PEOPLE = ("participants", "completed", "skill_completed", "followed_up", "skill_followed_up", "skill_users")
PEOPLE_2 = ("employed", "paired")
QUALITY = ("higher_income", "no_income_before", "no_income_after", "income_outliers")


def _count(name: str) -> sa.Column:
    return sa.Column(name, sa.Integer(), nullable=False)


def upgrade() -> None:
    op.create_table(
        "partition_outcome",
        sa.Column("fiscal_year", sa.SmallInteger(), nullable=False),
        sa.Column("province_code", sa.String(length=2), nullable=False),
        sa.Column("skill_code", sa.String(length=16), nullable=False),
        sa.Column("activity_type", sa.String(length=16), nullable=False),
        _count("courses"),
        *(_count(name) for name in (*PEOPLE, *PEOPLE_2)),
        sa.Column("income_before_sum", Money, nullable=False),
        sa.Column("income_after_sum", Money, nullable=False),
        sa.Column("income_gain_sum", Money, nullable=False),
        sa.Column("income_gain_square_sum", sa.Float(), nullable=False),
        *(_count(name) for name in QUALITY),
        sa.PrimaryKeyConstraint(
            "fiscal_year", "province_code", "skill_code", "activity_type", name=op.f("pk_partition_outcome")
        ),
    )
    meta = sa.table("meta", sa.column("key", sa.String), sa.column("value", sa.Text))
    op.execute(meta.delete().where(meta.c.key == "derived_outdated"))
    op.execute(meta.insert().values(key="derived_outdated", value="true"))


def downgrade() -> None:
    op.drop_table("partition_outcome")
