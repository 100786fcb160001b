"""Households, cases, the case event log; personal fields encrypted, with keyed hashes.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "households",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("applicant_name", sa.Text),                   # encrypted (Fernet token)
        sa.Column("phone", sa.Text),                            # encrypted
        sa.Column("phone_hash", sa.String(64), index=True),     # keyed hash
        sa.Column("id_number", sa.Text),                        # encrypted
        sa.Column("id_hash", sa.String(64), index=True),        # keyed hash
        sa.Column("hukou_place", sa.String(200)),
        sa.Column("household_size", sa.Integer),
        sa.Column("priority_group", sa.String(16)),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_number", sa.String(32), unique=True, index=True),
        sa.Column("intake_key", sa.String(128), nullable=False),
        sa.Column("household_id", sa.Integer, sa.ForeignKey("households.id"), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("sender_id", sa.String(128), nullable=False, index=True),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("needs_human", sa.Boolean, nullable=False),
        sa.Column("hardship_type", sa.String(16), nullable=False),
        sa.Column("cause", sa.String(32)),
        sa.Column("event_place", sa.String(200)),
        sa.Column("event_date", sa.String(10)),
        sa.Column("description", sa.Text),                      # encrypted
        sa.Column("facts", sa.Text, nullable=False),            # encrypted JSON
        sa.Column("classification", sa.JSON, nullable=False),
        sa.Column("transcript", sa.Text, nullable=False),       # encrypted JSON
        sa.Column("created_at", sa.DateTime, nullable=False, index=True),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("intake_key", name="uq_cases_intake_key"),
    )
    op.create_table(
        "case_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("case_events")
    op.drop_table("cases")
    op.drop_table("households")
