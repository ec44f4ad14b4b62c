"""Importing evidence files: each file whole, in one transaction, or not at all."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import nullcontext, suppress
from dataclasses import dataclass, field
from pathlib import Path

from db import evidence as store
from db.session import Database
from db.team import record_event
from verify.evidence.readahead import ReadAhead
from verify.evidence.records import Prepared, prepare_file
from verify.match import embed
from verify.progress import Progress
from verify.read import evidence_files, skipped_in_folders

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
    paths: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    """Files in the folders given that were not read, and why."""


def import_file(
    db: Database,
    path: Path,
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
        batches = prepare_file(path, publisher, url, pages)
    with db.write() as session:
        first_new = store.last_passage_id(session)
        seen: set[str] = set()
        for batch in batches:
            unique = []
            for record in batch:
                if record.sha256 in seen:
                    report.sources_skipped += 1
                else:
                    seen.add(record.sha256)
                    unique.append(record)
            known = store.existing_hashes(session, (r.sha256 for r in unique))
            fresh = [r for r in unique if r.sha256 not in known]
            report.sources_skipped += len(unique) - len(fresh)
            report.sources_added += len(fresh)
            report.passages_added += store.insert_sources(
                session, [r.source for r in fresh], [r.passages for r in fresh]
            )
        if report.passages_added:
            store.finish_import(session, first_new)
        last_new = store.last_passage_id(session)
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
                    "path": str(path),
                    "sources": report.sources_added,
                    "passages": report.passages_added,
                },
            )
    if report.passages_added and embed.enabled():  # the optional embeddings (off by default)
        embed.store_vectors(db, first_new, last_new)
    return report


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
    paths: Iterable[Path],
    *,
    publisher: str | None = None,
    url: str | None = None,
    progress: Progress | None = None,
    analyst: str = "verify",
    read_ahead: bool | None = None,
) -> ImportReport:
    """Import files and folders in order; stop at the first bad file (earlier files stay).

    ``read_ahead`` reads the files in a second process while this one stores them;
    by default it does so when the files add up to ``READ_AHEAD_BYTES`` or more.
    """
    paths = list(paths)
    files = evidence_files(paths)
    if read_ahead is None:
        read_ahead = _total_bytes(files) >= READ_AHEAD_BYTES
    total = ImportReport(skipped=skipped_in_folders(paths))
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
