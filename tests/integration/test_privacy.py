"""Personal data at rest: encrypted in the database, found by keyed hash, and the key can rotate."""
from __future__ import annotations

from cryptography.fernet import Fernet
from sqlalchemy import create_engine, text

from bot.services.bootstrap import bootstrap, unit_of_work
from bot.services.cases import Submission, case_status, submit_case
from bot.settings import get_settings

PHONE, ID_NUMBER, NAME = "13812345678", "411024198503150014", "王小明"


def _submit(url: str, key: str = "k") -> str:
    values = {"cause": "fire", "household_size": 4, "applicant_name": NAME, "phone": PHONE, "id_number": ID_NUMBER,
              "description": f"我叫{NAME}，电话{PHONE}"}
    submission = Submission(key, "rest", "s", values, {"phone": {"text": PHONE}}, [{"role": "resident", "text": f"电话{PHONE}"}])
    return submit_case(bootstrap(url), submission).case_number


def test_nothing_personal_is_stored_in_clear(settings_env):
    number = _submit(settings_env)
    engine = create_engine(settings_env, future=True)
    with engine.connect() as connection:
        dump = " ".join(str(row) for table in ("households", "cases", "case_events")
                        for row in connection.execute(text(f"SELECT * FROM {table}")))
    engine.dispose()
    assert number in dump
    for secret in (PHONE, ID_NUMBER, NAME, "*" + PHONE[-4:]):     # a masked phone in clear (not a timestamp's microseconds)
        assert secret not in dump
    assert case_status(bootstrap(settings_env), number, PHONE) is not None
    with unit_of_work(settings_env) as uow:
        case = uow.cases.by_number(number)
        assert case.household.phone == PHONE and case.transcript[0]["text"] == f"电话{PHONE}"


def test_key_rotation_keeps_every_case_readable(settings_env, monkeypatch, tmp_path):
    """… and every conversation in Rasa's tracker store: encrypted ones re-encrypted with the new key,
    ones written in clear before the encrypted store encrypted."""
    from bot.store.rotate_key import rotate
    from bot.store.tracker_events import TrackerEvents

    old = get_settings().data_key
    number = _submit(settings_env)
    tracker_url = f"sqlite:///{tmp_path / 'tracker.sqlite3'}"
    monkeypatch.setenv("TRACKER_DB_URL", tracker_url)
    engine = create_engine(tracker_url, future=True)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255), type_name VARCHAR(255),"
                                " timestamp FLOAT, intent_name VARCHAR(255), action_name VARCHAR(255), data TEXT)"))
        connection.execute(text("INSERT INTO events (sender_id, type_name, timestamp, data) VALUES ('s', 'user', 1, :a), "
                                "('s', 'user', 2, :b)"), {"a": crypto_token({"text": PHONE}), "b": f'{{"text": "{ID_NUMBER}"}}'})
    new = Fernet.generate_key().decode()
    monkeypatch.setenv("DATA_KEY", f"{new},{old}")
    get_settings.cache_clear()
    assert rotate() == 2
    monkeypatch.setenv("DATA_KEY", new)
    get_settings.cache_clear()
    view = case_status(bootstrap(settings_env), number, PHONE)
    assert view is not None
    with unit_of_work(settings_env) as uow:
        assert uow.cases.by_number(number).household.id_number == ID_NUMBER
        assert uow.cases.earlier_cases(None, ID_NUMBER)
        assert uow.cases.events_of(uow.cases.by_number(number))[0].kind == "created"
    engine.dispose()
    raw = b"".join(path.read_bytes() for path in tmp_path.glob("tracker.sqlite3*"))   # freed pages included
    assert PHONE.encode() not in raw and ID_NUMBER.encode() not in raw
    assert [data for _, data in TrackerEvents(tracker_url).rows("s")] == [f'{{"text": "{PHONE}"}}', f'{{"text": "{ID_NUMBER}"}}']


def test_a_missing_key_file_is_created_once_and_kept_private(tmp_path):
    from bot.store.crypto import load_or_create_keys

    path = tmp_path / "keys" / "data.key"
    first = load_or_create_keys(None, path)
    assert load_or_create_keys(None, path) == first
    assert oct(path.stat().st_mode & 0o777) == "0o600"


NOTE, QUESTION, REASON, ANSWER = "邻居说他家老人住院了", "请补充医院的诊断证明", "家庭收入超过标准", "基金会已资助三千元"


def _raw_events(url: str) -> str:
    engine = create_engine(url, future=True)
    with engine.connect() as connection:
        dump = " ".join(str(row) for row in connection.execute(text("SELECT * FROM case_events")))
    engine.dispose()
    return dump


def _in_clear(secret: str, dump: str) -> bool:
    """The text as UTF-8 or as JSON writes it by default (\\uXXXX escapes)."""
    import json

    return secret in dump or json.dumps(secret).strip('"') in dump or json.dumps(secret).strip('"').replace("\\", "\\\\") in dump


def test_case_event_data_is_encrypted_at_rest(settings_env):
    """#16 finding 7: notes, questions, reasons and partner answers in case events are stored encrypted."""
    number = _submit(settings_env)
    with unit_of_work(settings_env) as uow:
        case = uow.cases.by_number(number)
        for kind, data in (("note", {"text": NOTE}), ("info_requested", {"question": QUESTION}),
                           ("rejected", {"reason": REASON}), ("referral_answer", {"note": ANSWER})):
            case.record("caseworker", kind, data)
        uow.cases.save(case)
        uow.commit()
    dump = _raw_events(settings_env)
    assert "note" in dump and "rejected" in dump            # the kinds stay readable: only the data is sealed
    for secret in (NOTE, QUESTION, REASON, ANSWER):
        assert not _in_clear(secret, dump), secret
    with unit_of_work(settings_env) as uow:
        events = {e.kind: e.data for e in uow.cases.events_of(uow.cases.by_number(number))}
    assert events["note"] == {"text": NOTE} and events["rejected"] == {"reason": REASON}


def test_the_event_migration_encrypts_existing_event_rows(settings_env):
    """Migration 0013: event rows written in clear before it (here: after a downgrade, which decrypts)
    are encrypted in place and still read back."""
    import json

    from alembic import command

    from bot.store.db import alembic_config

    number = _submit(settings_env)
    config = alembic_config(settings_env)
    command.downgrade(config, "0012")
    engine = create_engine(settings_env, future=True)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO case_events (case_id, at, actor, kind, data) "
                                "SELECT id, created_at, 'zhang', 'note', :data FROM cases"), {"data": json.dumps({"text": NOTE})})
    engine.dispose()
    assert _in_clear(NOTE, _raw_events(settings_env)) and "created" in _raw_events(settings_env)
    command.upgrade(config, "head")
    assert not _in_clear(NOTE, _raw_events(settings_env))
    with unit_of_work(settings_env) as uow:
        events = uow.cases.events_of(uow.cases.by_number(number))
    assert [(e.kind, e.data) for e in events][-1] == ("note", {"text": NOTE})
    assert events[0].kind == "created" and events[0].data["channel"] == "rest"


def crypto_token(value) -> str:
    """`value` as JSON, encrypted with the configured key (a tracker event written by the encrypted store)."""
    import json

    from bot.store.crypto import FieldCipher, load_or_create_keys

    settings = get_settings()
    return FieldCipher(load_or_create_keys(settings.data_key, settings.data_key_file)).encrypt(json.dumps(value))


def test_retention_masks_inside_encrypted_events_and_drops_caseless_conversations_after_seven_days(settings_env, tmp_path):
    """#16 finding 1, retention: the events stay encrypted through masking (decrypted, masked, encrypted
    again); a conversation that produced no case goes after NO_CASE_RETENTION_DAYS (7), one with an
    open case stays."""
    import time

    from bot.services.retention import purge
    from bot.store.tracker_events import TrackerEvents

    _submit(settings_env)                              # sender "s" has a case
    tracker_url = f"sqlite:///{tmp_path / 'tracker.sqlite3'}"
    engine = create_engine(tracker_url, future=True)
    day = 86400
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255), type_name VARCHAR(255),"
                                " timestamp FLOAT, intent_name VARCHAR(255), action_name VARCHAR(255), data TEXT)"))
        for sender, age in (("s", 8), ("chat-only", 8), ("chat-fresh", 6)):
            connection.execute(text("INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (:s, 'user', :t, :d)"),
                               {"s": sender, "t": time.time() - age * day, "d": crypto_token({"text": f"电话{PHONE}"})})
    report = purge(bootstrap(settings_env), 180, tracker_url=tracker_url)
    assert (report.deleted_conversations, report.redacted_events) == (1, 1)
    store = TrackerEvents(tracker_url)
    assert sorted(sender for sender, _ in store.senders()) == ["chat-fresh", "s"]
    assert [data for _, data in store.rows("s")] == ['{"text": "\\u7535\\u8bdd138****5678"}']
    with engine.connect() as connection:
        raw = " ".join(row[0] for row in connection.execute(text("SELECT data FROM events")))
    engine.dispose()
    assert "138" not in raw and PHONE not in raw and raw.startswith("gAAAAA")
