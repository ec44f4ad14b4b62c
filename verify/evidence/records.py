"""Evidence records made ready to store: a source row and its passages, in batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from verify.evidence.chunk import chunk
from verify.progress import Progress
from verify.read import Document, read_evidence
from verify.read.document import Fetched, meta_line
from verify.sanitize import clean_line

BATCH = 2_000  # records per batch


class Prepared(NamedTuple):
    """One record: its content hash, its source row and its passage rows, as the
    tuples :func:`db.evidence.insert_sources` takes."""

    sha256: str
    source: tuple[Any, ...]
    passages: list[tuple[int, str, int, int, int | None, int | None]]
    fetched: Fetched | None = None
    """What a URL answered, kept as the source's archived copy."""


def _source_row(doc: Document, publisher: str | None, url: str | None) -> tuple[Any, ...]:
    # in db.evidence.SOURCE_COLUMNS order; what the user typed and the file's name are
    # cleaned as the file's own text is
    return (
        doc.title,
        doc.publisher or meta_line(publisher) or doc.author,  # an author is the weakest guess
        doc.url or meta_line(url),
        clean_line(str(doc.path)) if doc.path is not None else None,
        doc.line,
        doc.external_id,
        doc.published_at,
        doc.format,
        doc.text,
        doc.sha256,
    )


def _passage_rows(doc: Document) -> list[tuple[int, str, int, int, int | None, int | None]]:
    # in db.evidence.PASSAGE_COLUMNS order
    return [
        (i, c.text, c.start, c.end, doc.page_of(c.start), doc.paragraph_of(c.start))
        for i, c in enumerate(chunk(doc.text, doc.page_starts))
    ]


def prepare_file(
    path: Path,
    publisher: str | None = None,
    url: str | None = None,
    progress: Progress | None = None,
) -> Iterator[list[Prepared]]:
    """The records of ``path``, read, checked and chunked, in batches of ``BATCH``.

    Raises InputError (naming the file and line) at the first bad record. ``progress``
    hears of a PDF's pages as they are read.
    """
    return prepare_documents(read_evidence(path, progress), publisher, url)


def prepare_documents(
    docs: Iterable[Document], publisher: str | None = None, url: str | None = None
) -> Iterator[list[Prepared]]:
    """Documents read elsewhere (a fetched web page) made ready to store, in batches."""
    batch: list[Prepared] = []
    for doc in docs:
        batch.append(
            Prepared(doc.sha256, _source_row(doc, publisher, url), _passage_rows(doc), doc.fetched)
        )
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch
