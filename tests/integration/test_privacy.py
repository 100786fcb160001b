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
    for secret in (PHONE, ID_NUMBER, NAME, PHONE[-4:] + "'"):
        assert secret not in dump
    assert case_status(bootstrap(settings_env), number, PHONE) is not None
    with unit_of_work(settings_env) as uow:
        case = uow.cases.by_number(number)
        assert case.household.phone == PHONE and case.transcript[0]["text"] == f"电话{PHONE}"


def test_key_rotation_keeps_every_case_readable(settings_env, monkeypatch):
    from bot.store.rotate_key import rotate

    old = get_settings().data_key
    number = _submit(settings_env)
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


def test_a_missing_key_file_is_created_once_and_kept_private(tmp_path):
    from bot.store.crypto import load_or_create_keys

    path = tmp_path / "keys" / "data.key"
    first = load_or_create_keys(None, path)
    assert load_or_create_keys(None, path) == first
    assert oct(path.stat().st_mode & 0o777) == "0o600"
