"""The audit trail: events appended, listed, and followed for changes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlmodel import Session, col

from db.models import (
    AuditEvent,
)


def record_event(
    session: Session,
    analyst: str,
    action: str,
    entity: str,
    entity_id: int | None,
    claim_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Append one AuditEvent in the caller's transaction."""
    session.add(
        AuditEvent(
            analyst=analyst,
            action=action,
            entity=entity,
            entity_id=entity_id,
            claim_id=claim_id,
            before=before,
            after=after,
        )
    )


def events(session: Session, claim_id: int | None = None, limit: int = 200) -> list[AuditEvent]:
    """The newest ``limit`` audit events (of one claim), oldest first."""
    query = select(AuditEvent).order_by(col(AuditEvent.id).desc()).limit(limit)
    if claim_id is not None:
        query = query.where(col(AuditEvent.claim_id) == claim_id)
    return list(reversed(list(session.scalars(query))))


def label_events(session: Session, claim_ids: Sequence[int]) -> list[AuditEvent]:
    """The label and undo events of the given claims, oldest first."""
    return list(
        session.scalars(
            select(AuditEvent)
            .where(
                col(AuditEvent.claim_id).in_(list(claim_ids)),
                col(AuditEvent.action).in_(("label", "undo")),
            )
            .order_by(col(AuditEvent.id))
        )
    )


def last_event_id(session: Session) -> int:
    return int(session.scalar(select(func.max(col(AuditEvent.id)))) or 0)


def events_after(session: Session, event_id: int, limit: int = 500) -> list[Any]:
    """(id, at, analyst, action, entity, claim_id) of audit events after ``event_id``."""
    return list(
        session.execute(
            select(
                col(AuditEvent.id),
                col(AuditEvent.at),
                col(AuditEvent.analyst),
                col(AuditEvent.action),
                col(AuditEvent.entity),
                col(AuditEvent.claim_id),
            )
            .where(col(AuditEvent.id) > event_id)
            .order_by(col(AuditEvent.id))
            .limit(limit)
        )
    )


_LAST_EVENT = (
    select(col(AuditEvent.analyst), col(AuditEvent.at))
    .where(col(AuditEvent.claim_id) == bindparam("claim_id"))
    .order_by(col(AuditEvent.id).desc())
    .limit(1)
)


def last_claim_event(session: Session, claim_id: int) -> Any:
    """(analyst, at) of the newest audit event on a claim, or None."""
    return session.execute(_LAST_EVENT, {"claim_id": claim_id}).first()
