"""Two referral workers at once (the production profile runs the desk's worker and a second one):
every referral is leased by one worker only and delivered once, on SQLite and PostgreSQL.
bot.store.leases: FOR UPDATE SKIP LOCKED on PostgreSQL, a compare-and-set UPDATE elsewhere."""
from __future__ import annotations

import os
import subprocess
import threading
import time
from datetime import datetime, timedelta

from sqlalchemy import event

from bot.services import referrals
from bot.services.bootstrap import bootstrap, unit_of_work
from bot.services.cases import submit_case
from bot.store.db import session_factory
from tests.factories import submission
from tests.integration.servers import ROOT
from tests.integration.test_referrals import PYTHON, SECRET, Partner


def _consented_cases(url: str, count: int, prefix: str) -> None:
    for i in range(count):
        number = submit_case(bootstrap(url), submission(f"{prefix}-{i}", {"phone": f"1381234{i:04d}"})).case_number
        referrals.record_consent(bootstrap(url), number, True, "resident")


def test_two_workers_reading_the_same_due_referrals_lease_each_to_one(settings_env):
    """Both workers read the due rows before either writes (a barrier after the SELECT): the rows
    still go to one worker each. Before bot.store.leases, SQLite handed all of them to both."""
    url = settings_env
    _consented_cases(url, 4, "lease")
    engine = session_factory(url).kw["bind"]
    barrier, waited = threading.Barrier(2, timeout=10), set()

    def after_select(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith("SELECT") and "FROM referrals" in statement \
                and threading.get_ident() not in waited:
            waited.add(threading.get_ident())
            barrier.wait()

    event.listen(engine, "after_cursor_execute", after_select)
    claimed: dict[str, list[int]] = {}

    def worker(name: str) -> None:
        with unit_of_work(url) as uow:
            claimed[name] = [r.id for r in uow.referrals.claim_due(datetime.utcnow() + timedelta(seconds=1), 20,
                                                                   timedelta(seconds=60))]
            uow.commit()

    try:
        threads = [threading.Thread(target=worker, args=(name,)) for name in ("a", "b")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    finally:
        event.remove(engine, "after_cursor_execute", after_select)
    assert len(claimed["a"]) + len(claimed["b"]) == 4
    assert not set(claimed["a"]) & set(claimed["b"])


def test_two_worker_processes_deliver_every_referral_once(settings_env, tmp_path):
    url = settings_env
    partner = Partner(tmp_path)
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(ROOT), "PARTNER_DEMO_FUND_SECRET": SECRET,
           "PARTNER_DEMO_FUND_URL": partner.url + "/referrals", "REFERRAL_POLL_SECONDS": "0.05",
           "SQLALCHEMY_SILENCE_UBER_WARNING": "1"}
    bootstrap(url)
    workers = [subprocess.Popen([PYTHON, "-m", "bot.referrals.worker"], cwd=ROOT, env=env,
                                stdout=(tmp_path / f"worker-{i}.log").open("w"), stderr=subprocess.STDOUT) for i in range(2)]
    try:
        _consented_cases(url, 20, "two-workers")   # written while both workers poll
        deadline = time.time() + 60
        while time.time() < deadline:
            with unit_of_work(url) as uow:
                keys = _keys(uow)
            if keys and all(status == "delivered" for status in keys.values()):
                break
            time.sleep(0.3)
        assert len(keys) == 20 and set(keys.values()) == {"delivered"}
        received = partner.state()["received"]
        assert received == {key: 1 for key in keys}, {k: v for k, v in received.items() if v != 1}
        assert all(w.poll() is None for w in workers)   # both workers still running: both took part
    finally:
        for w in workers:
            w.terminate()
        for w in workers:
            w.wait(10)
        partner.stop()


def _keys(uow) -> dict[str, str]:
    from sqlalchemy import select

    from bot.store.models import ReferralRow

    return {row.key: row.status for row in uow.session.execute(select(ReferralRow)).scalars()}
