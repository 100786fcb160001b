"""Rasa's SQL tracker store (table `events`, as rasa.core.tracker_store.SQLTrackerStore defines
it), for the retention job: redact personal numbers, delete old conversations; and for rotate_key.
Core only; Rasa owns the schema. `data` is encrypted (bot.store.rasa_tracker.EncryptedSQLTrackerStore):
it is read decrypted and written encrypted with the configured field cipher."""
from __future__ import annotations

from typing import Iterator

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, delete, func, inspect, select, update
from sqlalchemy.engine import Engine

from bot.store.crypto import EncryptedTextOrClear
from bot.store.db import make_engine

metadata = MetaData()
events = Table("events", metadata, Column("id", Integer, primary_key=True), Column("sender_id", String(255)),
               Column("type_name", String(255)), Column("timestamp", Float), Column("intent_name", String(255)),
               Column("action_name", String(255)), Column("data", EncryptedTextOrClear))


class TrackerEvents:
    def __init__(self, url: str):
        self.engine: Engine = make_engine(url)

    def exists(self) -> bool:
        return inspect(self.engine).has_table("events")

    def senders(self) -> list[tuple[str, float]]:
        """Each conversation with the time of its last event."""
        with self.engine.connect() as connection:
            return [(r[0], r[1] or 0.0) for r in connection.execute(
                select(events.c.sender_id, func.max(events.c.timestamp)).group_by(events.c.sender_id))]

    def rows(self, sender_id: str) -> Iterator[tuple[int, str]]:
        with self.engine.connect() as connection:
            yield from connection.execute(select(events.c.id, events.c.data).where(events.c.sender_id == sender_id))

    def rewrite(self, changes: dict[int, str]) -> None:
        with self.engine.begin() as connection:
            for event_id, data in changes.items():
                connection.execute(update(events).where(events.c.id == event_id).values(data=data))

    def delete_sender(self, sender_id: str) -> int:
        with self.engine.begin() as connection:
            return connection.execute(delete(events).where(events.c.sender_id == sender_id)).rowcount

    def reseal(self, batch: int = 500) -> int:
        """Write every event again: encrypted with the newest key (events written in clear included)."""
        last, count = 0, 0
        while True:
            with self.engine.begin() as connection:
                rows = connection.execute(select(events.c.id, events.c.data).where(events.c.id > last)
                                          .order_by(events.c.id).limit(batch)).all()
                for event_id, data in rows:
                    connection.execute(update(events).where(events.c.id == event_id).values(data=data))
            if not rows:
                self._scrub()
                return count
            last, count = rows[-1][0], count + len(rows)

    def _scrub(self) -> None:
        """Drop the old row versions (an event written in clear stays in freed pages until then)."""
        sqlite = self.engine.dialect.name == "sqlite"
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM" if sqlite else "VACUUM FULL events")
            if sqlite:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
