"""labour indicators: the ministry's labour-market figures by place, indicator and period

Revision ID: 0009_labour_indicators
Revises: 0006_report_recipients
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_labour_indicators"
down_revision = "0006_report_recipients"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "labour_values",
        sa.Column("province_code", sa.String(length=3), nullable=False),
        sa.Column("indicator", sa.String(length=32), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("year", sa.SmallInteger(), nullable=False),
        sa.Column("quarter", sa.SmallInteger(), nullable=False),
        sa.Column("month", sa.SmallInteger(), nullable=True),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("source", sa.String(length=128), nullable=False),
        sa.Column("batch_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["import_batches.id"], name=op.f("fk_labour_values_batch_id_import_batches")
        ),
        sa.PrimaryKeyConstraint("province_code", "indicator", "period", name=op.f("pk_labour_values")),
    )
    op.create_index(op.f("ix_labour_values_indicator_period"), "labour_values", ["indicator", "period"])


def downgrade() -> None:
    op.drop_index(op.f("ix_labour_values_indicator_period"), table_name="labour_values")
    op.drop_table("labour_values")
