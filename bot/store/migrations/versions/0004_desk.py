"""Casework on the desk: routing, deadlines and money on each case; payments, reserve funds,
staff accounts and their sessions; the audit log.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("county_code", sa.String(12)))
        batch.add_column(sa.Column("township", sa.String(64)))
        batch.add_column(sa.Column("urgency", sa.Integer, nullable=False, server_default="1"))
        batch.add_column(sa.Column("created_by", sa.String(64)))
        batch.add_column(sa.Column("accepted_at", sa.Date))
        batch.add_column(sa.Column("due_date", sa.Date))
        batch.add_column(sa.Column("paperwork_due", sa.Date))
        batch.add_column(sa.Column("paperwork_done", sa.Boolean, nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("first_aid", sa.Boolean, nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("approved_amount", sa.Float))
        batch.add_column(sa.Column("paid_total", sa.Float, nullable=False, server_default="0"))
        batch.add_column(sa.Column("duplicate_of", sa.Integer))
        batch.add_column(sa.Column("info_request", sa.Text))
        batch.create_foreign_key("fk_cases_duplicate_of", "cases", ["duplicate_of"], ["id"])
    # The inbox order (emergencies first, then deadline, undated last) as index expressions, one
    # index per scope, so a page is read in index order; and (scope, status) for the counts.
    due = sa.text("coalesce(due_date, '9999-12-31')")
    op.create_index("ix_cases_queue", "cases", ["urgency", due, "id"])
    op.create_index("ix_cases_queue_county", "cases", ["county_code", "urgency", due, "id"])
    op.create_index("ix_cases_queue_township", "cases", ["county_code", "township", "urgency", due, "id"])
    op.create_index("ix_cases_scope_status", "cases", ["county_code", "township", "status"])
    op.create_index("ix_cases_due", "cases", ["county_code", "status", "hardship_type", "due_date"])  # overdue / due soon
    op.create_table(
        "payments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("county_code", sa.String(12)),
        sa.Column("township", sa.String(64)),
        sa.Column("amount", sa.Float, nullable=False),
        sa.Column("form", sa.String(16), nullable=False),
        sa.Column("goods", sa.String(500)),
        sa.Column("paid_on", sa.Date, nullable=False),
        sa.Column("recorded_by", sa.String(64), nullable=False),
    )
    op.create_index("ix_payments_office_month", "payments", ["county_code", "township", "paid_on"])
    op.create_table(
        "reserve_funds",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("county_code", sa.String(12), nullable=False),
        sa.Column("township", sa.String(64), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("budget", sa.Float, nullable=False),
        sa.Column("last_year_use", sa.Float, nullable=False),
        sa.Column("set_by", sa.String(64), nullable=False),
        sa.UniqueConstraint("county_code", "township", "year", name="uq_reserve_office_year"),
    )
    op.create_table(
        "staff",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("county_code", sa.String(12)),
        sa.Column("township", sa.String(64)),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("failed_logins", sa.Integer, nullable=False, server_default="0"),
        sa.Column("locked_until", sa.DateTime),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
    )
    op.create_table(
        "staff_sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("staff_id", sa.Integer, sa.ForeignKey("staff.id"), nullable=False, index=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("csrf_token", sa.String(64)),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("last_seen", sa.DateTime, nullable=False),
        sa.Column("revoked", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False, index=True),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("audit_log")
    op.drop_table("staff_sessions")
    op.drop_table("staff")
    op.drop_table("reserve_funds")
    op.drop_index("ix_payments_office_month", "payments")
    op.drop_table("payments")
    for name in ("ix_cases_due", "ix_cases_scope_status", "ix_cases_queue_township", "ix_cases_queue_county", "ix_cases_queue"):
        op.drop_index(name, "cases")
    with op.batch_alter_table("cases") as batch:
        batch.drop_constraint("fk_cases_duplicate_of", type_="foreignkey")
        for name in ("info_request", "duplicate_of", "paid_total", "approved_amount", "first_aid", "paperwork_done",
                     "paperwork_due", "due_date", "accepted_at", "created_by", "urgency", "township", "county_code"):
            batch.drop_column(name)
