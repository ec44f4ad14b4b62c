"""Verdicts: each claim's newest, its history, each analyst's."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlmodel import Session, col

from db.claims import HIDDEN_STATUSES, column_rows, scoped
from db.models import (
    Claim,
    Verdict,
)


def _newest_ids(article_id: int | None, ids: Sequence[int] | None) -> Any:
    """The id of each claim's newest verdict (of one article, of ``ids``, or all)."""
    return scoped(
        select(func.max(col(Verdict.id)).label("vid")).group_by(col(Verdict.claim_id)),
        col(Verdict.claim_id),
        article_id,
        ids,
    ).subquery()


def current_verdicts(
    session: Session, claim_ids: Sequence[int] | None = None
) -> dict[int, Verdict]:
    """The newest verdict of each claim (of the given ones, or all)."""
    newest = _newest_ids(None, claim_ids)
    rows = session.scalars(select(Verdict).join(newest, newest.c.vid == col(Verdict.id)))
    return {v.claim_id: v for v in rows}


def newest_verdicts(
    session: Session, article_id: int | None = None, ids: Sequence[int] | None = None
) -> dict[int, Any]:
    """claim id -> (claim_id, rating, rating_value, analyst, confidence) of its newest
    verdict: :func:`current_verdicts` as plain columns, for thousands of claims at once."""
    newest = _newest_ids(article_id, ids)
    rows = column_rows(
        session,
        select(
            col(Verdict.claim_id),
            col(Verdict.rating),
            col(Verdict.rating_value),
            col(Verdict.analyst),
            col(Verdict.confidence),
        ).join(newest, newest.c.vid == col(Verdict.id)),
    )
    return {row.claim_id: row for row in rows}


_HISTORY = (
    select(Verdict).where(col(Verdict.claim_id) == bindparam("claim_id")).order_by(col(Verdict.id))
)


def verdict_history(session: Session, claim_id: int) -> list[Verdict]:
    return list(session.scalars(_HISTORY, {"claim_id": claim_id}))


def verdicts_by_analyst(session: Session, article_id: int | None) -> dict[int, dict[str, Verdict]]:
    """For each claim of an article (None: of every article), each analyst's newest
    verdict; claims taken out of the review are left out."""
    newest = (
        select(func.max(col(Verdict.id)))
        .join(Claim, col(Claim.id) == col(Verdict.claim_id))
        .where(col(Claim.status).not_in(HIDDEN_STATUSES))
        .group_by(col(Verdict.claim_id), col(Verdict.analyst))
    )
    if article_id is not None:
        newest = newest.where(col(Claim.article_id) == article_id)
    out: dict[int, dict[str, Verdict]] = {}
    for verdict in session.scalars(select(Verdict).where(col(Verdict.id).in_(newest))):
        out.setdefault(verdict.claim_id, {})[verdict.analyst] = verdict
    return out


def verdict_authors(session: Session, claim_ids: Sequence[int]) -> dict[int, set[str]]:
    """claim id -> the analysts who gave it a verdict."""
    out: dict[int, set[str]] = {}
    rows = session.execute(
        select(col(Verdict.claim_id), col(Verdict.analyst))
        .where(col(Verdict.claim_id).in_(list(claim_ids)))
        .distinct()
    )
    for claim_id, name in rows:
        out.setdefault(claim_id, set()).add(name)
    return out
