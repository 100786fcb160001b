"""Errors the services raise for the web layer to translate (Refusal lives in bot.domain.casework;
Conflict, a write that lost a race, comes from the store and is re-exported here)."""
from __future__ import annotations

from bot.store.repository import Conflict  # noqa: F401  (re-exported for the web layer)


class NotFound(Exception):
    """No such case, or not one this reader may see (the same answer for both)."""


class Forbidden(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
