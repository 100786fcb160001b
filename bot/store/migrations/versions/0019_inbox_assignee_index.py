"""The inbox at 100 000 cases, continued (issue #15, bench/desk_bench.py): 我的 in queue order per
assignee (a county reader with no cases of their own walked every case of the county: 0.4-0.7 s),
and the due date in the covering index of the inbox's counts (the overdue filter's count read each
case of a township).

Revision ID: 0019
Revises: 0018
"""
import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

INBOX = ["county_code", "township", "status", "assignee", "cause", "hardship_type"]


def upgrade() -> None:
    due = sa.text("coalesce(due_date, '9999-12-31')")
    op.create_index("ix_cases_queue_assignee", "cases", ["county_code", "assignee", "urgency", due, "id"])
    op.drop_index("ix_cases_inbox", table_name="cases")
    op.create_index("ix_cases_inbox", "cases", INBOX + ["due_date"])


def downgrade() -> None:
    op.drop_index("ix_cases_inbox", table_name="cases")
    op.create_index("ix_cases_inbox", "cases", INBOX)
    op.drop_index("ix_cases_queue_assignee", table_name="cases")
