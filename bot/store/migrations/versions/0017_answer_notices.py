"""Late WeChat answers through the notices outbox (issue #19 item 1): a message may belong to a
conversation without a case (case_id NULL), and every message carries the keyed hash of its
recipient so that one resident's messages go out in order.

Revision ID: 0017
Revises: 0016
"""
import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"   # after 0016_documents (issue #15)
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("notices") as batch:
        batch.alter_column("case_id", existing_type=sa.Integer, nullable=True)
        batch.add_column(sa.Column("recipient_hash", sa.String(64)))
        batch.create_index("ix_notices_recipient", ["recipient_hash", "status"])


def downgrade() -> None:
    with op.batch_alter_table("notices") as batch:
        batch.drop_index("ix_notices_recipient")
        batch.drop_column("recipient_hash")
        batch.alter_column("case_id", existing_type=sa.Integer, nullable=False)
