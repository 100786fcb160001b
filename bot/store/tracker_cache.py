"""The events of recent conversations, kept in the Rasa server between turns so that a turn reads
only the events written since the last one (by this server or another behind the balancer).

Rasa's SQL tracker store reads a conversation's whole session back from the database on every
message, and counts it again on every save: hundreds of rows decrypted and parsed per turn, growing
with the conversation. `SessionCache` remembers, per conversation, the id of the last event row seen
and the session's events as dicts; `EncryptedSQLTrackerStore` asks the database only for rows with a
higher id. Ids of one conversation grow with each write, and one server at a time writes a
conversation (Rasa's lock store), so the rows after the last id are exactly what is new.

A conversation unused for `ttl` seconds is dropped (the retention job deletes only conversations
idle for days, so a purged conversation is never served from memory), and at most `size` are kept.
"""
from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass, field

SESSION_STARTED = "session_started"


@dataclass
class Session:
    last_id: int = 0
    events: list[dict] = field(default_factory=list)
    used: float = 0.0
    # Read from the database in the current turn (under Rasa's lock on the conversation): until the
    # turn's save, nobody else can have written rows after `last_id`.
    fresh: bool = False


class SessionCache:
    def __init__(self, size: int = 256, ttl: float = 300.0) -> None:
        self.size, self.ttl = size, ttl
        self._sessions: OrderedDict[str, Session] = OrderedDict()

    def get(self, sender_id: str) -> Session | None:
        session = self._sessions.get(sender_id)
        if session is None or time.monotonic() - session.used > self.ttl:
            self._sessions.pop(sender_id, None)
            return None
        self._sessions.move_to_end(sender_id)
        return session

    def extend(self, sender_id: str, base: Session | None, rows: list[tuple[int, str, dict]]) -> Session:
        """`base` (None: `rows` are the whole latest session) with the new rows (id, type, event);
        a new session started among them replaces what came before."""
        session = Session(base.last_id, list(base.events)) if base else Session()
        for row_id, type_name, event in rows:
            if type_name == SESSION_STARTED and base is not None:
                session.events = []
            session.events.append(event)
            session.last_id = max(session.last_id, row_id)
        session.used = time.monotonic()
        self._sessions[sender_id] = session
        self._sessions.move_to_end(sender_id)
        while len(self._sessions) > self.size:
            self._sessions.popitem(last=False)
        return session

    def forget(self, sender_id: str) -> None:
        self._sessions.pop(sender_id, None)
