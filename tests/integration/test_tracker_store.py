"""The encrypted SQL tracker store with its session cache (bot/store/rasa_tracker.py,
bot/store/tracker_cache.py): two stores on one database behave as two Rasa servers behind the
balancer; each reads what the other wrote, and every read equals Rasa's own SQL tracker store."""
from __future__ import annotations

import asyncio

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.engine import make_url

from bot.store.rasa_tracker import EncryptedSQLTrackerStore

DOMAIN = Domain.from_yaml("slots:\n  phone: {type: any, mappings: [{type: custom}]}\n")


def store(database_url: str, cls=EncryptedSQLTrackerStore):  # noqa: D103 - Rasa's constructor per dialect
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        return cls(DOMAIN, dialect="sqlite", db=url.database)
    return cls(DOMAIN, dialect="postgresql", host=url.host, port=url.port, db=url.database, username=url.username)


def turn(store_, sender: str, *events) -> DialogueStateTracker:
    tracker = asyncio.run(store_.retrieve(sender)) or DialogueStateTracker(sender, DOMAIN.slots)
    for event in events:
        tracker.update(event)
    asyncio.run(store_.save(tracker))
    return tracker


def events_of(store_, sender: str) -> list[dict]:
    tracker = asyncio.run(store_.retrieve(sender))
    return [{k: v for k, v in e.as_dict().items() if k != "timestamp"} for e in tracker.events]


def test_two_servers_read_each_others_turns_and_agree_with_rasa(database_url, settings_env):
    first, second = store(database_url), store(database_url)
    turn(first, "rest:a", ActionExecuted("action_listen"), UserUttered("我家着火了", {"name": "request_help"}))
    turn(second, "rest:a", SlotSet("phone", "13812345678"), ActionExecuted("action_listen"))
    turn(first, "rest:a", UserUttered("对", {"name": "affirm"}), ActionExecuted("action_listen"))
    both = events_of(first, "rest:a")
    assert both == events_of(second, "rest:a")
    assert [e["event"] for e in both] == ["action", "user", "slot", "action", "user", "action"]   # each stored once
    assert asyncio.run(first.retrieve("rest:a")).get_slot("phone") == "13812345678"


def test_a_turn_reads_only_the_rows_written_since_the_last(database_url, settings_env):
    """The cost of a turn does not grow with the conversation (#18): once a server has read a
    conversation, it asks only for rows after the last it saw, and saving counts nothing again."""
    from sqlalchemy import event

    first = store(database_url)
    for k in range(20):
        turn(first, "rest:c", UserUttered(f"第{k}句", {"name": "inform"}), ActionExecuted("action_listen"))
    statements: list[str] = []
    event.listen(first.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    turn(first, "rest:c", UserUttered("对", {"name": "affirm"}), ActionExecuted("action_listen"))
    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert reads and all("events.id >" in s for s in reads), reads
    assert len(events_of(first, "rest:c")) == 42


def test_a_new_session_starts_from_its_session_started_event(database_url, settings_env):
    first, second = store(database_url), store(database_url)
    turn(first, "rest:b", ActionExecuted("action_listen"), UserUttered("你好", {"name": "greet"}))
    assert len(events_of(first, "rest:b")) == 2
    turn(second, "rest:b", ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen"))
    assert [e["event"] for e in events_of(first, "rest:b")] == ["session_started", "action"]
    assert events_of(first, "rest:b") == events_of(store(database_url), "rest:b")   # cold read, Rasa's query


def test_an_unknown_conversation_is_none(database_url, settings_env):
    assert asyncio.run(store(database_url).retrieve("rest:nobody")) is None


def test_a_save_keeps_the_rows_it_wrote_so_the_next_turn_reads_none_back(database_url, settings_env):
    """The rows a server has just written go into its cache with their ids: the next retrieve finds
    nothing newer to decrypt and parse, and still equals a cold read (Rasa's query)."""
    from sqlalchemy import func

    first = store(database_url)
    turn(first, "rest:d", ActionExecuted("action_listen"), UserUttered("我家着火了", {"name": "request_help"}))
    turn(first, "rest:d", SlotSet("phone", "13812345678"), ActionExecuted("action_listen"))
    with first.session_scope() as session:
        newest = session.query(func.max(first.SQLEvent.id)).filter(first.SQLEvent.sender_id == "rest:d").scalar()
    assert first.cache.get("rest:d").last_id == newest
    assert events_of(first, "rest:d") == events_of(store(database_url), "rest:d")
    assert asyncio.run(first.retrieve("rest:d")).get_slot("phone") == "13812345678"


def test_a_save_after_the_turns_retrieve_asks_the_database_nothing(database_url, settings_env):
    """Rasa holds the conversation's lock from a turn's retrieve to its save, so nothing is written in
    between: the save counts the stored session from the retrieve's read instead of reading again
    (#18: a PostgreSQL round trip per turn, 14 % of a Rasa server in the production profile). A save
    without a retrieve still reads, and what is stored equals what was said, each event once."""
    from sqlalchemy import event

    first, second = store(database_url), store(database_url)
    turn(first, "rest:e", ActionExecuted("action_listen"), UserUttered("我家着火了", {"name": "request_help"}))
    turn(second, "rest:e", SlotSet("phone", "13812345678"), ActionExecuted("action_listen"))
    tracker = asyncio.run(first.retrieve("rest:e"))   # brings in the second server's rows
    tracker.update(UserUttered("对", {"name": "affirm"}))
    statements: list[str] = []
    event.listen(first.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    asyncio.run(first.save(tracker))
    assert not [s for s in statements if s.lstrip().upper().startswith("SELECT")], statements
    tracker.update(ActionExecuted("action_listen"))
    asyncio.run(first.save(tracker))   # a second save in the same turn: reads again, writes only the new event
    assert [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert [e["event"] for e in events_of(store(database_url), "rest:e")] == ["action", "user", "slot", "action", "user", "action"]
