"""The outbox worker: delivers pending referrals to HTTP partners, signed, with an idempotency key,
recording every attempt; retries with growing back-off, and hands a referral that keeps failing
(or that the partner refuses) to the caseworker. Run inside the web app or on its own:
`python -m bot.referrals.worker`."""
from __future__ import annotations

import json
import logging
import signal
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Callable

import requests

from bot.domain.referral import ReferralStatus
from bot.referrals import signing
from bot.http_client import CONNECT_TIMEOUT, make_session, post_json
from bot.services.referrals import catalogue
from bot.settings import get_settings
from bot.store.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    id: int
    key: str
    partner_id: str
    payload: dict[str, Any]
    created_at: datetime


def backoff(attempts: int) -> timedelta:
    settings = get_settings()
    return timedelta(seconds=min(settings.referral_retry_base_seconds * 2 ** max(attempts - 1, 0),
                                 settings.referral_retry_max_seconds))


def deliver_due(make_uow: Callable[[], UnitOfWork], session: requests.Session, batch: int = 20) -> int:
    """One pass: lease the due referrals (committed first, so a crash mid-delivery only delays
    them), deliver each, record the outcome. Returns how many were tried."""
    now, settings = datetime.utcnow(), get_settings()
    lease = timedelta(seconds=CONNECT_TIMEOUT * 3 + settings.referral_timeout_seconds + settings.referral_lease_margin_seconds)
    with make_uow() as uow:   # the lease outlasts one attempt (with the client's connection retries)
        jobs = [Job(r.id, r.key, r.partner_id, r.payload, r.created_at) for r in uow.referrals.claim_due(now, batch, lease)]
        uow.commit()
    for job in jobs:
        _deliver(make_uow, session, job)
    return len(jobs)


def _deliver(make_uow: Callable[[], UnitOfWork], session: requests.Session, job: Job) -> None:
    settings = get_settings()
    partner = catalogue().get(job.partner_id)
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
    _record(make_uow, job, code, error, (time.perf_counter() - started) * 1000)


def _record(make_uow: Callable[[], UnitOfWork], job: Job, code: int | None, error: str | None, ms: float) -> None:
    now = datetime.utcnow()
    with make_uow() as uow:
        row = uow.referrals.get(job.id)
        uow.referrals.add_attempt(referral_id=job.id, at=now, status_code=code, error=error, duration_ms=round(ms, 1))
        row.attempts += 1
        if row.status != ReferralStatus.PENDING.value:      # answered by a callback meanwhile, or cancelled
            uow.commit()
            return
        if error is None:
            row.status, row.delivered_at, row.next_attempt_at, row.last_error = ReferralStatus.DELIVERED.value, now, None, None
            uow.cases.record(row.case, "outbox", "referral_delivered", {"partner": job.partner_id, "attempts": row.attempts})
        else:
            row.last_error = error[:500]
            refused = code is not None and 400 <= code < 500 and code not in (408, 425, 429)
            give_up = now - job.created_at > timedelta(hours=get_settings().referral_give_up_hours)
            if refused or give_up:
                row.status, row.next_attempt_at = ReferralStatus.MANUAL.value, None
                uow.cases.record(row.case, "outbox", "referral_failed", {
                    "partner": job.partner_id, "attempts": row.attempts, "error": error,
                    "why": "对方拒收，请人工联系" if refused else "多次发送失败，请人工联系"})
            else:
                row.next_attempt_at = now + backoff(row.attempts)
        uow.commit()


def run(make_uow: Callable[[], UnitOfWork], stop: threading.Event) -> None:
    """Deliver until `stop` is set; a database or network outage is logged and waited out."""
    session = make_session()
    poll = get_settings().referral_poll_seconds
    next_purge = time.monotonic() + 60
    while not stop.is_set():
        if time.monotonic() >= next_purge:   # the tracker retention job, once a day
            next_purge = time.monotonic() + 86400
            _purge(make_uow)
        try:
            if deliver_due(make_uow, session) == 0:
                stop.wait(poll)
        except Exception as exc:  # keep the loop alive through outages; the outbox keeps the work
            log.warning("referral worker pass failed: %s", type(exc).__name__)
            stop.wait(max(poll, 2.0))


def _purge(make_uow: Callable[[], UnitOfWork]) -> None:
    from bot.services.retention import purge

    settings = get_settings()
    try:
        report = purge(settings.tracker_db_url, make_uow(), settings.retention_days)
        log.info("retention: %s", report)
    except Exception as exc:
        log.warning("retention pass failed: %s", type(exc).__name__)


def start_in_background(make_uow: Callable[[], UnitOfWork]) -> threading.Event:
    stop = threading.Event()
    threading.Thread(target=run, args=(make_uow, stop), name="referral-worker", daemon=True).start()
    return stop


def main() -> None:
    from bot import log_masking
    from bot.services.bootstrap import unit_of_work

    log_masking.install()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    unit_of_work()
    log.info("referral worker started")
    run(unit_of_work, stop)


if __name__ == "__main__":
    main()
