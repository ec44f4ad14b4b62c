"""Importing an article: read it, store it, extract its claims, match them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from db import claims as store
from db.session import Database
from db.team import record_event
from verify.extract.claims import extract_claims
from verify.match.link import match_claims
from verify.progress import Progress
from verify.read import read_article
from verify.sanitize import clean_line


@dataclass(frozen=True)
class ArticleImport:
    article_id: int
    title: str
    claims: int
    already_stored: bool


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return clean_line(line)[:200]
    return "Untitled"


def import_article(
    db: Database,
    path: Path,
    *,
    title: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    published: str | None = None,
    match: bool = True,
    top_k: int = 10,
    progress: Progress | None = None,
    analyst: str = "verify",
) -> ArticleImport:
    """Import the article at ``path``; importing the same file again changes nothing."""
    doc = read_article(path)
    with db.write() as session:
        existing = store.article_by_sha(session, doc.sha256)
        if existing is not None:
            count = len(store.claim_ids(session, existing.id))
            return ArticleImport(existing.id, existing.title, count, True)
        found = extract_claims(doc.text, title=doc.title)
        article = store.add_article(
            session,
            {
                "title": clean_line(title) if title else (doc.title or _first_line(doc.text)),
                "publisher": clean_line(publisher) if publisher else doc.publisher,
                "url": url or doc.url,
                "published_at": published or doc.published_at,
                "path": str(path),
                "text": doc.text,
                "sha256": doc.sha256,
            },
        )
        store.add_claims(
            session,
            article.id,
            [
                {
                    "text": c.text,
                    "sentence": c.sentence,
                    "start": c.start,
                    "end": c.end,
                    "speaker": c.speaker,
                    "kind": c.kind,
                    "checkworthiness": round(c.checkworthiness, 3),
                    "features": c.features,
                    "merged": list(c.merged),
                }
                for c in found
            ],
        )
        result = ArticleImport(article.id, article.title, len(found), False)
        record_event(
            session,
            analyst,
            "import",
            "article",
            article.id,
            None,
            None,
            {"path": str(path), "title": article.title, "claims": len(found)},
        )
    if match:
        match_claims(db, article_id=result.article_id, top_k=top_k, progress=progress)
    return result
