"""The audit trail's hash chain on SQLite, where nothing stops a writer of the file.

Each event's ``hash`` is the SHA-256 of the previous event's hash and this event's
fields, and ids are given in sequence, so a changed row no longer matches its hash and
a removed row leaves a gap or a broken link. (PostgreSQL keeps the table insert-only
instead; see :mod:`db.security`.)
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, event, text
from sqlalchemy.orm import Mapper

from db.models import AuditEvent

_HEAD = "verify_audit_head"


def _moment(at: datetime | str) -> str:
    if isinstance(at, str):
        at = datetime.fromisoformat(at)
    if at.tzinfo is not None:
        at = at.astimezone(UTC).replace(tzinfo=None)
    return at.isoformat(" ", "microseconds")


def _plain(value: Any) -> Any:
    """A JSON value as it reads back from the database."""
    return None if value is None else json.loads(json.dumps(value, default=str))


def event_hash(previous: str, fields: dict[str, Any]) -> str:
    body = json.dumps(
        [
            previous,
            fields["id"],
            _moment(fields["at"]),
            fields["analyst"],
            fields["action"],
            fields["entity"],
            fields["entity_id"],
            fields["claim_id"],
            _plain(fields["before"]),
            _plain(fields["after"]),
        ],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()


def _fields(e: AuditEvent) -> dict[str, Any]:
    return {
        "id": e.id,
        "at": e.at,
        "analyst": e.analyst,
        "action": e.action,
        "entity": e.entity,
        "entity_id": e.entity_id,
        "claim_id": e.claim_id,
        "before": e.before,
        "after": e.after,
    }


def _chain_on_insert(_mapper: Mapper, connection: Connection, target: AuditEvent) -> None:
    if connection.dialect.name != "sqlite":
        return
    head = connection.info.get(_HEAD)
    if head is None:
        row = connection.execute(
            text("SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1")
        ).first()
        head = (row[0], row[1] or "") if row else (0, "")
    target.id = head[0] + 1
    target.hash = event_hash(head[1], _fields(target))
    connection.info[_HEAD] = (target.id, target.hash)


def forget_head(connection: Connection) -> None:
    """Drop the chain's remembered head: a new transaction reads it afresh."""
    connection.info.pop(_HEAD, None)


event.listen(AuditEvent, "before_insert", _chain_on_insert)


def rehash(connection: Connection) -> None:
    """Chain every existing event (the upgrade that brings in the chain)."""
    previous = ""
    rows = connection.execute(
        text(
            "SELECT id, at, analyst, action, entity, entity_id, claim_id, before, after "
            "FROM audit_event ORDER BY id"
        )
    ).mappings()
    updates = []
    for row in rows:
        fields = dict(row)
        fields["before"] = json.loads(row["before"]) if row["before"] else None
        fields["after"] = json.loads(row["after"]) if row["after"] else None
        previous = event_hash(previous, fields)
        updates.append({"id": row["id"], "h": previous})
    if updates:
        connection.execute(text("UPDATE audit_event SET hash = :h WHERE id = :id"), updates)


@dataclass(frozen=True)
class Break:
    """Where the chain does not hold: ``event_id`` and what is wrong there."""

    event_id: int
    problem: str


def check(rows: Iterator[AuditEvent]) -> list[Break]:
    """Every place the chain of ``rows`` (all events, by id) is broken."""
    out = []
    previous, expected_id = "", 1
    for e in rows:
        assert e.id is not None
        if e.id != expected_id:
            first, last = expected_id, e.id - 1
            gone = f"event {first}" if first == last else f"events {first}-{last}"
            out.append(Break(e.id, f"{gone} removed before event {e.id}"))
        if e.hash != event_hash(previous, _fields(e)):
            out.append(Break(e.id, f"event {e.id} was changed (its hash does not match)"))
        previous, expected_id = e.hash or "", e.id + 1
    return out
