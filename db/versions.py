"""Article versions: each import of a changed article, kept beside the article row."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, col

from db.models import ArticleVersion


def add_version(session: Session, row: dict[str, Any]) -> ArticleVersion:
    """Insert one version (``row`` holds every field but the id); returns it."""
    version = ArticleVersion(**row)
    session.add(version)
    session.flush()
    return version


def versions(session: Session, article_id: int) -> list[ArticleVersion]:
    """An article's versions, oldest first."""
    query = (
        select(ArticleVersion)
        .where(col(ArticleVersion.article_id) == article_id)
        .order_by(col(ArticleVersion.number))
    )
    return list(session.scalars(query))


def current(session: Session, article_id: int) -> ArticleVersion | None:
    """The newest version of an article (None only for an article with none stored)."""
    query = (
        select(ArticleVersion)
        .where(col(ArticleVersion.article_id) == article_id)
        .order_by(col(ArticleVersion.number).desc())
        .limit(1)
    )
    return session.scalar(query)


def current_versions(session: Session, article_ids: list[int]) -> dict[int, ArticleVersion]:
    """The newest version of each of the given articles, by article id."""
    if not article_ids:
        return {}
    newest = (
        select(col(ArticleVersion.article_id), func.max(col(ArticleVersion.number)).label("n"))
        .where(col(ArticleVersion.article_id).in_(article_ids))
        .group_by(col(ArticleVersion.article_id))
        .subquery()
    )
    query = select(ArticleVersion).join(
        newest,
        (newest.c.article_id == col(ArticleVersion.article_id))
        & (newest.c.n == col(ArticleVersion.number)),
    )
    return {v.article_id: v for v in session.scalars(query)}


def version_times(session: Session, article_ids: list[int]) -> list[Any]:
    """(article_id, number, imported_at) of every version of the given articles."""
    if not article_ids:
        return []
    query = select(
        col(ArticleVersion.article_id), col(ArticleVersion.number), col(ArticleVersion.imported_at)
    ).where(col(ArticleVersion.article_id).in_(article_ids))
    return list(session.execute(query))


def imported_at(session: Session, article_id: int, number: int) -> datetime | None:
    """When version ``number`` of the article was imported."""
    query = select(col(ArticleVersion.imported_at)).where(
        col(ArticleVersion.article_id) == article_id, col(ArticleVersion.number) == number
    )
    return session.scalar(query)
