"""Publishers' reliability ratings: one row a publisher, set by the team."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlmodel import Session, col

from db.models import PublisherRating, Source, utcnow


def rating(session: Session, publisher: str) -> PublisherRating | None:
    return session.get(PublisherRating, publisher)


def set_rating(
    session: Session, publisher: str, level: str, note: str | None, analyst: str
) -> PublisherRating:
    """Rate ``publisher`` (replacing a rating it had); the caller owns the transaction."""
    row = session.get(PublisherRating, publisher)
    if row is None:
        row = PublisherRating(publisher=publisher, level=level, note=note, rated_by=analyst)
    else:
        row.level, row.note, row.rated_by, row.rated_at = level, note, analyst, utcnow()
    session.add(row)
    session.flush()
    return row


def source_count(session: Session, publisher: str) -> int:
    query = select(func.count()).select_from(Source).where(col(Source.publisher) == publisher)
    return int(session.scalar(query) or 0)


def publishers(
    session: Session,
) -> list[tuple[str, int, str | None, str | None, str | None, datetime | None]]:
    """(publisher, sources, level, note, rated_by, rated_at) of every publisher of a source
    and every rated one, by name."""
    counts = dict(
        session.execute(
            select(col(Source.publisher), func.count())
            .where(col(Source.publisher).is_not(None))
            .group_by(col(Source.publisher))
        ).all()
    )
    rated = {r.publisher: r for r in session.scalars(select(PublisherRating))}
    out = []
    for name in sorted(set(counts) | set(rated), key=str.casefold):
        r = rated.get(name)
        out.append(
            (
                name,
                int(counts.get(name, 0)),
                r.level if r else None,
                r.note if r else None,
                r.rated_by if r else None,
                r.rated_at if r else None,
            )
        )
    return out
