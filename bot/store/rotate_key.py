"""Store command: re-encrypts every personal field with the newest data key and recomputes the
keyed hashes. It needs no service: settings, the key and the engine are all it uses.

Usage: DATA_KEY=<new>,<old> python -m bot.store.rotate_key   (then keep only <new>)
"""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm.attributes import flag_modified

from bot.settings import get_settings
from bot.store import crypto
from bot.store.db import migrate, session_factory
from bot.store.document_models import DocumentRow
from bot.store.models import CallRow, CaseEventRow, CaseRow, HouseholdRow, ReferralRow
from bot.store.outreach_models import RosterEntryRow
from bot.store.tracker_events import TrackerEvents

ENCRYPTED = {HouseholdRow: ("applicant_name", "phone", "id_number"),
             CaseRow: ("description", "facts", "transcript", "info_request"),
             CaseEventRow: ("data",), ReferralRow: ("payload",), CallRow: ("facts", "transcript"),
             RosterEntryRow: ("id_number", "name"), DocumentRow: ("file_name", "content", "delete_reason")}


def rotate(batch: int = 500, database_url: str | None = None, tracker_url: str | None = None) -> int:
    """Re-encrypt with the first configured key, the conversations in Rasa's tracker store too;
    returns the households and cases rewritten."""
    settings = get_settings()
    cipher = crypto.FieldCipher(crypto.load_or_create_keys(settings.data_key, Path(settings.data_key_file)))
    crypto.configure(cipher)
    url = database_url or settings.database_url
    migrate(url)
    count = 0
    with session_factory(url)() as session:
        for model, columns in ENCRYPTED.items():
            for row in session.execute(select(model).execution_options(yield_per=batch)).scalars():
                for column in columns:
                    flag_modified(row, column)  # decrypted with any key, written with the newest
                if model is HouseholdRow:
                    row.phone_hash = cipher.digest(row.phone)
                    row.id_hash = cipher.digest(row.id_number)
                elif model is RosterEntryRow:
                    row.id_hash = cipher.digest(row.id_number)
                count += model in (HouseholdRow, CaseRow)
        session.commit()
    tracker = TrackerEvents(tracker_url or settings.tracker_db_url)
    if tracker.exists():
        tracker.reseal(batch)
    return count


if __name__ == "__main__":
    print(f"re-encrypted {rotate()} rows")
