"""Evidence records made ready to store: a source row and its passages, in batches."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from verify.evidence.chunk import chunk
from verify.read import Document, read_evidence
from verify.read.document import meta_line
from verify.sanitize import clean_line

BATCH = 2_000  # records per batch


class Prepared(NamedTuple):
    """One record: its content hash, its source row and its passage rows, as the
    tuples :func:`db.evidence.insert_sources` takes."""

    sha256: str
    source: tuple[Any, ...]
    passages: list[tuple[int, str, int, int]]


def _source_row(doc: Document, publisher: str | None, url: str | None) -> tuple[Any, ...]:
    # in db.evidence.SOURCE_COLUMNS order; what the user typed and the file's name are
    # cleaned as the file's own text is
    return (
        doc.title,
        doc.publisher or meta_line(publisher),
        doc.url or meta_line(url),
        clean_line(str(doc.path)),
        doc.line,
        doc.external_id,
        doc.published_at,
        doc.format,
        doc.text,
        doc.sha256,
    )


def _passage_rows(text: str) -> list[tuple[int, str, int, int]]:
    # in db.evidence.PASSAGE_COLUMNS order
    return [(i, c.text, c.start, c.end) for i, c in enumerate(chunk(text))]


def prepare_file(
    path: Path, publisher: str | None = None, url: str | None = None
) -> Iterator[list[Prepared]]:
    """The records of ``path``, read, checked and chunked, in batches of ``BATCH``.

    Raises InputError (naming the file and line) at the first bad record.
    """
    batch: list[Prepared] = []
    for doc in read_evidence(path):
        batch.append(
            Prepared(doc.sha256, _source_row(doc, publisher, url), _passage_rows(doc.text))
        )
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch
