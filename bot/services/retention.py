"""Retention of what residents typed (Rasa's tracker store, whose event data is encrypted: see
bot.store.rasa_tracker): once a case holds the phone and ID number, they are masked in the
conversation's events (decrypted, masked, encrypted again: encryption protects the copy at rest,
masking removes a copy nobody needs any more, which matters to whoever holds the key — the Rasa
server, its tracker API, a restored backup); conversations idle for longer than the retention
period (default 180 days) are deleted when every case they produced is closed; conversations that
produced no case (abandoned intakes, status questions, chat) after NO_CASE_RETENTION_DAYS (7), or
the retention period when that is shorter, and so do late WeChat answers that waited in the notices
outbox without a case once they went out. Run: `make purge` (python -m bot.services.retention);
the referral worker also runs it once a day.
"""
from __future__ import annotations

import logging
import sys
import time
from dataclasses import dataclass
from datetime import datetime

from bot.log_masking import mask
from bot.services.bootstrap import Deps, bootstrap
from bot.store.tracker_events import TrackerEvents

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PurgeReport:
    conversations: int
    redacted_events: int
    deleted_conversations: int
    deleted_answers: int = 0      # late WeChat answers kept in the notices outbox without a case


def purge(deps: Deps, retention_days: int, now: float | None = None, tracker_url: str | None = None,
          no_case_days: float | None = None) -> PurgeReport:
    now = now if now is not None else time.time()
    no_case_days = min(retention_days, deps.settings.no_case_retention_days if no_case_days is None else no_case_days)
    with deps.uow() as uow:
        answers = uow.notices.delete_answers(datetime.utcfromtimestamp(now - no_case_days * 86400))
        uow.commit()
    store = TrackerEvents(tracker_url or deps.settings.tracker_db_url)
    if not store.exists():
        return PurgeReport(0, 0, 0, answers)
    redacted = deleted = 0
    senders = store.senders()
    for sender_id, last_event in senders:
        with deps.uow() as uow:
            statuses = uow.cases.statuses_of_sender(sender_id)
        keep_days = retention_days if statuses else no_case_days
        if now - last_event > keep_days * 86400 and all(s == "closed" for s in statuses):
            store.delete_sender(sender_id)
            deleted += 1
            continue
        if statuses:   # the case holds the numbers now: mask them in what was typed
            changes = {event_id: masked for event_id, data in store.rows(sender_id)
                       if data and (masked := mask(data)) != data}
            store.rewrite(changes)
            redacted += len(changes)
    return PurgeReport(len(senders), redacted, deleted, answers)


def main(argv: list[str]) -> int:
    deps = bootstrap()
    days = int(argv[argv.index("--days") + 1]) if "--days" in argv else deps.settings.retention_days
    report = purge(deps, days)
    print(f"conversations {report.conversations}, events redacted {report.redacted_events}, "
          f"conversations deleted {report.deleted_conversations}, late answers deleted {report.deleted_answers} "
          f"(retention {days} days)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
