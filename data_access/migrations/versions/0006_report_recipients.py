"""report recipients: who receives each province's report pack by e-mail

Revision ID: 0006_report_recipients
Revises: 0002_employment_rate
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_report_recipients"
down_revision = "0002_employment_rate"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_recipients",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("province_code", sa.String(length=2), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_digest", sa.String(length=64), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("tried_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["province_code"],
            ["provinces.code"],
            name=op.f("fk_report_recipients_province_code_provinces"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_recipients")),
        sa.UniqueConstraint("province_code", "email", name=op.f("uq_report_recipients_province_code_email")),
    )


def downgrade() -> None:
    op.drop_table("report_recipients")
