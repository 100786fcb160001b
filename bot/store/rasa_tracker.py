"""Rasa's SQL tracker store with connections checked before use (pool_pre_ping), so a database
restart costs no message: `type: bot.store.rasa_tracker.PingingSQLTrackerStore` in endpoints.

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
        self.engine = sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)


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
