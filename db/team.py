"""Queries for team work: analysts, assignment, approval, audit, agreement."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, update
from sqlmodel import Session, select

from db.claims import HIDDEN_STATUSES
from db.models import Analyst, Article, AuditEvent, Claim, Verdict, utcnow


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


def analyst(session: Session, name: str) -> Analyst | None:
    return session.get(Analyst, name)


def analysts(session: Session) -> list[Analyst]:
    return list(session.scalars(select(Analyst).order_by(Analyst.name)))


def events(session: Session, claim_id: int | None = None, limit: int = 200) -> list[AuditEvent]:
    """The newest ``limit`` audit events (of one claim), oldest first."""
    query = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if claim_id is not None:
        query = query.where(AuditEvent.claim_id == claim_id)
    return list(reversed(list(session.scalars(query))))


def next_unassigned(session: Session, article_id: int | None = None) -> Claim | None:
    """The first open claim nobody has taken, by article and position, locked if it can be."""
    query = (
        select(Claim)
        .where(Claim.assigned_to.is_(None), Claim.status == "open")
        .order_by(Claim.article_id, Claim.ordinal)
        .limit(1)
    )
    if article_id is not None:
        query = query.where(Claim.article_id == article_id)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return session.scalar(query)


def claim_assign(session: Session, claim_id: int, to: str | None, expected_assignee: Any) -> bool:
    """Assign a claim if it is still assigned to ``expected_assignee``; True if it was."""
    condition = (
        Claim.assigned_to.is_(None)
        if expected_assignee is None
        else Claim.assigned_to == expected_assignee
    )
    result = session.execute(
        update(Claim)
        .where(Claim.id == claim_id, condition)
        .values(assigned_to=to, version=Claim.version + 1, updated_at=utcnow())
    )
    return bool(result.rowcount)


def verdicts_by_analyst(session: Session, article_id: int | None) -> dict[int, dict[str, Verdict]]:
    """For each claim of an article (None: of every article), each analyst's newest
    verdict; claims taken out of the review are left out."""
    newest = (
        select(func.max(Verdict.id))
        .join(Claim, Claim.id == Verdict.claim_id)
        .where(Claim.status.not_in(HIDDEN_STATUSES))
        .group_by(Verdict.claim_id, Verdict.analyst)
    )
    if article_id is not None:
        newest = newest.where(Claim.article_id == article_id)
    out: dict[int, dict[str, Verdict]] = {}
    for verdict in session.scalars(select(Verdict).where(Verdict.id.in_(newest))):
        out.setdefault(verdict.claim_id, {})[verdict.analyst] = verdict
    return out


def set_blind(session: Session, article_id: int, blind: bool) -> Article | None:
    article = session.get(Article, article_id)
    if article is not None:
        article.blind = blind
        session.add(article)
    return article


def blind_articles(session: Session, article_ids: Sequence[int]) -> set[int]:
    return set(
        session.scalars(
            select(Article.id).where(Article.id.in_(list(article_ids)), Article.blind.is_(True))
        )
    )


def someone_else(session: Session, name: str) -> bool:
    """Whether anyone but ``name`` is on the team or has written a verdict."""
    member = session.scalar(select(Analyst.name).where(Analyst.name != name).limit(1))
    author = session.scalar(select(Verdict.id).where(Verdict.analyst != name).limit(1))
    return member is not None or author is not None


def assigned_claims(session: Session, analyst: str | None = None) -> list[Claim]:
    """Claims in the review assigned to someone (to ``analyst``), in article order."""
    query = (
        select(Claim)
        .where(Claim.assigned_to.is_not(None), Claim.status.not_in(HIDDEN_STATUSES))
        .order_by(Claim.assigned_to, Claim.article_id, Claim.ordinal)
    )
    if analyst is not None:
        query = query.where(Claim.assigned_to == analyst)
    return list(session.scalars(query))


def verdict_authors(session: Session, claim_ids: Sequence[int]) -> dict[int, set[str]]:
    """claim id -> the analysts who gave it a verdict."""
    out: dict[int, set[str]] = {}
    rows = session.execute(
        select(Verdict.claim_id, Verdict.analyst)
        .where(Verdict.claim_id.in_(list(claim_ids)))
        .distinct()
    )
    for claim_id, name in rows:
        out.setdefault(claim_id, set()).add(name)
    return out


def unassigned_open(session: Session) -> int:
    """How many open claims in the review nobody has taken."""
    return int(
        session.scalar(
            select(func.count())
            .select_from(Claim)
            .where(Claim.assigned_to.is_(None), Claim.status == "open")
        )
        or 0
    )


def label_events(session: Session, claim_ids: Sequence[int]) -> list[AuditEvent]:
    """The label and undo events of the given claims, oldest first."""
    return list(
        session.scalars(
            select(AuditEvent)
            .where(
                AuditEvent.claim_id.in_(list(claim_ids)),
                AuditEvent.action.in_(("label", "undo")),
            )
            .order_by(AuditEvent.id)
        )
    )
