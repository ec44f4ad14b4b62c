"""Importing evidence files: each file whole, in one transaction, or not at all."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import nullcontext, suppress
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from sqlmodel import Session

from db import archive as web_copy_db
from db import evidence as evidence_db
from db.audit import record_event
from db.session import Database
from verify.evidence.readahead import ReadAhead
from verify.evidence.records import Prepared, prepare_documents, prepare_file
from verify.match import embed
from verify.progress import Progress
from verify.read import evidence_files, skipped_in_folders
from verify.read.document import Fetched
from verify.read.web import is_url, read_url
from verify.sanitize import clean_line

READ_AHEAD_BYTES = 32 * 2**20
"""Runs of files at least this large are read ahead in a second process
(:mod:`verify.evidence.readahead`); below it, starting that process costs more than it
saves."""

"""progress(done, total, what): called as files are imported."""


@dataclass
class ImportReport:
    files: int = 0
    sources_added: int = 0
    sources_skipped: int = 0
    passages_added: int = 0
    paths: list[Path | str] = field(default_factory=list)
    """The files and URLs imported."""
    skipped_links: list[Path] = field(default_factory=list)
    """Symlinks in the folders given that lead out of them: not read."""
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    """Files in the folders given that were not read, and why."""

    def add(self, one: ImportReport) -> None:
        self.files += one.files
        self.sources_added += one.sources_added
        self.sources_skipped += one.sources_skipped
        self.passages_added += one.passages_added
        self.paths.extend(one.paths)
        self.skipped.extend(one.skipped)


def import_file(
    db: Database,
    path: Path | str,
    *,
    publisher: str | None = None,
    url: str | None = None,
    analyst: str = "verify",
    batches: Iterable[list[Prepared]] | None = None,
    pages: Progress | None = None,
) -> ImportReport:
    """Import one evidence file in one transaction; an InputError leaves nothing of it.

    ``batches`` are the file's prepared records when something else reads them (the
    read-ahead process or a web fetch); by default they are read here, and ``pages``
    hears of a PDF's pages as they are read.
    """
    report = ImportReport(files=1, paths=[path])
    if batches is None:
        batches = prepare_file(Path(path), publisher, url, pages)
    with db.write() as session:
        first_new = evidence_db.last_passage_id(session)
        seen: set[str] = set()
        for batch in batches:
            unique = []
            for record in batch:
                if record.sha256 in seen:
                    report.sources_skipped += 1
                else:
                    seen.add(record.sha256)
                    unique.append(record)
            known = evidence_db.existing_hashes(session, (r.sha256 for r in unique))
            fresh = [r for r in unique if r.sha256 not in known]
            report.sources_skipped += len(unique) - len(fresh)
            report.sources_added += len(fresh)
            report.passages_added += evidence_db.insert_sources(
                session, [r.source for r in fresh], [r.passages for r in fresh]
            )
            for record in fresh:
                if record.fetched is not None:
                    keep_copy(session, record.fetched, source_sha256=record.sha256)
        if report.passages_added:
            evidence_db.finish_import(session, first_new)
        last_new = evidence_db.last_passage_id(session)
        if report.sources_added:
            record_event(
                session,
                analyst,
                "import",
                "evidence",
                None,
                None,
                None,
                {
                    "path": clean_line(str(path)),
                    "sources": report.sources_added,
                    "passages": report.passages_added,
                },
            )
    if report.passages_added and embed.enabled():  # the optional embeddings (off by default)
        embed.store_vectors(db, first_new, last_new)
    return report


def keep_copy(
    session: Session,
    fetched: Fetched,
    *,
    source_sha256: str | None = None,
    article_id: int | None = None,
) -> None:
    """Keep the bytes of a fetched page for the source of ``source_sha256`` or for the
    article ``article_id``, in the caller's transaction."""
    web_copy_db.add_copy(
        session,
        url=fetched.url,
        final_url=fetched.final_url,
        fetched_at=fetched.fetched_at,
        content_type=fetched.content_type,
        body=fetched.body,
        source_sha256=source_sha256,
        article_id=article_id,
    )


def import_url(
    db: Database,
    url: str,
    *,
    publisher: str | None = None,
    analyst: str = "verify",
    pages: Progress | None = None,
) -> ImportReport:
    """Fetch a web page or document and import it as one source, with the fetched bytes
    as its archived copy; unchanged content fetched again changes nothing."""
    doc = read_url(url, progress=pages)
    batches = prepare_documents([doc], publisher, None)
    return import_file(db, url, publisher=publisher, analyst=analyst, batches=batches)


def _total_bytes(files: Iterable[Path]) -> int:
    total = 0
    for path in files:
        with suppress(OSError):  # a missing file is reported when it is read
            total += path.stat().st_size
    return total


def _page_progress(progress: Progress | None, done: int, total: int, path: Path) -> Progress | None:
    """A PDF's pages as the progress, while they are read: ``37/500 pages of FILE``."""
    if progress is None:
        return None
    which = f" (file {done + 1} of {total})" if total > 1 else ""

    def show(page: int, pages: int, _: str) -> None:
        progress(page, pages, f"pages of {path.name}{which}")

    return show


def import_paths(
    db: Database,
    paths: Iterable[Path | str],
    *,
    publisher: str | None = None,
    url: str | None = None,
    progress: Progress | None = None,
    analyst: str = "verify",
    read_ahead: bool | None = None,
) -> ImportReport:
    """Import files and folders, then URLs (strings such as ``https://...``), in order;
    stop at the first bad file or failed fetch (what came before stays).

    ``read_ahead`` reads the files in a second process while this one stores them;
    by default it does so when the files add up to ``READ_AHEAD_BYTES`` or more.
    """
    given = list(paths)
    urls = [str(p) for p in given if isinstance(p, str) and is_url(p)]
    rest = [Path(p) for p in given if not (isinstance(p, str) and is_url(p))]
    total = ImportReport(skipped=skipped_in_folders(rest))
    files = evidence_files(rest, total.skipped_links) if rest else []
    if read_ahead is None:
        read_ahead = _total_bytes(files) >= READ_AHEAD_BYTES
    with ReadAhead(files, publisher, url) if read_ahead else nullcontext() as reader:
        for done, path in enumerate(files):
            if progress:
                progress(done, len(files), str(path))
            one = import_file(
                db,
                path,
                publisher=publisher,
                url=url,
                analyst=analyst,
                batches=reader.batches() if reader else None,
                pages=_page_progress(progress, done, len(files), path),
            )
            total.add(one)
    count = len(files) + len(urls)
    for done, address in enumerate(urls, len(files)):
        if progress:
            progress(done, count, address)
        total.add(
            import_url(
                db,
                address,
                publisher=publisher,
                analyst=analyst,
                pages=_page_progress(progress, done, count, Path(urlsplit(address).path)),
            )
        )
    if total.passages_added:
        with db.write() as session:
            evidence_db.refresh_statistics(session)
    if progress:
        progress(count, count, "")
    return total
