"""Errors the services raise for the web layer to translate (Refusal lives in bot.domain.casework)."""
from __future__ import annotations


class NotFound(Exception):
    """No such case, or not one this reader may see (the same answer for both)."""


class Forbidden(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
