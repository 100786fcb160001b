"""Referrals against a real HTTP partner on 127.0.0.1 (the demo partner process): consent first,
minimum data, signed delivery, 500s, timeouts, partner down then up, give-up to manual, callbacks
(duplicate, forged, unknown), and a worker killed mid-delivery."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
import requests

from bot.domain.casework import Role, Staff
from bot.referrals import signing
from bot.http_client import make_session
from bot.referrals.worker import deliver_due
from bot.services import referrals
from bot.services.bootstrap import bootstrap, unit_of_work
from bot.services.cases import case_status, submit_case
from bot.settings import get_settings
from tests.factories import submission
from tests.integration.servers import ROOT, DeskServer, _wait, free_port

SECRET = "test-partner-secret-0123456789"
PYTHON = str(ROOT / ".venv" / "bin" / "python")


class Partner:
    """The demo partner as its own process; stop() and start() on the same port."""

    def __init__(self, workdir: Path, callback_url: str | None = None):
        self.port, self.workdir, self.callback_url = free_port(), workdir, callback_url
        self.url = f"http://127.0.0.1:{self.port}"
        self.start()

    def start(self) -> None:
        env = {**os.environ, "PARTNER_DEMO_FUND_SECRET": SECRET, "PYTHONPATH": str(ROOT)}
        if self.callback_url:
            env["DEMO_PARTNER_CALLBACK_URL"] = self.callback_url
        log = self.workdir / f"partner-{self.port}.log"
        self.proc = subprocess.Popen([PYTHON, "-m", "bot.referrals.demo_partner", str(self.port)], env=env, cwd=ROOT,
                                     stdout=log.open("a"), stderr=subprocess.STDOUT)
        _wait(self.url + "/state", 30, self.proc, log)

    def stop(self) -> None:
        self.proc.kill()
        self.proc.wait()

    def control(self, **settings) -> None:
        requests.post(self.url + "/control", json=settings, timeout=5)

    def state(self) -> dict:
        return requests.get(self.url + "/state", timeout=5).json()


@pytest.fixture
def env(settings_env, monkeypatch, tmp_path):
    partner = Partner(tmp_path)
    for name, value in {"PARTNER_DEMO_FUND_SECRET": SECRET, "PARTNER_DEMO_FUND_URL": partner.url + "/referrals",
                        "REFERRAL_RETRY_BASE_SECONDS": "0", "REFERRAL_TIMEOUT_SECONDS": "1",
                        "REFERRAL_LEASE_MARGIN_SECONDS": "0"}.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    yield settings_env, partner
    partner.stop()
    get_settings.cache_clear()


def fire_case(url: str, key: str = "ref-1", consent: bool | None = True) -> str:
    number = submit_case(bootstrap(url), submission(key)).case_number
    if consent is not None:
        referrals.record_consent(bootstrap(url), number, consent, "resident")
    return number


def referral(url: str, number: str, partner_id: str = "demo-fund"):
    with unit_of_work(url) as uow:
        case = uow.cases.by_number(number)
        row = next(r for r in uow.referrals.of_case(case.id) if r.partner_id == partner_id)
        return {"status": row.status, "attempts": row.attempts, "key": row.key, "payload": row.payload,
                "events": [e.kind for e in uow.cases.events_of(case)]}


def pump(url: str, passes: int = 10) -> None:
    session = make_session()
    for _ in range(passes):
        deliver_due(bootstrap(url), session)


def test_without_consent_nothing_leaves(env):
    url, partner = env
    number = fire_case(url, consent=False)
    pump(url, 2)
    assert partner.state()["requests"] == 0
    with unit_of_work(url) as uow:
        assert uow.referrals.of_case(uow.cases.by_number(number).id) == []
    staff = Staff("clerk", "经办人", Role.TOWNSHIP, "411024", "马栏镇")
    with pytest.raises(Exception) as refused:
        referrals.add_referral(bootstrap(url), staff, number, "demo-fund")
    assert getattr(refused.value, "code", "") == "no_consent"


def test_a_consented_referral_is_delivered_signed_once_with_the_minimum_data(env):
    url, partner = env
    number = fire_case(url)
    pump(url)
    state, sent = partner.state(), referral(url, number)
    assert sent["status"] == "delivered" and sent["attempts"] == 1 and state["received"] == {sent["key"]: 1}
    assert "id_number" not in sent["payload"] and sent["payload"]["phone"] == "13812345678"
    assert "referral_delivered" in sent["events"]


def test_500s_are_retried_until_the_partner_takes_it(env):
    url, partner = env
    partner.control(fail_next=2)
    number = fire_case(url)
    pump(url)
    sent = referral(url, number)
    assert sent["status"] == "delivered" and sent["attempts"] == 3 and partner.state()["received"] == {sent["key"]: 1}


def test_a_timeout_is_retried_and_an_idempotent_partner_keeps_one(env):
    url, partner = env
    partner.control(delay=2)   # longer than the 1 s read timeout
    number = fire_case(url)
    pump(url, 1)
    assert referral(url, number)["status"] == "pending"
    partner.control(delay=0)
    pump(url, 3)                # a failed attempt is due again after its back-off (0 s here), not after the lease
    sent = referral(url, number)
    assert sent["status"] == "delivered" and partner.state()["received"][sent["key"]] >= 2
    assert len(partner.state()["received"]) == 1


def test_a_partner_down_gets_the_referral_when_it_is_back(env):
    url, partner = env
    partner.stop()
    number = fire_case(url)
    pump(url, 2)
    assert referral(url, number)["status"] == "pending"
    partner.start()
    pump(url, 3)
    sent = referral(url, number)
    assert sent["status"] == "delivered" and partner.state()["received"] == {sent["key"]: 1}


def test_a_referral_failing_too_long_or_refused_goes_to_the_caseworker(env, monkeypatch):
    url, partner = env
    monkeypatch.setenv("REFERRAL_GIVE_UP_HOURS", "0")
    get_settings.cache_clear()
    partner.stop()
    number = fire_case(url)
    pump(url, 1)
    failed = referral(url, number)
    assert failed["status"] == "manual" and "referral_failed" in failed["events"]
    partner.start()
    monkeypatch.setenv("REFERRAL_GIVE_UP_HOURS", "48")
    monkeypatch.setenv("PARTNER_DEMO_FUND_SECRET", "a-wrong-secret")    # the partner answers 401
    get_settings.cache_clear()
    refused = fire_case(url, "ref-2")
    pump(url, 1)
    assert referral(url, refused)["status"] == "manual" and referral(url, refused)["attempts"] == 1


def _signed(body: dict, secret: str = SECRET, at: float | None = None) -> tuple[bytes, dict]:
    data = json.dumps(body).encode()
    return data, {"Content-Type": "application/json", **signing.headers(secret, data, at)}


def test_callbacks_are_checked_and_repeats_change_nothing(env, tmp_path):
    url, partner = env
    desk = DeskServer(tmp_path, url, {"REFERRAL_WORKER_IN_WEB": "0", "PARTNER_DEMO_FUND_SECRET": SECRET})
    try:
        number = fire_case(url)
        pump(url)
        key = referral(url, number)["key"]
        callback = desk.url + "/api/partners/demo-fund/callback"
        answer = {"reference": key, "status": "helped", "amount": 2000, "note": "已发放2000元"}
        first = requests.post(callback, data=_signed(answer)[0], headers=_signed(answer)[1], timeout=10)
        assert first.status_code == 200 and first.json()["changed"] is True
        again = requests.post(callback, data=_signed(answer)[0], headers=_signed(answer)[1], timeout=10)
        assert again.status_code == 200 and again.json()["changed"] is False
        older = {"reference": key, "status": "received"}
        assert requests.post(callback, data=_signed(older)[0], headers=_signed(older)[1], timeout=10).json()["changed"] is False
        forged = requests.post(callback, data=_signed(answer, "guess")[0], headers=_signed(answer, "guess")[1], timeout=10)
        assert forged.status_code == 401
        stale = requests.post(callback, data=_signed(answer, at=time.time() - 3600)[0],
                              headers=_signed(answer, at=time.time() - 3600)[1], timeout=10)
        assert stale.status_code == 401
        unknown = {"reference": "0" * 32, "status": "accepted"}
        assert requests.post(callback, data=_signed(unknown)[0], headers=_signed(unknown)[1], timeout=10).status_code == 404
        other_partner = desk.url + "/api/partners/nobody/callback"
        assert requests.post(other_partner, data=_signed(answer)[0], headers=_signed(answer)[1], timeout=10).status_code == 404
        junk = requests.post(callback, data=b"{oops", headers=signing.headers(SECRET, b"{oops"), timeout=10)
        assert junk.status_code == 422
        view = case_status(bootstrap(url), number, "13812345678")
        assert view.referrals and "对方已帮扶" in view.referrals[0]
        events = referral(url, number)["events"]
        assert events.count("referral_answered") == 1
    finally:
        desk.stop()


def test_the_whole_loop_with_the_worker_in_the_web_app_and_partner_callbacks(settings_env, tmp_path):
    url = settings_env
    desk_port = free_port()
    partner = Partner(tmp_path, callback_url=f"http://127.0.0.1:{desk_port}/api/partners/demo-fund/callback")
    desk = DeskServer(tmp_path, url, {"PARTNER_DEMO_FUND_SECRET": SECRET, "PARTNER_DEMO_FUND_URL": partner.url + "/referrals"},
                      port=desk_port)
    try:
        number = fire_case(url)
        deadline = time.time() + 20
        while time.time() < deadline and referral(url, number)["status"] != "accepted":
            time.sleep(0.2)
        assert referral(url, number)["status"] == "accepted", referral(url, number)
    finally:
        desk.stop()
        partner.stop()


def test_a_worker_killed_mid_delivery_loses_nothing(env, tmp_path):
    url, partner = env
    partner.control(delay=2.5)
    number = fire_case(url)
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "DATABASE_URL": url, "REFERRAL_TIMEOUT_SECONDS": "5"}
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen([PYTHON, "-m", "bot.referrals.worker"], env=environment, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 30
    while time.time() < deadline and not partner.state()["received"]:
        time.sleep(0.1)
    assert partner.state()["received"], "the worker never reached the partner"
    worker.send_signal(signal.SIGKILL)     # mid-delivery: the partner has it, we never heard back
    worker.wait()
    assert referral(url, number)["status"] == "pending"
    partner.control(delay=0)
    restarted = subprocess.Popen([PYTHON, "-m", "bot.referrals.worker"], env=environment, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 40
        while time.time() < deadline and referral(url, number)["status"] != "delivered":
            time.sleep(0.2)
        sent = referral(url, number)
        assert sent["status"] == "delivered"
        assert list(partner.state()["received"]) == [sent["key"]]   # one referral at the partner, delivered twice at most
    finally:
        restarted.terminate()
        restarted.wait(timeout=10)
