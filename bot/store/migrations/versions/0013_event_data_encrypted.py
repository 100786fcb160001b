"""Case event data encrypted (#16 finding 7): info-request questions, notes, reasons and partner
answers live in `case_events.data`, which becomes a Fernet token like the other personal fields.
Existing rows are encrypted in place (PostgreSQL: the column becomes text first); downgrade
decrypts them again.

Revision ID: 0013
Revises: 0014
"""
import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0014"   # after 0014_rosters, which landed first
branch_labels = None
depends_on = None

TOKEN_PREFIX = "gAAAAA"   # every Fernet token starts with its version byte 0x80


def _cipher():
    from pathlib import Path

    from bot.settings import get_settings
    from bot.store import crypto

    try:
        return crypto.cipher()
    except RuntimeError:   # run outside bootstrap (alembic on its own): the configured key
        settings = get_settings()
        return crypto.FieldCipher(crypto.load_or_create_keys(settings.data_key, Path(settings.data_key_file)))


def _rewrite(change) -> None:
    bind = op.get_bind()
    events = sa.table("case_events", sa.column("id", sa.Integer), sa.column("data", sa.Text))
    rows = bind.execute(sa.select(events.c.id, events.c.data)).all()
    for event_id, data in rows:
        new = change(data)
        if new != data:
            bind.execute(events.update().where(events.c.id == event_id).values(data=new))


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE case_events ALTER COLUMN data TYPE TEXT USING data::text")
    cipher = _cipher()
    _rewrite(lambda data: data if data is None or data.startswith(TOKEN_PREFIX) else cipher.encrypt(data))


def downgrade() -> None:
    cipher = _cipher()
    _rewrite(lambda data: cipher.decrypt(data) if data and data.startswith(TOKEN_PREFIX) else data)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE case_events ALTER COLUMN data TYPE JSON USING data::json")
