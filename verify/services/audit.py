"""Reading the audit trail: every change, who made it, when, before and after."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, text

from db import chain
from db import team as store
from db.models import AuditEvent, iso_utc
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


def check_trail(db: Database) -> list[str]:
    """What in the audit trail was changed or removed, one line each (none: intact).

    SQLite: the hash chain of every event is recomputed. PostgreSQL keeps the table
    insert-only (grants and a trigger), so there is nothing to recompute; the trigger
    is checked to be in place.
    """
    with db.read() as session:
        if db.dialect == "postgresql":
            present = session.execute(
                text(
                    "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'audit_event'::regclass "
                    "AND tgname IN ('audit_insert_only', 'audit_no_truncate')"
                )
            ).scalar_one()
            return [] if present == 2 else ["the audit table's insert-only trigger is missing"]
        rows = session.scalars(select(AuditEvent).order_by(AuditEvent.id))
        return [problem.problem for problem in chain.check(iter(rows))]
