"""Work queues: the claims assigned to each analyst that still wait for their verdict."""

from __future__ import annotations

from dataclasses import dataclass

from db import claims as claim_db
from db import verdicts as verdict_db
from db.session import Database


@dataclass(frozen=True)
class QueueItem:
    claim_id: int
    article_id: int
    text: str
    speaker: str | None


@dataclass(frozen=True)
class Queue:
    analyst: str
    open: tuple[QueueItem, ...]
    """Assigned to the analyst, in the review, without a verdict of theirs."""
    done: int
    """Assigned to the analyst and judged by them."""


@dataclass(frozen=True)
class Queues:
    queues: tuple[Queue, ...]
    unassigned: int
    """Open claims nobody has taken (``verify assign --next`` takes one)."""


def queues(db: Database, analyst: str | None = None) -> Queues:
    """Each analyst's queue (or only ``analyst``'s), by name."""
    with db.read() as session:
        claims = claim_db.assigned_claims(session, analyst)
        authors = verdict_db.verdict_authors(session, [c.id for c in claims if c.id is not None])
        unassigned = claim_db.unassigned_open(session)
    by_analyst: dict[str, tuple[list[QueueItem], list[int]]] = {}
    if analyst is not None:
        by_analyst[analyst] = ([], [])
    for c in claims:
        name = c.assigned_to or ""
        todo, done = by_analyst.setdefault(name, ([], []))
        if name in authors.get(c.id or 0, set()):
            done.append(c.id or 0)
        else:
            todo.append(QueueItem(c.id or 0, c.article_id, c.text, c.speaker))
    return Queues(
        tuple(
            Queue(name, tuple(todo), len(done)) for name, (todo, done) in sorted(by_analyst.items())
        ),
        unassigned,
    )
