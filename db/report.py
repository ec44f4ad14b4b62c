"""Read queries for reports: everything an export needs, in a few queries."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlmodel import Session, col

from db.models import Article, Claim, EvidenceLink, Passage, PublisherRating, Source


def report_articles(session: Session, article_id: int | None = None) -> list[Article]:
    """The article with ``article_id`` (empty if there is none), or all, by id."""
    query = select(Article).order_by(col(Article.id))
    if article_id is not None:
        query = query.where(col(Article.id) == article_id)
    return list(session.scalars(query))


def evidence_by_claim(
    session: Session, article_id: int | None = None
) -> dict[int, list[tuple[EvidenceLink, Passage, Source, str | None]]]:
    """Every claim's evidence (of one article, or all), best score first, in one query."""
    query = (
        select(EvidenceLink, Passage, Source, PublisherRating.level)
        .join(Passage, col(Passage.id) == col(EvidenceLink.passage_id))
        .join(Source, col(Source.id) == col(Passage.source_id))
        .outerjoin(PublisherRating, col(PublisherRating.publisher) == col(Source.publisher))
        .order_by(
            col(EvidenceLink.claim_id),
            col(EvidenceLink.score).desc(),
            col(EvidenceLink.passage_id),
        )
    )
    if article_id is not None:
        query = query.join(Claim, col(Claim.id) == col(EvidenceLink.claim_id)).where(
            col(Claim.article_id) == article_id
        )
    found: dict[int, list[tuple[EvidenceLink, Passage, Source, str | None]]] = defaultdict(list)
    for link, passage, source, level in session.execute(query):
        found[link.claim_id].append((link, passage, source, level))
    return dict(found)
