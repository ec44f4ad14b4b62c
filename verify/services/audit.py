"""Reading the audit trail: every change, who made it, when, before and after."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from db import team as store
from db.models import iso_utc
from db.session import Database


@dataclass(frozen=True)
class Event:
    id: int
    at: datetime
    analyst: str
    action: str
    entity: str
    entity_id: int | None
    claim_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    def line(self) -> str:
        """One line for `verify log`."""
        target = f"{self.entity} {self.entity_id}" if self.entity_id is not None else self.entity
        claim = f" claim {self.claim_id}" if self.claim_id is not None else ""
        change = f"{_brief(self.before)} -> {_brief(self.after)}"
        return f"{iso_utc(self.at)}  {self.analyst:<12} {self.action:<10} {target}{claim}: {change}"


def _brief(values: dict[str, Any] | None) -> str:
    if values is None:
        return "-"
    return json.dumps(values, ensure_ascii=False, default=str)


def history(db: Database, claim_id: int | None = None, limit: int = 200) -> list[Event]:
    with db.read() as session:
        return [
            Event(
                e.id or 0,
                e.at,
                e.analyst,
                e.action,
                e.entity,
                e.entity_id,
                e.claim_id,
                e.before,
                e.after,
            )
            for e in store.events(session, claim_id, limit)
        ]
