"""Read queries for the workbench: claim rows in bulk, a claim's surroundings, changes.

These select only the columns a screen shows, scoped by article in SQL (never a list of
ten thousand ids as parameters), so the claims list of a large article loads in one pass.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, String, bindparam, case, cast, func, select
from sqlmodel import Session

from db.claims import HIDDEN_STATUSES
from db.models import (
    Article,
    AuditEvent,
    Claim,
    EvidenceLink,
    Passage,
    PublisherRating,
    Source,
    Verdict,
)

CLAIM_COLUMNS = (
    Claim.id,
    Claim.article_id,
    Claim.ordinal,
    Claim.text,
    Claim.speaker,
    Claim.kind,
    Claim.checkworthiness,
    Claim.status,
    Claim.version,
    Claim.assigned_to,
    Claim.turn,
)


def _scoped(
    query: Select, claim_column: Any, article_id: int | None, ids: Sequence[int] | None
) -> Select:
    if article_id is not None:
        query = query.where(
            claim_column.in_(select(Claim.id).where(Claim.article_id == article_id))
        )
    if ids is not None:
        query = query.where(claim_column.in_(list(ids)))
    return query


def claim_rows(
    session: Session,
    article_id: int | None = None,
    ids: Sequence[int] | None = None,
    limit: int | None = None,
) -> list[Any]:
    """Rows of :data:`CLAIM_COLUMNS`, in article order (the first ``limit`` of them);
    claims taken out of the review (:data:`~db.claims.HIDDEN_STATUSES`) are left out."""
    query = (
        select(*CLAIM_COLUMNS)
        .where(Claim.status.not_in(HIDDEN_STATUSES))
        .order_by(Claim.article_id, Claim.ordinal)
    )
    if article_id is not None:
        query = query.where(Claim.article_id == article_id)
    if ids is not None:
        query = query.where(Claim.id.in_(list(ids)))
    if limit is not None:
        query = query.limit(limit)
    return list(_core(session, query))


def _core(session: Session, query: Select) -> Any:
    """Run a plain column query without the ORM's row processing (thousands of rows)."""
    return session.connection().execute(query)


def newest_verdicts(
    session: Session, article_id: int | None = None, ids: Sequence[int] | None = None
) -> dict[int, Any]:
    """claim id -> (rating, rating_value, analyst, confidence) of its newest verdict."""
    newest = _scoped(
        select(func.max(Verdict.id).label("vid")).group_by(Verdict.claim_id),
        Verdict.claim_id,
        article_id,
        ids,
    ).subquery()
    rows = _core(
        session,
        select(
            Verdict.claim_id,
            Verdict.rating,
            Verdict.rating_value,
            Verdict.analyst,
            Verdict.confidence,
        ).join(newest, newest.c.vid == Verdict.id),
    )
    return {row[0]: tuple(row) for row in rows}


NUMBERS_DIFFER = '{"agree": false%'
"""How a link's ``numbers`` JSON starts when its figures differ (``agree`` is its first
key, written by the JSON serialiser with its default separators)."""


def evidence_counts(
    session: Session, article_id: int | None = None, ids: Sequence[int] | None = None
) -> dict[int, tuple[int, int, int, int]]:
    """claim id -> (links, labelled links, "contradicts" hints, links whose figures
    differ), in one pass over the links."""
    contradicts = func.sum(case((EvidenceLink.stance_hint == "contradicts", 1), else_=0))
    differ = func.sum(case((cast(EvidenceLink.numbers, String).like(NUMBERS_DIFFER), 1), else_=0))
    query = _scoped(
        select(
            EvidenceLink.claim_id,
            func.count(),
            func.count(EvidenceLink.stance),
            contradicts,
            differ,
        ).group_by(EvidenceLink.claim_id),
        EvidenceLink.claim_id,
        article_id,
        ids,
    )
    return {
        claim_id: (int(n), int(labelled), int(hints or 0), int(figures or 0))
        for claim_id, n, labelled, hints, figures in _core(session, query)
    }


def article_rows(session: Session) -> list[Any]:
    """(id, title, publisher, published_at, claims, with_verdict) per article, by id."""
    claims = (
        select(Claim.article_id, func.count().label("n"))
        .where(Claim.status.not_in(HIDDEN_STATUSES))
        .group_by(Claim.article_id)
        .subquery()
    )
    judged = (
        select(Claim.article_id, func.count(func.distinct(Verdict.claim_id)).label("n"))
        .join(Verdict, Verdict.claim_id == Claim.id)
        .group_by(Claim.article_id)
        .subquery()
    )
    query = (
        select(
            Article.id,
            Article.title,
            Article.publisher,
            Article.published_at,
            func.coalesce(claims.c.n, 0).label("claims"),
            func.coalesce(judged.c.n, 0).label("with_verdict"),
        )
        .outerjoin(claims, claims.c.article_id == Article.id)
        .outerjoin(judged, judged.c.article_id == Article.id)
        .order_by(Article.id)
    )
    return list(session.execute(query))


def article_heads(session: Session) -> list[Any]:
    """(id, title, publisher, published_at) per article, by id."""
    return list(
        session.execute(
            select(Article.id, Article.title, Article.publisher, Article.published_at).order_by(
                Article.id
            )
        )
    )


def article_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(Article)) or 0)


# Built once: these run on every move through the claims list.
_CLAIM = select(
    Claim.id,
    Claim.article_id,
    Claim.ordinal,
    Claim.text,
    Claim.sentence,
    Claim.start,
    Claim.end,
    Claim.speaker,
    Claim.kind,
    Claim.checkworthiness,
    Claim.status,
    Claim.version,
    Claim.assigned_to,
    Claim.turn,
    Claim.changed_in,
    Claim.previous_text,
    Claim.removed_in,
).where(Claim.id == bindparam("claim_id"))

_ARTICLE_HEAD = select(
    Article.id,
    Article.title,
    Article.publisher,
    Article.published_at,
    Article.sha256,
).where(Article.id == bindparam("article_id"))

_ARTICLE_TEXT = select(Article.text).where(Article.id == bindparam("article_id"))

_EVIDENCE = (
    select(
        EvidenceLink.id.label("link_id"),
        EvidenceLink.passage_id,
        EvidenceLink.score,
        EvidenceLink.rank,
        EvidenceLink.span_start,
        EvidenceLink.span_end,
        EvidenceLink.stance_hint,
        EvidenceLink.stance_reason,
        EvidenceLink.stance_confidence,
        EvidenceLink.numbers,
        EvidenceLink.stance,
        EvidenceLink.labelled_by,
        EvidenceLink.note,
        Passage.text,
        Passage.source_id,
        Passage.page,
        Passage.paragraph,
        PublisherRating.level.label("reliability"),
        Source.title,
        Source.publisher,
        Source.published_at,
        Source.url,
        Source.path,
        Source.external_id,
    )
    .join(Passage, Passage.id == EvidenceLink.passage_id)
    .join(Source, Source.id == Passage.source_id)
    .outerjoin(PublisherRating, PublisherRating.publisher == Source.publisher)
    .where(EvidenceLink.claim_id == bindparam("claim_id"))
    .order_by(EvidenceLink.score.desc(), EvidenceLink.passage_id)
)

_HISTORY = select(Verdict).where(Verdict.claim_id == bindparam("claim_id")).order_by(Verdict.id)

_LAST_EVENT = (
    select(AuditEvent.analyst, AuditEvent.at)
    .where(AuditEvent.claim_id == bindparam("claim_id"))
    .order_by(AuditEvent.id.desc())
    .limit(1)
)


def claim_fields(session: Session, claim_id: int) -> Any:
    """The fields of a claim the workbench shows (not its features), or None."""
    return session.execute(_CLAIM, {"claim_id": claim_id}).first()


def article_head(session: Session, article_id: int) -> Any:
    """(id, title, publisher, published_at, sha256) without the text, or None."""
    return session.execute(_ARTICLE_HEAD, {"article_id": article_id}).first()


def article_text(session: Session, article_id: int) -> str | None:
    return session.scalar(_ARTICLE_TEXT, {"article_id": article_id})


def evidence_rows(session: Session, claim_id: int) -> list[Any]:
    """A claim's links with passage text and source header, best score first."""
    return list(session.execute(_EVIDENCE, {"claim_id": claim_id}))


def passage_and_source(session: Session, passage_id: int) -> tuple[Passage, Source] | None:
    row = session.execute(
        select(Passage, Source)
        .join(Source, Source.id == Passage.source_id)
        .where(Passage.id == passage_id)
    ).first()
    return (row[0], row[1]) if row else None


def verdict_history(session: Session, claim_id: int) -> list[Verdict]:
    return list(session.scalars(_HISTORY, {"claim_id": claim_id}))


def last_event_id(session: Session) -> int:
    return int(session.scalar(select(func.max(AuditEvent.id))) or 0)


def events_after(session: Session, event_id: int, limit: int = 500) -> list[Any]:
    """(id, at, analyst, action, entity, claim_id) of audit events after ``event_id``."""
    return list(
        session.execute(
            select(
                AuditEvent.id,
                AuditEvent.at,
                AuditEvent.analyst,
                AuditEvent.action,
                AuditEvent.entity,
                AuditEvent.claim_id,
            )
            .where(AuditEvent.id > event_id)
            .order_by(AuditEvent.id)
            .limit(limit)
        )
    )


def last_claim_event(session: Session, claim_id: int) -> Any:
    """(analyst, at) of the newest audit event on a claim, or None."""
    return session.execute(_LAST_EVENT, {"claim_id": claim_id}).first()
