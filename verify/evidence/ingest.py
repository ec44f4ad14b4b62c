"""Importing evidence files: each file whole, in one transaction, or not at all."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from db import evidence as store
from db.session import Database
from db.team import record_event
from verify.evidence.chunk import chunk
from verify.extract.read import Document, evidence_files, read_evidence
from verify.match import embed

BATCH = 2_000

Progress = Callable[[int, int, str], None]
"""progress(done, total, what): called as files are imported."""


@dataclass
class ImportReport:
    files: int = 0
    sources_added: int = 0
    sources_skipped: int = 0
    passages_added: int = 0
    paths: list[Path] = field(default_factory=list)


def _source_row(doc: Document, publisher: str | None, url: str | None) -> dict[str, Any]:
    return {
        "title": doc.title,
        "publisher": doc.publisher or publisher,
        "url": doc.url or url,
        "path": str(doc.path),
        "line": doc.line,
        "external_id": doc.external_id,
        "published_at": doc.published_at,
        "format": doc.format,
        "text": doc.text,
        "sha256": doc.sha256,
    }


def _passage_rows(text: str) -> list[dict[str, Any]]:
    return [
        {"ordinal": i, "text": c.text, "start": c.start, "end": c.end}
        for i, c in enumerate(chunk(text))
    ]


def import_file(
    db: Database, path: Path, *, publisher: str | None = None, url: str | None = None,
    analyst: str = "verify",
) -> ImportReport:
    """Import one evidence file in one transaction; an InputError leaves nothing of it."""
    report = ImportReport(files=1, paths=[path])
    with db.write() as session:
        first_new = store.last_passage_id(session)
        seen: set[str] = set()
        batch: list[Document] = []

        def flush() -> None:
            known = store.existing_hashes(session, (d.sha256 for d in batch))
            fresh = [d for d in batch if d.sha256 not in known]
            report.sources_skipped += len(batch) - len(fresh)
            report.sources_added += len(fresh)
            report.passages_added += store.insert_sources(
                session,
                [_source_row(d, publisher, url) for d in fresh],
                [_passage_rows(d.text) for d in fresh],
            )
            batch.clear()

        for doc in read_evidence(path):
            if doc.sha256 in seen:
                report.sources_skipped += 1
                continue
            seen.add(doc.sha256)
            batch.append(doc)
            if len(batch) >= BATCH:
                flush()
        flush()
        if report.passages_added:
            store.finish_import(session, first_new)
            if embed.enabled():  # the optional embeddings (off by default)
                embed.store_vectors(session, first_new)
        if report.sources_added:
            record_event(session, analyst, "import", "evidence", None, None, None,
                         {"path": str(path), "sources": report.sources_added,
                          "passages": report.passages_added})
    return report


def import_paths(
    db: Database,
    paths: Iterable[Path],
    *,
    publisher: str | None = None,
    url: str | None = None,
    progress: Progress | None = None,
    analyst: str = "verify",
) -> ImportReport:
    """Import files and folders in order; stop at the first bad file (earlier files stay)."""
    files = evidence_files(paths)
    total = ImportReport()
    for done, path in enumerate(files):
        if progress:
            progress(done, len(files), str(path))
        one = import_file(db, path, publisher=publisher, url=url, analyst=analyst)
        total.files += 1
        total.sources_added += one.sources_added
        total.sources_skipped += one.sources_skipped
        total.passages_added += one.passages_added
        total.paths.append(path)
    if total.passages_added:
        with db.write() as session:
            store.refresh_statistics(session)
    if progress:
        progress(len(files), len(files), "")
    return total
