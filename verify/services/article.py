"""Importing an article: read it, store it, extract its claims, match them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from db import claims as store
from db.session import Database
from db.team import record_event
from verify.extract.claims import extract_claims
from verify.extract.speech import extract_transcript_claims
from verify.match.link import match_claims
from verify.progress import Progress
from verify.read import Turn, read_article
from verify.sanitize import clean_line


@dataclass(frozen=True)
class ArticleImport:
    article_id: int
    title: str
    claims: int
    already_stored: bool
    kind: str = "article"


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return clean_line(line)[:200]
    return "Untitled"


def _heading(text: str, turns: Sequence[Turn]) -> str | None:
    """A transcript's first line, when it comes before the first turn (its heading)."""
    first = text.split("\n", 1)[0]
    opening = min((t.start for t in turns), default=0)
    return clean_line(first)[:200] or None if len(first) < opening else None


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
    kind: str | None = None,
    hosts: Sequence[str] = (),
) -> ArticleImport:
    """Import the article or transcript at ``path``; importing the same file again changes
    nothing. ``kind`` ("article", "transcript") overrides telling them apart by shape;
    ``hosts`` names a transcript's moderators and interviewers (else they are found)."""
    doc = read_article(path, kind)
    with db.write() as session:
        existing = store.article_by_sha(session, doc.sha256)
        if existing is not None:
            count = len(store.claim_ids(session, existing.id))
            return ArticleImport(existing.id, existing.title, count, True, existing.kind)
        if doc.turns:
            found = extract_transcript_claims(doc.text, doc.turns, hosts)
            heading = doc.title or _heading(doc.text, doc.turns) or path.stem
        else:
            found = extract_claims(doc.text, title=doc.title)
            heading = doc.title or _first_line(doc.text)
        article = store.add_article(
            session,
            {
                "title": clean_line(title) if title else heading,
                "kind": doc.kind,
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
                    "turn": c.turn,
                    "kind": c.kind,
                    "checkworthiness": round(c.checkworthiness, 3),
                    "features": c.features,
                    "merged": list(c.merged),
                }
                for c in found
            ],
        )
        result = ArticleImport(article.id, article.title, len(found), False, doc.kind)
        record_event(
            session,
            analyst,
            "import",
            "article",
            article.id,
            None,
            None,
            {"path": str(path), "title": article.title, "kind": doc.kind, "claims": len(found)},
        )
    if match:
        match_claims(db, article_id=result.article_id, top_k=top_k, progress=progress)
    return result
