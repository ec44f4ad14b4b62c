"""What a reader yields: one cleaned document, and the file formats known."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from verify.sanitize import clean_line

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
TRANSCRIPT_SUFFIXES = (".vtt", ".srt")  # captions: always read as transcripts


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
    ".vtt": "vtt",
    ".srt": "srt",
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
    turns: tuple[Turn, ...] = ()  # a transcript's turns; empty for an article

    @property
    def kind(self) -> str:
        return "transcript" if self.turns else "article"


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
