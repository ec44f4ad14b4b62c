"""Reading the audit trail: every change, who made it, when, before and after."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlmodel import col

from db import audit as audit_db
from db import blind as blind_db
from db import chain
from db.models import AuditEvent, iso_utc
from db.session import Database
from verify.errors import InputError


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


HIDDEN = "hidden: blind review"


def _blind(values: dict[str, Any] | None, viewer: str) -> dict[str, Any] | None:
    """``values`` with every verdict in it that is not ``viewer``'s hidden."""
    if values is None:
        return None
    if "rating" in values and values.get("analyst") not in (None, viewer):
        return {"verdict": HIDDEN}
    return {k: _blind(v, viewer) if isinstance(v, dict) else v for k, v in values.items()}


def history(
    db: Database, claim_id: int | None = None, limit: int = 200, viewer: str | None = None
) -> list[Event]:
    """The newest ``limit`` events (of one claim), oldest first.

    With ``viewer``: on claims still in blind review, other analysts' verdicts (their
    events, and the verdicts an event of the viewer's replaced) read ``hidden``.
    """
    if limit < 1:
        raise InputError(f"the limit must be 1 or more, not {limit}")
    with db.read() as session:
        found = audit_db.events(session, claim_id, limit)
        blind = blind_db.blind_view_of_claims(session, (e.claim_id for e in found), viewer)
    out = []
    for e in found:
        before, after = e.before, e.after
        if viewer is not None and e.claim_id in blind and e.entity == "verdict":
            if blind.hides(e.claim_id, e.analyst):
                before, after = ({"verdict": HIDDEN} if before else None), {"verdict": HIDDEN}
            else:
                before, after = _blind(before, viewer), _blind(after, viewer)
        out.append(
            Event(
                e.id or 0,
                e.at,
                e.analyst,
                e.action,
                e.entity,
                e.entity_id,
                e.claim_id,
                before,
                after,
            )
        )
    return out


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
        rows = session.scalars(select(AuditEvent).order_by(col(AuditEvent.id)))
        return [problem.problem for problem in chain.check(iter(rows))]
