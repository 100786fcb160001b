"""Masks ID numbers and phone numbers in every log line of a process (PIPL: logs must not carry
them). Installed as the LogRecord factory, so it covers stdlib logging and structlog (which Rasa
routes through stdlib), whatever handlers are configured later.
"""
from __future__ import annotations

import logging
import re

_ID = re.compile(r"(?<![0-9])([1-9][0-9]{3})[0-9]{10}([0-9]{3}[0-9Xx])(?![0-9])")
_PHONE = re.compile(r"(?<![0-9])(1[3-9][0-9])[0-9]{4}([0-9]{4})(?![0-9])")
_installed = False


def mask(text: str) -> str:
    """4110**********0014 and 138****5678 style masks."""
    text = _ID.sub(lambda m: m.group(1) + "*" * 10 + m.group(2), text)
    return _PHONE.sub(lambda m: m.group(1) + "****" + m.group(2), text)


def install() -> None:
    global _installed
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args, **kwargs) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a malformed log call: leave it to logging's own error handling
            return record
        masked = mask(message)
        if masked != message:
            record.msg, record.args = masked, None
        return record

    logging.setLogRecordFactory(factory)
    _installed = True
