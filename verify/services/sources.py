"""Publishers and how far the team relies on them: ``verify source rate|list``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from db import ratings as rating_db
from db.audit import record_event
from db.session import Database
from verify.errors import InputError
from verify.match.reliability import LEVEL_NAMES, LEVELS
from verify.sanitize import clean_line


@dataclass(frozen=True)
class PublisherRow:
    publisher: str
    sources: int
    level: str | None
    note: str | None
    rated_by: str | None
    rated_at: datetime | None

    @property
    def level_name(self) -> str:
        return LEVEL_NAMES[self.level] if self.level else "not rated"


def rate_publisher(
    db: Database, publisher: str, level: str, note: str | None = None, analyst: str = "verify"
) -> PublisherRow:
    """Rate a publisher (by its name as sources carry it); the change is audited."""
    name = clean_line(publisher)[:2000]
    if not name:
        raise InputError("give the publisher's name")
    if level not in LEVELS:
        raise InputError(f"unknown level {clean_line(level)[:40]!r}; one of {', '.join(LEVELS)}")
    text = clean_line(note)[:2000] if note else None
    with db.write() as session:
        old = rating_db.rating(session, name)
        before = {"level": old.level, "note": old.note} if old else None
        row = rating_db.set_rating(session, name, level, text or None, analyst)
        record_event(
            session,
            analyst,
            "rate",
            "publisher",
            None,
            None,
            before,
            {"publisher": name, "level": level, "note": text or None},
        )
        count = rating_db.source_count(session, name)
        return PublisherRow(name, count, row.level, row.note, row.rated_by, row.rated_at)


def publishers(db: Database) -> list[PublisherRow]:
    """Every publisher of a source and every rated one, by name."""
    with db.read() as session:
        return [PublisherRow(*row) for row in rating_db.publishers(session)]
