"""Articles: stored, listed, headed, marked blind, rewritten to a new version."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, func, select, update
from sqlmodel import Session, col

from db.claims import HIDDEN_STATUSES
from db.models import (
    Article,
    Claim,
    Verdict,
)


def article_by_sha(session: Session, sha256: str) -> Article | None:
    return session.scalar(select(Article).where(col(Article.sha256) == sha256))


def articles(session: Session, article_id: int | None = None) -> list[Article]:
    """The article with ``article_id`` (empty if there is none), or all, by id."""
    query = select(Article).order_by(col(Article.id))
    if article_id is not None:
        query = query.where(col(Article.id) == article_id)
    return list(session.scalars(query))


def add_article(session: Session, row: dict[str, Any]) -> Article:
    article = Article(**row)
    session.add(article)
    session.flush()
    return article


def article_rows(session: Session) -> list[Any]:
    """(id, title, publisher, published_at, claims, with_verdict) per article, by id."""
    claims = (
        select(col(Claim.article_id), func.count().label("n"))
        .where(col(Claim.status).not_in(HIDDEN_STATUSES))
        .group_by(col(Claim.article_id))
        .subquery()
    )
    judged = (
        select(col(Claim.article_id), func.count(func.distinct(col(Verdict.claim_id))).label("n"))
        .join(Verdict, col(Verdict.claim_id) == col(Claim.id))
        .group_by(col(Claim.article_id))
        .subquery()
    )
    query = (
        select(
            col(Article.id),
            col(Article.title),
            col(Article.publisher),
            col(Article.published_at),
            func.coalesce(claims.c.n, 0).label("claims"),
            func.coalesce(judged.c.n, 0).label("with_verdict"),
        )
        .outerjoin(claims, claims.c.article_id == col(Article.id))
        .outerjoin(judged, judged.c.article_id == col(Article.id))
        .order_by(col(Article.id))
    )
    return list(session.execute(query))


def article_heads(session: Session) -> list[Any]:
    """(id, title, publisher, published_at) per article, by id."""
    return list(
        session.execute(
            select(
                col(Article.id),
                col(Article.title),
                col(Article.publisher),
                col(Article.published_at),
            ).order_by(col(Article.id))
        )
    )


def article_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(Article)) or 0)


_ARTICLE_HEAD = select(
    col(Article.id),
    col(Article.title),
    col(Article.publisher),
    col(Article.published_at),
    col(Article.sha256),
).where(col(Article.id) == bindparam("article_id"))


_ARTICLE_TEXT = select(col(Article.text)).where(col(Article.id) == bindparam("article_id"))


def article_head(session: Session, article_id: int) -> Any:
    """(id, title, publisher, published_at, sha256) without the text, or None."""
    return session.execute(_ARTICLE_HEAD, {"article_id": article_id}).first()


def article_text(session: Session, article_id: int) -> str | None:
    return session.scalar(_ARTICLE_TEXT, {"article_id": article_id})


def set_blind(session: Session, article_id: int, blind: bool) -> Article | None:
    article = session.get(Article, article_id)
    if article is not None:
        article.blind = blind
        session.add(article)
    return article


def blind_articles(session: Session, article_ids: Sequence[int]) -> set[int]:
    return set(
        session.scalars(
            select(col(Article.id)).where(
                col(Article.id).in_(list(article_ids)), col(Article.blind).is_(True)
            )
        )
    )


def article(session: Session, article_id: int) -> Article | None:
    return session.get(Article, article_id)


def article_for_update(session: Session, article_id: int) -> Article | None:
    """The article, locked for this transaction on PostgreSQL (SQLite's write
    transaction already holds the only write lock)."""
    query = select(Article).where(col(Article.id) == article_id)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    return session.scalar(query)


def article_by_url(session: Session, url: str) -> Article | None:
    """The newest article stored from ``url``, if any."""
    query = select(Article).where(col(Article.url) == url).order_by(col(Article.id).desc()).limit(1)
    return session.scalar(query)


def rewrite_article(session: Session, article_id: int, changes: dict[str, Any]) -> None:
    """Make the article row hold its newest version."""
    session.execute(update(Article).where(col(Article.id) == article_id).values(**changes))
