"""The inbox at 100 000 cases (issue #15, bench/desk_bench.py): a covering index for the counts of
the 我的 / 未分配 / cause / type / status filters (without it SQLite read every case of a county
row by row), and the queue order per cause and per type (a filter on a non-emergency cause walked
past every emergency first).

Revision ID: 0018
Revises: 0017
"""
import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    due = sa.text("coalesce(due_date, '9999-12-31')")
    op.create_index("ix_cases_inbox", "cases", ["county_code", "township", "status", "assignee", "cause", "hardship_type"])
    op.create_index("ix_cases_queue_cause", "cases", ["county_code", "cause", "urgency", due, "id"])
    op.create_index("ix_cases_queue_type", "cases", ["county_code", "hardship_type", "urgency", due, "id"])


def downgrade() -> None:
    for name in ("ix_cases_queue_type", "ix_cases_queue_cause", "ix_cases_inbox"):
        op.drop_index(name, table_name="cases")
