"""Archived copies of what was fetched by URL, kept beside the source or article read."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session, col

from db.models import Source, WebCopy, table_of


def add_copy(
    session: Session,
    *,
    url: str,
    final_url: str,
    fetched_at: datetime,
    content_type: str,
    body: bytes,
    source_sha256: str | None = None,
    article_id: int | None = None,
) -> None:
    """Keep a fetched copy for the source of ``source_sha256`` or for ``article_id``."""
    source_id = None
    if source_sha256 is not None:
        source_id = session.scalar(
            select(col(Source.id)).where(col(Source.sha256) == source_sha256)
        )
    session.connection().execute(
        table_of(WebCopy)
        .insert()
        .values(
            source_id=source_id,
            article_id=article_id,
            url=url,
            final_url=final_url,
            fetched_at=fetched_at,
            content_type=content_type,
            body=body,
        )
    )
