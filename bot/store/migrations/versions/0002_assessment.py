"""The assessment stored with each case (with the region figures and their year).

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("assessment", sa.JSON, nullable=True))
        batch.add_column(sa.Column("region_code", sa.String(12), nullable=True))
    op.create_index("ix_cases_household_id", "cases", ["household_id"])


def downgrade() -> None:
    op.drop_index("ix_cases_household_id", "cases")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("region_code")
        batch.drop_column("assessment")
