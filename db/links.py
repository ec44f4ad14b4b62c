"""Claim-passage links: the machine's matches and the analysts' labels on them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import String, bindparam, case, cast, delete, func, insert, select, update
from sqlmodel import Session, col

from db.claims import column_rows, in_review, scoped
from db.models import (
    Claim,
    EvidenceLink,
    Passage,
    PublisherRating,
    Source,
)


def link_summary(
    session: Session, article_id: int | None = None, ids: Sequence[int] | None = None
) -> list[tuple[int, str, int, float | None]]:
    """(claim id, text, passages linked, best score) per claim in the review, in order."""
    links = (
        select(
            col(EvidenceLink.claim_id),
            func.count().label("n"),
            func.max(col(EvidenceLink.score)).label("best"),
        )
        .group_by(col(EvidenceLink.claim_id))
        .subquery()
    )
    query = in_review(
        select(col(Claim.id), col(Claim.text), func.coalesce(links.c.n, 0), links.c.best).outerjoin(
            links, links.c.claim_id == col(Claim.id)
        ),
        article_id,
        ids,
    )
    rows = session.execute(query)
    return [(int(i), t, int(n), None if b is None else float(b)) for i, t, n, b in rows]


def store_links(session: Session, claim_id: int, links: Sequence[dict[str, Any]]) -> None:
    """Make the machine's links for a claim exactly ``links``, keeping analysts' labels.

    A link an analyst has labelled stays even when it falls out of the top; its score
    and hint are refreshed when it is still ranked.
    """
    existing = {
        link.passage_id: link
        for link in session.scalars(
            select(EvidenceLink).where(col(EvidenceLink.claim_id) == claim_id)
        )
    }
    wanted = {row["passage_id"] for row in links}
    stale = [link.id for pid, link in existing.items() if pid not in wanted and link.stance is None]
    if stale:
        session.execute(delete(EvidenceLink).where(col(EvidenceLink.id).in_(stale)))
    fresh = []
    for row in links:
        link = existing.get(row["passage_id"])
        if link is None:
            fresh.append({**row, "claim_id": claim_id})
        else:
            session.execute(
                update(EvidenceLink).where(col(EvidenceLink.id) == link.id).values(**row)
            )
    if fresh:
        session.execute(insert(EvidenceLink), fresh)


def _evidence_query(article_id: int | None, claim_ids: Sequence[int] | None) -> Any:
    """Links with their passage, source and publisher's rating, by claim, best first."""
    query = (
        select(EvidenceLink, Passage, Source, col(PublisherRating.level))
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
    if claim_ids is not None:
        query = query.where(col(EvidenceLink.claim_id).in_(list(claim_ids)))
    return query


def evidence(session: Session, claim_id: int) -> list[tuple[EvidenceLink, Passage, Source]]:
    """A claim's evidence, best score first."""
    rows = session.execute(_evidence_query(None, [claim_id]))
    return [(link, passage, source) for link, passage, source, _level in rows]


def evidence_by_claim(
    session: Session, article_id: int | None = None
) -> dict[int, list[tuple[EvidenceLink, Passage, Source, str | None]]]:
    """Every claim's evidence (of one article, or all) with its publisher's rating, best
    score first, in one query."""
    found: dict[int, list[tuple[EvidenceLink, Passage, Source, str | None]]] = defaultdict(list)
    for link, passage, source, level in session.execute(_evidence_query(article_id, None)):
        found[link.claim_id].append((link, passage, source, level))
    return dict(found)


NUMBERS_DIFFER = '{"agree": false%'
"""How a link's ``numbers`` JSON starts when its figures differ (``agree`` is its first
key, written by the JSON serialiser with its default separators)."""


def evidence_counts(
    session: Session, article_id: int | None = None, ids: Sequence[int] | None = None
) -> dict[int, tuple[int, int, int, int]]:
    """claim id -> (links, labelled links, "contradicts" hints, links whose figures
    differ), in one pass over the links."""
    contradicts = func.sum(case((col(EvidenceLink.stance_hint) == "contradicts", 1), else_=0))
    differ = func.sum(
        case((cast(col(EvidenceLink.numbers), String).like(NUMBERS_DIFFER), 1), else_=0)
    )
    query = scoped(
        select(
            col(EvidenceLink.claim_id),
            func.count(),
            func.count(col(EvidenceLink.stance)),
            contradicts,
            differ,
        ).group_by(col(EvidenceLink.claim_id)),
        col(EvidenceLink.claim_id),
        article_id,
        ids,
    )
    return {
        claim_id: (int(n), int(labelled), int(hints or 0), int(figures or 0))
        for claim_id, n, labelled, hints, figures in column_rows(session, query)
    }


_EVIDENCE = (
    select(
        col(EvidenceLink.id).label("link_id"),
        col(EvidenceLink.passage_id),
        col(EvidenceLink.score),
        col(EvidenceLink.rank),
        col(EvidenceLink.span_start),
        col(EvidenceLink.span_end),
        col(EvidenceLink.stance_hint),
        col(EvidenceLink.stance_reason),
        col(EvidenceLink.stance_confidence),
        col(EvidenceLink.numbers),
        col(EvidenceLink.stance),
        col(EvidenceLink.labelled_by),
        col(EvidenceLink.note),
        col(Passage.text),
        col(Passage.source_id),
        col(Passage.page),
        col(Passage.paragraph),
        col(PublisherRating.level).label("reliability"),
        col(Source.title),
        col(Source.publisher),
        col(Source.published_at),
        col(Source.url),
        col(Source.path),
        col(Source.external_id),
    )
    .join(Passage, col(Passage.id) == col(EvidenceLink.passage_id))
    .join(Source, col(Source.id) == col(Passage.source_id))
    .outerjoin(PublisherRating, col(PublisherRating.publisher) == col(Source.publisher))
    .where(col(EvidenceLink.claim_id) == bindparam("claim_id"))
    .order_by(col(EvidenceLink.score).desc(), col(EvidenceLink.passage_id))
)


def evidence_rows(session: Session, claim_id: int) -> list[Any]:
    """A claim's links with passage text and source header, best score first."""
    return list(session.execute(_EVIDENCE, {"claim_id": claim_id}))
