"""Rasa's SQL tracker store with connections checked before use (pool_pre_ping), so a database
restart costs no message: `type: bot.store.rasa_tracker.PingingSQLTrackerStore` in endpoints; on
SQLite in WAL mode without an fsync per turn.

`EncryptedSQLTrackerStore` (the one configured in endpoints.yml and endpoints.prod.yml) also keeps
each event's `data` (what the resident typed, the slots, the bot's answers) as a Fernet token with
the field cipher's key (settings: DATA_KEY / DATA_KEY_FILE), on SQLite and PostgreSQL alike; Rasa
reads its events back decrypted. Sender id, event type, intent, action and time stay readable for
the retention job. Events written in clear before are read as they are; `rotate_key` encrypts them
and re-encrypts the rest with the newest key.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, _create_sequence, create_engine_kwargs
from sqlalchemy.orm import declarative_base

from bot.settings import get_settings
from bot.store import crypto


class PingingSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        kwargs = create_engine_kwargs(url)
        if url.get_backend_name() == "sqlite":
            # SQLAlchemy 1.4 opens and closes a file database's connection per session (NullPool); each
            # close of the last connection checkpoints the WAL with an fsync. Keep connections open.
            kwargs.update(poolclass=sa.pool.QueuePool, pool_size=2, connect_args={"check_same_thread": False})
        self.engine = sa.create_engine(url, pool_pre_ping=True, **kwargs)
        if url.get_backend_name() == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_wal)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)


def _sqlite_wal(dbapi_connection: Any, _record: Any) -> None:
    """The embedded tracker file in WAL mode with `synchronous=NORMAL`: a commit appends to the log
    without an fsync each time (Rasa saves the tracker inside its event loop, so a slow commit held
    every conversation; py-spy: 13 % of the Rasa server's time). A power cut can lose the last turns
    of a conversation, never corrupt the file; cases themselves are in the case store, which keeps
    SQLite's full synchronous commits."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class EncryptedSQLTrackerStore(PingingSQLTrackerStore):
    """The same table as Rasa's SQLTrackerStore (`events`), with `data` encrypted."""

    Base = declarative_base()

    class SQLEvent(Base):
        __tablename__ = "events"

        id = sa.Column(sa.Integer, _create_sequence(__tablename__), primary_key=True)
        sender_id = sa.Column(sa.String(255), nullable=False, index=True)
        type_name = sa.Column(sa.String(255), nullable=False)
        timestamp = sa.Column(sa.Float)
        intent_name = sa.Column(sa.String(255))
        action_name = sa.Column(sa.String(255))
        data = sa.Column(crypto.EncryptedTextOrClear)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        settings = get_settings()   # the same key as the case store, so rotate_key covers the events too
        crypto.configure(crypto.FieldCipher(crypto.load_or_create_keys(settings.data_key, Path(settings.data_key_file))))
        super().__init__(*args, **kwargs)
