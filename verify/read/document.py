"""What a reader yields: one cleaned document, and the file formats known."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from verify.sanitize import clean_line

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


EVIDENCE_SUFFIXES = (*ARTICLE_SUFFIXES, ".jsonl", ".csv", ".tsv")


FORMAT = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
}


_MAX_META_CHARS = 2000  # titles, urls, publishers and ids are cut to this length


@dataclass(frozen=True)
class Document:
    """One readable unit: a whole file, or one record of a .jsonl/.csv/.tsv file."""

    path: Path
    text: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published_at: str | None = None
    external_id: str | None = None
    line: int | None = None
    format: str = "txt"
    sha256: str = ""


def meta_line(value: object) -> str | None:
    """A metadata string cleaned to one line, cut to a sane length; empty -> None."""
    if value is None:
        return None
    text = clean_line(str(value))[:_MAX_META_CHARS]
    return text or None
