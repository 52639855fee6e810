"""labour forecasts: each place's and indicator's forecast with its 80 % interval, and its method
and backtest, computed once per version of the labour figures

Revision ID: 0010_labour_forecasts
Revises: 0009_labour_indicators
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_labour_forecasts"
down_revision = "0009_labour_indicators"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "labour_forecasts",
        sa.Column("place", sa.String(length=16), nullable=False),
        sa.Column("indicator", sa.String(length=32), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("step", sa.SmallInteger(), nullable=False),
        sa.Column("estimate", sa.Float(), nullable=False),
        sa.Column("low", sa.Float(), nullable=False),
        sa.Column("high", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("place", "indicator", "period", name=op.f("pk_labour_forecasts")),
    )
    op.create_table(
        "labour_forecast_fits",
        sa.Column("place", sa.String(length=16), nullable=False),
        sa.Column("indicator", sa.String(length=32), nullable=False),
        sa.Column("method", sa.String(length=32), nullable=False),
        sa.Column("mase", sa.Float(), nullable=True),
        sa.Column("coverage", sa.Float(), nullable=True),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("reconciled", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("place", "indicator", name=op.f("pk_labour_forecast_fits")),
    )


def downgrade() -> None:
    op.drop_table("labour_forecast_fits")
    op.drop_table("labour_forecasts")
