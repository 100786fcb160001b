"""The store's one error the services see: a write that lost a race or broke a uniqueness rule."""
from __future__ import annotations


class Conflict(Exception):
    """A write broke a uniqueness rule (the same intake saved by two requests) or changed a case
    another transaction changed since it was read (the version check)."""
