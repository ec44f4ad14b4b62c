"""Importing an article: read it, store it, extract its claims, match them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import IntegrityError

from db import articles as article_db
from db import claims as claim_db
from db import factchecks as factcheck_db
from db import links as link_db
from db import versions as version_db
from db.audit import record_event
from db.models import id_of
from db.session import Database
from verify.errors import InputError
from verify.evidence.ingest import keep_copy
from verify.extract.claims import extract_claims
from verify.extract.speech import extract_transcript_claims
from verify.match.link import article_context, rank_texts
from verify.progress import Progress
from verify.read import Turn, read_article
from verify.read.web import is_url, read_url
from verify.sanitize import clean_line
from verify.services import versions
from verify.services.analysts import require


@dataclass(frozen=True)
class ArticleImport:
    article_id: int
    title: str
    claims: int
    already_stored: bool
    kind: str = "article"
    version: int = 1
    new_version: versions.NewVersion | None = None
    """When the import made a new version of a stored article: what it changed."""


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
    path: Path | str,
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
    interviewee: str | None = None,
    update: int | None = None,
) -> ArticleImport:
    """Import the article or transcript at ``path``, a file or an http(s) URL (fetched,
    its bytes kept as the archived copy); importing the same file, or the same content,
    again changes nothing. ``kind`` ("article", "transcript") overrides telling them
    apart by shape; ``hosts`` names a transcript's moderators and interviewers (else
    they are found), ``interviewee`` who answers an interview's "A:" turns (else found
    from the transcript's title and introduction). A page fetched by URL is read as an
    article.

    The claims are extracted and ranked first, then the article, its claims, their
    evidence links and checked-before matches are stored in one transaction: a failure
    anywhere stores nothing.
    """
    if isinstance(path, str) and is_url(path):
        doc = read_url(path, title_is_text=True)
    else:
        doc = read_article(Path(path), kind)
    the_url = clean_line(url) if url else doc.url
    with db.read() as session:
        analyst = require(session, analyst, None, "importing an article")
        existing = article_db.article_by_sha(session, doc.sha256)
        if existing is not None:
            count = len(claim_db.claim_ids(session, id_of(existing)))
            number = version_db.current(session, id_of(existing))
            return ArticleImport(
                id_of(existing),
                existing.title,
                count,
                True,
                existing.kind,
                number.number if number else 1,
            )
        target = None
        if update is not None:
            target = article_db.article(session, update)
            if target is None:
                raise InputError(f"no article with id {update}")
        elif the_url:
            target = article_db.article_by_url(session, the_url)
    if doc.turns:
        found = extract_transcript_claims(
            doc.text,
            doc.turns,
            hosts,
            interviewee=clean_line(interviewee) if interviewee else None,
            title=doc.title,
        )
        heading = doc.title or _heading(doc.text, doc.turns) or Path(str(path)).stem
    else:
        found = extract_claims(doc.text, title=doc.title)
        heading = doc.title or _first_line(doc.text)
    values = {
        "title": clean_line(title) if title else heading,
        "publisher": clean_line(publisher) if publisher else doc.publisher,
        "url": the_url,
        "published_at": clean_line(published) if published else doc.published_at,
        "path": clean_line(str(doc.path)) if doc.path is not None else None,
        "text": doc.text,
        "sha256": doc.sha256,
    }
    if target is not None and target.id is not None:
        made = versions.add_version(
            db,
            target.id,
            doc,
            found,
            {
                **values,
                "publisher": values["publisher"] or target.publisher,
                "url": values["url"] or target.url,
                "published_at": values["published_at"] or target.published_at,
            },
            analyst=analyst,
            match=match,
            top_k=top_k,
            progress=progress,
        )
        return ArticleImport(
            made.article_id, made.title, made.claims, False, target.kind, made.number, made
        )
    links = (
        rank_texts(db, [c.text for c in found], article_context(doc.text), top_k, progress)
        if match
        else [([], []) for _ in found]
    )

    def store_all() -> ArticleImport:
        with db.write() as session:
            existing = article_db.article_by_sha(session, doc.sha256)
            if existing is not None:  # another analyst imported it meanwhile
                count = len(claim_db.claim_ids(session, id_of(existing)))
                return ArticleImport(id_of(existing), existing.title, count, True, existing.kind)
            article = article_db.add_article(session, {**values, "kind": doc.kind})
            versions.first_version(session, id_of(article), values, len(found), analyst)
            if doc.fetched is not None:
                keep_copy(session, doc.fetched, article_id=id_of(article))
            claim_ids = claim_db.add_claims(
                session,
                id_of(article),
                [versions.claim_row(c) for c in found],
            )
            for claim_id, (rows, earlier) in zip(claim_ids, links, strict=True):
                if rows:
                    link_db.store_links(session, claim_id, rows)
                if earlier:
                    factcheck_db.store_checked(session, claim_id, earlier)
            result = ArticleImport(id_of(article), article.title, len(found), False, doc.kind)
            record_event(
                session,
                analyst,
                "import",
                "article",
                id_of(article),
                None,
                None,
                {
                    "path": clean_line(str(path)),
                    "title": article.title,
                    "kind": doc.kind,
                    "claims": len(found),
                },
            )
        return result

    try:
        return store_all()
    except IntegrityError:  # another analyst stored the same file at the same moment
        with db.read() as session:
            existing = article_db.article_by_sha(session, doc.sha256)
            if existing is None:
                raise
            count = len(claim_db.claim_ids(session, id_of(existing)))
            return ArticleImport(id_of(existing), existing.title, count, True, existing.kind)
