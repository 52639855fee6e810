"""user sessions: a signed-in browser survives a reload; revocable by sign-out, disable, password, expiry

Revision ID: 0008_user_sessions
Revises: 0006_report_recipients
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_user_sessions"
down_revision = "0006_report_recipients"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "user_sessions",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("username", sa.String(length=128), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=True),
        sa.Column("handover_hash", sa.String(length=64), nullable=True),
        sa.Column("handover_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_reason", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["username"], ["users.username"], name=op.f("fk_user_sessions_username_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_user_sessions_token_hash")),
        sa.UniqueConstraint("handover_hash", name=op.f("uq_user_sessions_handover_hash")),
    )
    op.create_index(op.f("ix_user_sessions_username"), "user_sessions", ["username"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_user_sessions_username"), table_name="user_sessions")
    op.drop_table("user_sessions")
