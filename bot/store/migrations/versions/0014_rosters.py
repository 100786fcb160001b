"""Rosters for information comparison (信息比对, issue #19 part 2) and the notes that close the
monthly early-warning rows.

Revision ID: 0014
Revises: 0012
"""
import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "roster_imports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("county_code", sa.String(12), nullable=False),
        sa.Column("group", sa.String(16), nullable=False),
        sa.Column("roster_date", sa.Date, nullable=False),
        sa.Column("rows", sa.Integer, nullable=False),
        sa.Column("rejected", sa.Integer, nullable=False),
        sa.Column("imported_by", sa.String(64), nullable=False),
        sa.Column("imported_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "roster_entries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("import_id", sa.Integer, sa.ForeignKey("roster_imports.id"), nullable=False, index=True),
        sa.Column("county_code", sa.String(12), nullable=False),
        sa.Column("group", sa.String(16), nullable=False),
        sa.Column("id_hash", sa.String(64), nullable=False),
        sa.Column("id_number", sa.Text, nullable=False),
        sa.Column("name", sa.Text),
        sa.Column("township", sa.String(64)),
        sa.Column("lifted", sa.Boolean),
    )
    op.create_index("ix_roster_lookup", "roster_entries", ["id_hash", "group", "county_code"])
    op.create_table(
        "warning_notes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("case_number", sa.String(32), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("closed_by", sa.String(64), nullable=False),
        sa.Column("closed_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("kind", "case_number", name="uq_warning_kind_case"),
    )


def downgrade() -> None:
    op.drop_table("warning_notes")
    op.drop_index("ix_roster_lookup", table_name="roster_entries")
    op.drop_table("roster_entries")
    op.drop_table("roster_imports")
