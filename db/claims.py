"""Claims: stored, listed (whole or as the columns a screen shows), assigned, versioned.

The list queries select only the columns a screen shows, scoped by article in SQL (never a
list of ten thousand ids as parameters), so the claims list of a large article loads in
one pass.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import CursorResult, Select, bindparam, func, insert, select, update
from sqlmodel import Session, col

from db.models import (
    Claim,
    utcnow,
)

DROPPED, MERGED, REMOVED = "dropped", "merged", "removed"
HIDDEN_STATUSES = (DROPPED, MERGED, REMOVED)
"""Claims out of the review: marked not a claim or merged into another by an analyst, or
no longer in the article's newest version. They stay in the database (and in the audit
trail, their verdicts kept) but not in the default views."""


def add_claims(session: Session, article_id: int, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert claims for an article (ordinals in order, unless a row gives its own);
    returns their ids in order."""
    if not rows:
        return []
    result = session.execute(
        insert(Claim).returning(col(Claim.id), sort_by_parameter_order=True),
        [{"ordinal": i, **row, "article_id": article_id} for i, row in enumerate(rows)],
    )
    return [r[0] for r in result]


def set_ordinals(session: Session, article_id: int, order: Sequence[int]) -> None:
    """Number an article's claims in ``order``; any others follow, in their old order."""
    placed = set(order)
    everyone = select(col(Claim.id)).where(col(Claim.article_id) == article_id)
    rest = [
        i
        for i in session.scalars(everyone.order_by(col(Claim.ordinal), col(Claim.id)))
        if i not in placed
    ]
    for ordinal, claim_id in enumerate([*order, *rest]):
        session.execute(update(Claim).where(col(Claim.id) == claim_id).values(ordinal=ordinal))


def add_claim(session: Session, row: dict[str, Any]) -> Claim:
    """Insert one claim (``row`` holds every field but the id); returns it."""
    claim = Claim(**row)
    session.add(claim)
    session.flush()
    return claim


def in_review(
    query: Select,
    article_id: int | None = None,
    ids: Sequence[int] | None = None,
    include_hidden: bool = False,
) -> Select:
    """``query`` over claims kept to those in the review (of one article, of ``ids``), in
    article order; claims in :data:`HIDDEN_STATUSES` only with ``include_hidden``."""
    query = query.order_by(col(Claim.article_id), col(Claim.ordinal))
    if not include_hidden:
        query = query.where(col(Claim.status).not_in(HIDDEN_STATUSES))
    if article_id is not None:
        query = query.where(col(Claim.article_id) == article_id)
    if ids is not None:
        query = query.where(col(Claim.id).in_(list(ids)))
    return query


def claims(
    session: Session,
    article_id: int | None = None,
    ids: Sequence[int] | None = None,
    include_hidden: bool = False,
) -> list[Claim]:
    """Claims in article order; those in :data:`HIDDEN_STATUSES` only when asked."""
    return list(session.scalars(in_review(select(Claim), article_id, ids, include_hidden)))


def claim_ids(
    session: Session, article_id: int | None = None, include_hidden: bool = False
) -> list[int]:
    """The ids of the claims in the review, in article order (hidden ones when asked)."""
    query = in_review(select(col(Claim.id)), article_id, include_hidden=include_hidden)
    return list(session.scalars(query))


def hidden_counts(session: Session, article_id: int | None = None) -> dict[str, int]:
    """How many claims (of one article) are hidden, by status."""
    query = (
        select(col(Claim.status), func.count())
        .where(col(Claim.status).in_(HIDDEN_STATUSES))
        .group_by(col(Claim.status))
    )
    if article_id is not None:
        query = query.where(col(Claim.article_id) == article_id)
    return {status: int(n) for status, n in session.execute(query)}


def shift_ordinals(session: Session, article_id: int, after: int, by: int) -> None:
    """Move the claims of an article placed after ordinal ``after`` by ``by`` places."""
    session.execute(
        update(Claim)
        .where(col(Claim.article_id) == article_id, col(Claim.ordinal) > after)
        .values(ordinal=col(Claim.ordinal) + by)
    )


def touch_claim(session: Session, claim: Claim, **changes: Any) -> None:
    """Apply ``changes`` to a claim and bump its version."""
    for key, value in changes.items():
        setattr(claim, key, value)
    claim.version += 1
    claim.updated_at = utcnow()
    session.add(claim)
    session.flush()


CLAIM_COLUMNS = (
    col(Claim.id),
    col(Claim.article_id),
    col(Claim.ordinal),
    col(Claim.text),
    col(Claim.speaker),
    col(Claim.kind),
    col(Claim.checkworthiness),
    col(Claim.status),
    col(Claim.version),
    col(Claim.assigned_to),
    col(Claim.turn),
)


def scoped(
    query: Select, claim_column: Any, article_id: int | None, ids: Sequence[int] | None
) -> Select:
    if article_id is not None:
        query = query.where(
            claim_column.in_(select(col(Claim.id)).where(col(Claim.article_id) == article_id))
        )
    if ids is not None:
        query = query.where(claim_column.in_(list(ids)))
    return query


def column_rows(session: Session, query: Select) -> Any:
    """Run a plain column query without the ORM's row processing (thousands of rows)."""
    return session.connection().execute(query)


def claim_rows(
    session: Session,
    article_id: int | None = None,
    ids: Sequence[int] | None = None,
    limit: int | None = None,
) -> list[Any]:
    """Rows of :data:`CLAIM_COLUMNS`, in article order (the first ``limit`` of them);
    claims taken out of the review (:data:`~db.claims.HIDDEN_STATUSES`) are left out."""
    query = in_review(select(*CLAIM_COLUMNS), article_id, ids)
    if limit is not None:
        query = query.limit(limit)
    return list(column_rows(session, query))


# Built once: these run on every move through the claims list.
_CLAIM = select(
    *CLAIM_COLUMNS,
    col(Claim.sentence),
    col(Claim.start),
    col(Claim.end),
    col(Claim.changed_in),
    col(Claim.previous_text),
    col(Claim.removed_in),
).where(col(Claim.id) == bindparam("claim_id"))


def claim_fields(session: Session, claim_id: int) -> Any:
    """The fields of a claim the workbench shows (not its features), or None."""
    return session.execute(_CLAIM, {"claim_id": claim_id}).first()


def articles_of_claims(session: Session, claim_ids: set[int]) -> list[int]:
    return list(
        session.scalars(
            select(col(Claim.article_id)).where(col(Claim.id).in_(list(claim_ids))).distinct()
        )
    )


def next_unassigned(session: Session, article_id: int | None = None) -> Claim | None:
    """The first open claim nobody has taken, by article and position, locked if it can be."""
    query = (
        select(Claim)
        .where(col(Claim.assigned_to).is_(None), col(Claim.status) == "open")
        .order_by(col(Claim.article_id), col(Claim.ordinal))
        .limit(1)
    )
    if article_id is not None:
        query = query.where(col(Claim.article_id) == article_id)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return session.scalar(query)


def claim_assign(session: Session, claim_id: int, to: str | None, expected_assignee: Any) -> bool:
    """Assign a claim if it is still assigned to ``expected_assignee``; True if it was."""
    condition = (
        col(Claim.assigned_to).is_(None)
        if expected_assignee is None
        else col(Claim.assigned_to) == expected_assignee
    )
    result = session.execute(
        update(Claim)
        .where(col(Claim.id) == claim_id, condition)
        .values(assigned_to=to, version=col(Claim.version) + 1, updated_at=utcnow())
    )
    # An UPDATE's result is a cursor result, which counts the rows it changed.
    return bool(cast(CursorResult[Any], result).rowcount)


def assigned_claims(session: Session, analyst: str | None = None) -> list[Claim]:
    """Claims in the review assigned to someone (to ``analyst``), in article order."""
    query = (
        select(Claim)
        .where(col(Claim.assigned_to).is_not(None), col(Claim.status).not_in(HIDDEN_STATUSES))
        .order_by(col(Claim.assigned_to), col(Claim.article_id), col(Claim.ordinal))
    )
    if analyst is not None:
        query = query.where(col(Claim.assigned_to) == analyst)
    return list(session.scalars(query))


def unassigned_open(session: Session) -> int:
    """How many open claims in the review nobody has taken."""
    return int(
        session.scalar(
            select(func.count())
            .select_from(Claim)
            .where(col(Claim.assigned_to).is_(None), col(Claim.status) == "open")
        )
        or 0
    )


def claims_for_update(session: Session, ids: list[int]) -> list[Claim]:
    """The claims with ``ids``, locked for this transaction on PostgreSQL."""
    query = select(Claim).where(col(Claim.id).in_(ids))
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    return list(session.scalars(query))
