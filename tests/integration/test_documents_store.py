"""Documents on a case in the real store (SQLite and PostgreSQL): a key rotation re-encrypts their
bytes and names, and they read back with the new key alone."""
from __future__ import annotations

from cryptography.fernet import Fernet
from sqlalchemy import text

from bot.domain.casework import Role, Staff
from bot.services import documents
from bot.services.bootstrap import bootstrap, unit_of_work
from bot.services.cases import submit_case
from bot.settings import get_settings
from tests.factories import submission
from tests.integration.test_documents_api import PDF

TOWNSHIP = Staff("malan", "马栏镇经办人", Role.TOWNSHIP, "411024", "马栏镇")


def test_key_rotation_keeps_documents_readable(settings_env, monkeypatch):
    from bot.store.rotate_key import rotate

    number = submit_case(bootstrap(settings_env), submission("rotate-docs")).case_number
    doc = documents.upload(bootstrap(settings_env), TOWNSHIP, number, "diagnosis", "诊断书.pdf", PDF)
    with unit_of_work(settings_env) as uow:
        before = uow.session.execute(text("SELECT file_name, content FROM case_documents")).one()
    old, new = get_settings().data_key, Fernet.generate_key().decode()
    monkeypatch.setenv("DATA_KEY", f"{new},{old}")
    get_settings.cache_clear()
    rotate()
    monkeypatch.setenv("DATA_KEY", new)
    get_settings.cache_clear()
    deps = bootstrap(settings_env)
    shown = documents.content(deps, TOWNSHIP, number, doc["id"])
    assert (shown.data, shown.file_name) == (PDF, "诊断书.pdf")
    with unit_of_work(settings_env) as uow:
        after = uow.session.execute(text("SELECT file_name, content FROM case_documents")).one()
    assert after[0] != before[0] and after[1] != before[1] and after[1].startswith("gAAAAA")
