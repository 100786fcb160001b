"""Re-encrypts every personal field with the newest data key and recomputes the keyed hashes.

Usage: DATA_KEY=<new>,<old> python -m bot.store.rotate_key   (then keep only <new>)
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm.attributes import flag_modified

from bot.services.bootstrap import unit_of_work
from bot.store.crypto import cipher
from bot.store.models import CaseRow, HouseholdRow

ENCRYPTED = {HouseholdRow: ("applicant_name", "phone", "id_number"), CaseRow: ("description", "facts", "transcript")}


def rotate(batch: int = 500) -> int:
    count = 0
    with unit_of_work() as uow:
        for model, columns in ENCRYPTED.items():
            for row in uow.session.execute(select(model).execution_options(yield_per=batch)).scalars():
                for column in columns:
                    flag_modified(row, column)  # decrypted with any key, written with the newest
                if model is HouseholdRow:
                    row.phone_hash = cipher().digest(row.phone)
                    row.id_hash = cipher().digest(row.id_number)
                count += 1
        uow.commit()
    return count


if __name__ == "__main__":
    print(f"re-encrypted {rotate()} rows")
