"""endpoints.prod.yml as Rasa 3.6 reads it: every value comes from the environment. Rasa expands
`${…}` only in plain YAML scalars, so a quoted value would reach the tracker and lock stores as the
literal text `${TRACKER_DB_HOST}` (the file had that mistake)."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENV = {"ACTION_ENDPOINT_URL": "http://127.0.0.1:15055/webhook", "ACTION_SERVER_TOKEN": "secret-token",
       "TRACKER_DB_HOST": "db.internal", "TRACKER_DB_PORT": "5433", "TRACKER_DB_NAME": "tracker",
       "TRACKER_DB_USER": "rasa", "TRACKER_DB_PASSWORD": "pw", "REDIS_HOST": "redis.internal", "REDIS_PORT": "6380"}


def test_every_production_endpoint_value_comes_from_the_environment(monkeypatch):
    from rasa.utils.endpoints import read_endpoint_config

    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    path = str(ROOT / "endpoints.prod.yml")
    action = read_endpoint_config(path, "action_endpoint")
    tracker = read_endpoint_config(path, "tracker_store")
    lock = read_endpoint_config(path, "lock_store")
    assert (action.url, action.token) == ("http://127.0.0.1:15055/webhook", "secret-token")
    assert tracker.type == "bot.store.rasa_tracker.EncryptedSQLTrackerStore" and tracker.url == "db.internal"
    assert tracker.kwargs == {"dialect": "postgresql", "port": "5433", "db": "tracker", "username": "rasa", "password": "pw"}
    assert (lock.type, lock.url, lock.kwargs) == ("bot.store.rasa_lock.RenewingRedisLockStore", "redis.internal",
                                                  {"port": "6380", "db": 1})


def test_an_empty_password_is_allowed_for_trust_authentication(monkeypatch):
    from rasa.utils.endpoints import read_endpoint_config

    for name, value in {**ENV, "TRACKER_DB_PASSWORD": ""}.items():
        monkeypatch.setenv(name, value)
    assert read_endpoint_config(str(ROOT / "endpoints.prod.yml"), "tracker_store").kwargs["password"] == ""
