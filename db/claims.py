"""Articles, claims, evidence links and verdicts: the queries the services use."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlmodel import Session

from db.models import Article, Claim, EvidenceLink, Passage, Source, Verdict, utcnow

DROPPED, MERGED, REMOVED = "dropped", "merged", "removed"
HIDDEN_STATUSES = (DROPPED, MERGED, REMOVED)
"""Claims out of the review: marked not a claim or merged into another by an analyst, or
no longer in the article's newest version. They stay in the database (and in the audit
trail, their verdicts kept) but not in the default views."""


def article_by_sha(session: Session, sha256: str) -> Article | None:
    return session.scalar(select(Article).where(Article.sha256 == sha256))


def articles(session: Session) -> list[Article]:
    return list(session.scalars(select(Article).order_by(Article.id)))


def add_article(session: Session, row: dict[str, Any]) -> Article:
    article = Article(**row)
    session.add(article)
    session.flush()
    return article


def add_claims(session: Session, article_id: int, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert claims for an article (ordinals in order, unless a row gives its own);
    returns their ids in order."""
    if not rows:
        return []
    result = session.execute(
        insert(Claim).returning(Claim.id, sort_by_parameter_order=True),
        [{"ordinal": i, **row, "article_id": article_id} for i, row in enumerate(rows)],
    )
    return [r[0] for r in result]


def claims(
    session: Session,
    article_id: int | None = None,
    ids: Sequence[int] | None = None,
    include_hidden: bool = False,
) -> list[Claim]:
    """Claims in article order; those in :data:`HIDDEN_STATUSES` only when asked."""
    query = select(Claim).order_by(Claim.article_id, Claim.ordinal)
    if not include_hidden:
        query = query.where(Claim.status.not_in(HIDDEN_STATUSES))
    if article_id is not None:
        query = query.where(Claim.article_id == article_id)
    if ids is not None:
        query = query.where(Claim.id.in_(list(ids)))
    return list(session.scalars(query))


def claim_ids(session: Session, article_id: int | None = None) -> list[int]:
    """The ids of the claims in the review (not hidden), in article order."""
    query = (
        select(Claim.id)
        .where(Claim.status.not_in(HIDDEN_STATUSES))
        .order_by(Claim.article_id, Claim.ordinal)
    )
    if article_id is not None:
        query = query.where(Claim.article_id == article_id)
    return list(session.scalars(query))


def hidden_counts(session: Session, article_id: int | None = None) -> dict[str, int]:
    """How many claims (of one article) are hidden, by status."""
    query = (
        select(Claim.status, func.count())
        .where(Claim.status.in_(HIDDEN_STATUSES))
        .group_by(Claim.status)
    )
    if article_id is not None:
        query = query.where(Claim.article_id == article_id)
    return {status: int(n) for status, n in session.execute(query)}


def shift_ordinals(session: Session, article_id: int, after: int, by: int) -> None:
    """Move the claims of an article placed after ordinal ``after`` by ``by`` places."""
    session.execute(
        update(Claim)
        .where(Claim.article_id == article_id, Claim.ordinal > after)
        .values(ordinal=Claim.ordinal + by)
    )


def set_ordinals(session: Session, article_id: int, order: Sequence[int]) -> None:
    """Number an article's claims in ``order``; any others follow, in their old order."""
    placed = set(order)
    everyone = select(Claim.id).where(Claim.article_id == article_id)
    rest = [
        i for i in session.scalars(everyone.order_by(Claim.ordinal, Claim.id)) if i not in placed
    ]
    for ordinal, claim_id in enumerate([*order, *rest]):
        session.execute(update(Claim).where(Claim.id == claim_id).values(ordinal=ordinal))


def add_claim(session: Session, row: dict[str, Any]) -> Claim:
    """Insert one claim (``row`` holds every field but the id); returns it."""
    claim = Claim(**row)
    session.add(claim)
    session.flush()
    return claim


def link_summary(
    session: Session, article_id: int | None = None, ids: Sequence[int] | None = None
) -> list[tuple[int, str, int, float | None]]:
    """(claim id, text, passages linked, best score) per claim in the review, in order."""
    links = (
        select(
            EvidenceLink.claim_id,
            func.count().label("n"),
            func.max(EvidenceLink.score).label("best"),
        )
        .group_by(EvidenceLink.claim_id)
        .subquery()
    )
    query = (
        select(Claim.id, Claim.text, func.coalesce(links.c.n, 0), links.c.best)
        .outerjoin(links, links.c.claim_id == Claim.id)
        .where(Claim.status.not_in(HIDDEN_STATUSES))
        .order_by(Claim.article_id, Claim.ordinal)
    )
    if article_id is not None:
        query = query.where(Claim.article_id == article_id)
    if ids is not None:
        query = query.where(Claim.id.in_(list(ids)))
    rows = session.execute(query)
    return [(int(i), t, int(n), None if b is None else float(b)) for i, t, n, b in rows]


def store_links(session: Session, claim_id: int, links: Sequence[dict[str, Any]]) -> None:
    """Make the machine's links for a claim exactly ``links``, keeping analysts' labels.

    A link an analyst has labelled stays even when it falls out of the top; its score
    and hint are refreshed when it is still ranked.
    """
    existing = {
        link.passage_id: link
        for link in session.scalars(select(EvidenceLink).where(EvidenceLink.claim_id == claim_id))
    }
    wanted = {row["passage_id"] for row in links}
    stale = [link.id for pid, link in existing.items() if pid not in wanted and link.stance is None]
    if stale:
        session.execute(delete(EvidenceLink).where(EvidenceLink.id.in_(stale)))
    fresh = []
    for row in links:
        link = existing.get(row["passage_id"])
        if link is None:
            fresh.append({**row, "claim_id": claim_id})
        else:
            session.execute(update(EvidenceLink).where(EvidenceLink.id == link.id).values(**row))
    if fresh:
        session.execute(insert(EvidenceLink), fresh)


def evidence(session: Session, claim_id: int) -> list[tuple[EvidenceLink, Passage, Source]]:
    """A claim's evidence, best score first."""
    rows = session.execute(
        select(EvidenceLink, Passage, Source)
        .join(Passage, Passage.id == EvidenceLink.passage_id)
        .join(Source, Source.id == Passage.source_id)
        .where(EvidenceLink.claim_id == claim_id)
        .order_by(EvidenceLink.score.desc(), EvidenceLink.passage_id)
    )
    return [(link, passage, source) for link, passage, source in rows]


def current_verdicts(
    session: Session, claim_ids: Sequence[int] | None = None
) -> dict[int, Verdict]:
    """The newest verdict of each claim (of the given ones, or all)."""
    newest = select(Verdict.claim_id, func.max(Verdict.id).label("vid")).group_by(Verdict.claim_id)
    if claim_ids is not None:
        newest = newest.where(Verdict.claim_id.in_(list(claim_ids)))
    sub = newest.subquery()
    rows = session.scalars(select(Verdict).join(sub, sub.c.vid == Verdict.id))
    return {v.claim_id: v for v in rows}


def verdict_history(session: Session, claim_id: int) -> list[Verdict]:
    return list(
        session.scalars(select(Verdict).where(Verdict.claim_id == claim_id).order_by(Verdict.id))
    )


def touch_claim(session: Session, claim: Claim, **changes: Any) -> None:
    """Apply ``changes`` to a claim and bump its version."""
    for key, value in changes.items():
        setattr(claim, key, value)
    claim.version += 1
    claim.updated_at = utcnow()
    session.add(claim)
    session.flush()
