"""A hotline call on the operator console (接线员实时辅助): the facts understood so far, with their
provenance, and what was said, until the operator turns it into a case."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.domain.casework import Refusal


@dataclass
class Call:
    operator: str
    id: int | None = None
    status: str = "open"
    facts: dict[str, Any] = field(default_factory=lambda: {"values": {}, "provenance": {}})
    transcript: list[dict[str, Any]] = field(default_factory=list)
    case_number: str | None = None
    created_at: datetime | None = None

    def ensure_open(self) -> None:
        if self.status != "open":
            raise Refusal("closed", "这通电话已经生成案件")

    def said(self, line: dict[str, Any]) -> None:
        self.transcript = list(self.transcript or []) + [line]

    def became_case(self, case_number: str) -> None:
        self.case_number, self.status = case_number, "closed"
