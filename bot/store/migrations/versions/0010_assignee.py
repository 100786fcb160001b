"""Who has a case on the desk (经办人): the inbox's 我的 / 未分配 / 全部.

Revision ID: 0010
Revises: 0009
"""
import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("assignee", sa.String(64)))
    op.create_index("ix_cases_assignee", "cases", ["assignee"])


def downgrade() -> None:
    op.drop_index("ix_cases_assignee", table_name="cases")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("assignee")
