"""The outbox worker: delivers pending referrals to HTTP partners, signed, with an idempotency key,
recording every attempt; retries with growing back-off, and hands a referral that keeps failing
(or that the partner refuses) to the caseworker. Each pass also sends the residents' WeChat
messages about their cases (bot.services.notices). Run inside the web app or on its own:
`python -m bot.referrals.worker`."""
from __future__ import annotations

import json
import logging
import signal
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import requests

from bot.domain.case import Event
from bot.http_client import CONNECT_TIMEOUT, make_session, post_json
from bot.channels.wechat_api import CustomerServiceSender
from bot.referrals import signing
from bot.services import notices
from bot.services.bootstrap import Deps, bootstrap
from bot.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    id: int
    key: str
    partner_id: str
    payload: dict[str, Any]
    created_at: datetime


def backoff(settings: Settings, attempts: int) -> timedelta:
    return timedelta(seconds=min(settings.referral_retry_base_seconds * 2 ** max(attempts - 1, 0),
                                 settings.referral_retry_max_seconds))


def deliver_due(deps: Deps, session: requests.Session, batch: int = 20) -> int:
    """One pass: lease the due referrals (committed first, so a crash mid-delivery only delays
    them), deliver each, record the outcome. Returns how many were tried."""
    now, settings = datetime.utcnow(), deps.settings
    lease = timedelta(seconds=CONNECT_TIMEOUT * 3 + settings.referral_timeout_seconds + settings.referral_lease_margin_seconds)
    with deps.uow() as uow:   # the lease outlasts one attempt (with the client's connection retries)
        jobs = [Job(r.id, r.key, r.partner_id, r.payload, r.created_at) for r in uow.referrals.claim_due(now, batch, lease)]
        uow.commit()
    for job in jobs:
        _deliver(deps, session, job)
    return len(jobs)


def _deliver(deps: Deps, session: requests.Session, job: Job) -> None:
    settings = deps.settings
    partner = deps.partners.get(job.partner_id)
    code, error, started = None, None, time.perf_counter()
    secret = settings.secret(partner.secret_env) if partner else None
    if partner is None:
        error = "partner no longer in the catalogue"
    elif not secret:
        error = f"secret {partner.secret_env} is not set"
    else:
        body = json.dumps({"reference": job.key, "partner_id": partner.id, "referral": job.payload},
                          ensure_ascii=False).encode()
        url = settings.secret(partner.url_env) or partner.url
        try:
            response = post_json(session, url, body, {**signing.headers(secret, body), "Idempotency-Key": job.key},
                                 settings.referral_timeout_seconds)
            code = response.status_code
            error = None if 200 <= code < 300 else f"HTTP {code}"
        except requests.RequestException as exc:
            error = type(exc).__name__
    _record(deps, job, code, error, (time.perf_counter() - started) * 1000)


def _record(deps: Deps, job: Job, code: int | None, error: str | None, ms: float) -> None:
    """The attempt, and what the referral makes of it (delivered, retry later, or to the caseworker)."""
    now = datetime.utcnow()
    refused = code is not None and 400 <= code < 500 and code not in (408, 425, 429)
    give_up = now - job.created_at > timedelta(hours=deps.settings.referral_give_up_hours)
    with deps.uow() as uow:
        referral = uow.referrals.get(job.id)
        uow.referrals.add_attempt(referral_id=job.id, at=now, status_code=code, error=error, duration_ms=round(ms, 1))
        happened = referral.attempted(now, error, refused, give_up, now + backoff(deps.settings, referral.attempts + 1))
        uow.referrals.save(referral)
        if happened:
            uow.cases.add_event(referral.case_id, Event(happened[0], "outbox", happened[1]))
        uow.commit()


def run(deps: Deps, stop: threading.Event) -> None:
    """Deliver until `stop` is set; a database or network outage is logged and waited out."""
    session = make_session()
    poll = deps.settings.referral_poll_seconds
    wechat = _wechat_sender(deps)
    next_purge = time.monotonic() + 60
    while not stop.is_set():
        if time.monotonic() >= next_purge:   # the tracker retention job, once a day
            next_purge = time.monotonic() + 86400
            _purge(deps)
        try:
            tried = deliver_due(deps, session) + (notices.deliver_due(deps, wechat) if wechat else 0)
            if tried == 0:
                stop.wait(poll)
        except Exception as exc:  # keep the loop alive through outages; the outbox keeps the work
            log.warning("referral worker pass failed: %s", type(exc).__name__)
            stop.wait(max(poll, 2.0))


def _wechat_sender(deps: Deps) -> CustomerServiceSender | None:
    """The WeChat API client for messages to residents, when WeChat is configured (one attempt per
    pass: the outbox retries)."""
    app_id = deps.settings.secret("WECHAT_APP_ID")
    if not app_id:
        return None
    return CustomerServiceSender(deps.settings.wechat_api_base, app_id, deps.settings.secret("WECHAT_APP_SECRET") or "", attempts=1)


def _purge(deps: Deps) -> None:
    from bot.services.retention import purge

    try:
        log.info("retention: %s", purge(deps, deps.settings.retention_days))
    except Exception as exc:
        log.warning("retention pass failed: %s", type(exc).__name__)


def start_in_background(deps: Deps) -> threading.Event:
    stop = threading.Event()
    threading.Thread(target=run, args=(deps, stop), name="referral-worker", daemon=True).start()
    return stop


def main() -> None:
    from bot import log_masking

    log_masking.install()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    deps = bootstrap()
    log.info("referral worker started")
    run(deps, stop)


if __name__ == "__main__":
    main()
