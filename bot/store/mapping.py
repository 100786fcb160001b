"""The repositories' one way to map: domain objects in, rows written, rows remembered per unit of
work so that `save` writes back to the row the object was loaded from."""
from __future__ import annotations

from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from bot.store.errors import Conflict


class IdentityMap:
    """The rows a repository handed out as domain objects in this session, by (model, id)."""

    def __init__(self, session: Session):
        self.session = session
        self._rows: dict[tuple[type, int], Any] = {}

    def remember(self, row: Any) -> Any:
        self._rows[(type(row), row.id)] = row
        return row

    def insert(self, row: Any) -> Any:
        """Add the row and flush it, so it has its id and defaults (created_at). The flush also writes
        pending changes: a case another transaction changed meanwhile is a Conflict here too."""
        self.session.add(row)
        try:
            self.session.flush()
        except StaleDataError as exc:
            raise Conflict("stale") from exc
        except IntegrityError as exc:
            raise Conflict(str(exc.orig)) from exc
        return self.remember(row)

    def write(self, model: type, obj: Any, names: tuple[str, ...]) -> Any:
        """Copy the changed attributes of `obj` onto its row; returns the row."""
        row = self._rows.get((model, obj.id)) or self.remember(self.session.get(model, obj.id))
        for name in names:
            if getattr(row, name) != getattr(obj, name):
                setattr(row, name, getattr(obj, name))
        return row
