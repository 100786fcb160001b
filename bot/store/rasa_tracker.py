"""Rasa's SQL tracker store with connections checked before use (pool_pre_ping), so a database
restart costs no message: `type: bot.store.rasa_tracker.PingingSQLTrackerStore` in endpoints; on
SQLite in WAL mode without an fsync per turn.

`EncryptedSQLTrackerStore` (the one configured in endpoints.yml and endpoints.prod.yml) also keeps
each event's `data` (what the resident typed, the slots, the bot's answers) as a Fernet token with
the field cipher's key (settings: DATA_KEY / DATA_KEY_FILE), on SQLite and PostgreSQL alike; Rasa
reads its events back decrypted, the rows since the last turn only (bot/store/tracker_cache.py). Sender id, event type, intent, action and time stay readable for
the retention job. Events written in clear before are read as they are; `rotate_key` encrypts them
and re-encrypts the rest with the newest key.
"""
from __future__ import annotations

import itertools
import json
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, _create_sequence, create_engine_kwargs
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.orm import declarative_base

from bot.settings import get_settings
from bot.store import crypto
from bot.store.tracker_cache import SessionCache


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
        self.cache = SessionCache()

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool) -> DialogueStateTracker | None:
        """The latest session from the cache plus the rows written since (bot/store/tracker_cache.py)."""
        if fetch_events_from_all_sessions:
            return await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        events = self._session_events(sender_id)
        if self.domain and events:
            return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        return None

    def _session_events(self, sender_id: str) -> list[dict]:
        cached = self.cache.get(sender_id)
        columns = (self.SQLEvent.id, self.SQLEvent.type_name, self.SQLEvent.data)
        with self.session_scope() as session:
            if cached is None:
                query = self._event_query(session, sender_id, fetch_events_from_all_sessions=False).with_entities(*columns)
            else:
                query = (session.query(*columns).filter(self.SQLEvent.sender_id == sender_id, self.SQLEvent.id > cached.last_id)
                         .order_by(self.SQLEvent.id))
            rows = [(row.id, row.type_name, json.loads(row.data)) for row in query.all()]
        if cached is not None and not rows:
            cached.used, cached.fresh = time.monotonic(), True
            return cached.events
        entry = self.cache.extend(sender_id, cached, rows)
        entry.fresh = True
        return entry.events

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Rasa's save (one row per event not stored yet: those after the stored session's length),
        and the cache takes the rows it wrote, so the next turn does not read its own events back
        (decrypting and parsing them was a third of each retrieve). The stored length is the one
        read at this turn's retrieve when there was one (Rasa holds the conversation's lock from the
        retrieve to the save); otherwise it is read again."""
        await self.stream_events(tracker)
        base = self.cache.get(tracker.sender_id)
        if base is not None and base.fresh:
            # read at this turn's retrieve, under Rasa's lock on the conversation: what the session
            # held then, with nothing written since (a PostgreSQL round trip per turn saved)
            stored = len(base.events)
        else:
            stored = len(self._session_events(tracker.sender_id))   # also brings in rows another server wrote
            base = self.cache.get(tracker.sender_id)
        if base is not None:
            base.fresh = False   # a later save without a retrieve reads again
        written = []
        with self.session_scope() as session:
            for event in itertools.islice(tracker.events, stored, len(tracker.events)):
                data = event.as_dict()
                text = json.dumps(data)
                row = self.SQLEvent(sender_id=tracker.sender_id, type_name=event.type_name, timestamp=data.get("timestamp"),
                                    intent_name=data.get("parse_data", {}).get("intent", {}).get("name"),
                                    action_name=data.get("name"), data=text)
                session.add(row)
                written.append((row, event.type_name, text))
            session.flush()   # the ids, before the commit expires the rows
            rows = [(row.id, type_name, json.loads(text)) for row, type_name, text in written]
            session.commit()
        if base is not None and rows:
            self.cache.extend(tracker.sender_id, base, rows)
