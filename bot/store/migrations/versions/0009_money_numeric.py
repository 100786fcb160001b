"""Money as exact decimals: every amount column becomes NUMERIC(14, 2) (yuan to the fen), existing
values rounded to the fen as they are converted.

Revision ID: 0009
Revises: 0008
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

COLUMNS = {"cases": ("approved_amount", "paid_total"), "payments": ("amount",), "reserve_funds": ("budget", "last_year_use")}


def _convert(to_type, using: str) -> None:
    for table, columns in COLUMNS.items():
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.alter_column(column, type_=to_type, existing_nullable=column == "approved_amount",
                                   postgresql_using=using.format(column=column))


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # SQLite has no decimal type (NUMERIC and REAL columns hold the same values): round the stored
        # values to the fen and leave the table as it is (rebuilding it would lose the expression
        # indexes of 0004); the model's Numeric type reads them as exact decimals.
        for table, columns in COLUMNS.items():
            for column in columns:
                op.execute(f"UPDATE {table} SET {column} = round({column}, 2) WHERE {column} IS NOT NULL")
        return
    _convert(sa.Numeric(14, 2), "round({column}::numeric, 2)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        _convert(sa.Float(), "{column}::double precision")
