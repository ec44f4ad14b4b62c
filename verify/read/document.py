"""What a reader yields: one cleaned document, and the file formats known."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from verify.sanitize import clean_line

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
TRANSCRIPT_SUFFIXES = (".vtt", ".srt")  # captions: always read as transcripts


EVIDENCE_SUFFIXES = (*ARTICLE_SUFFIXES, ".pdf", ".docx", ".jsonl", ".csv", ".tsv")


FORMAT = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".jsonl": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".vtt": "vtt",
    ".srt": "srt",
}


_MAX_META_CHARS = 2000  # titles, urls, publishers and ids are cut to this length


@dataclass(frozen=True)
class Fetched:
    """What a URL answered: kept byte for byte as the archived copy of a web source."""

    url: str
    """The URL asked for."""
    final_url: str
    """Where it led, after redirects."""
    fetched_at: datetime
    """When, in UTC."""
    content_type: str
    body: bytes


@dataclass(frozen=True)
class Document:
    """One readable unit: a whole file, or one record of a .jsonl/.csv/.tsv file."""

    path: Path | None
    """The file read; None for a web page (its ``url`` says where it came from)."""
    text: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published_at: str | None = None
    external_id: str | None = None
    line: int | None = None
    format: str = "txt"
    sha256: str = ""
    author: str | None = None
    """PDF and Word: the author in the metadata, taken as the publisher when none is named."""
    page_starts: tuple[int, ...] = ()
    """PDF: the offset in ``text`` at which page n + 1 starts (a page without text starts
    where the next one does)."""
    paragraph_starts: tuple[int, ...] = ()
    """Word: the offset in ``text`` at which the document's paragraph n + 1 starts
    (a title paragraph, not part of ``text``, counts as the first)."""
    fetched: Fetched | None = None
    """A web page or document fetched by URL: what was fetched, kept as its archived copy."""
    turns: tuple[Turn, ...] = ()
    """A transcript: its turns; empty for an article."""

    @property
    def kind(self) -> str:
        return "transcript" if self.turns else "article"

    def page_of(self, offset: int) -> int | None:
        """The page number (from 1) of the character at ``offset``, None if not a PDF."""
        return _number_at(self.page_starts, offset)

    def paragraph_of(self, offset: int) -> int | None:
        """The paragraph number (from 1) of the character at ``offset`` in a Word file."""
        return _number_at(self.paragraph_starts, offset)


def place(page: int | None, paragraph: int | None) -> str | None:
    """Where a passage sits in its document, as a citation gives it: "p. 14" for a PDF's
    page, "para. 3" for a Word document's paragraph; None for other files."""
    if page is not None:
        return f"p. {page}"
    if paragraph is not None:
        return f"para. {paragraph}"
    return None


def _number_at(starts: tuple[int, ...], offset: int) -> int | None:
    if not starts:
        return None
    return max(bisect_right(starts, offset), 1)


def meta_line(value: object) -> str | None:
    """A metadata string cleaned to one line, cut to a sane length; empty -> None."""
    if value is None:
        return None
    text = clean_line(str(value))[:_MAX_META_CHARS]
    return text or None


@dataclass(frozen=True)
class Turn:
    """A speaker's turn in a transcript, or a stage direction (``direction``).

    ``spans`` are the offsets, in the document's text, of what is said on each of the
    turn's lines (after the label); ``line`` is the line of the document where it opens.
    """

    speaker: str | None  # the label as written: "HOLT", "Lester Holt", "Q"
    spans: tuple[tuple[int, int], ...]
    line: int
    timestamp: str | None = None  # "00:01:23" when the transcript gives one
    direction: bool = False

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]
