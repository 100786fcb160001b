"""Related-case warnings on each case, and the index for the place/cause/date look-up.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("related_cases", sa.JSON, nullable=True))
    op.create_index("ix_cases_incident", "cases", ["cause", "event_place", "event_date"])


def downgrade() -> None:
    op.drop_index("ix_cases_incident", "cases")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("related_cases")
