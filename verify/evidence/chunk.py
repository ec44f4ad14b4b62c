"""Splitting an evidence document into passages with character offsets.

A passage is a paragraph; a paragraph of more than ``MAX_WORDS`` words is cut at
sentence boundaries into pieces of about ``TARGET_WORDS``; a short line (a heading, a
label) is joined to the paragraph after it. ``text[start:end]`` of the document is
always exactly the passage text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from verify.extract.sentences import split_sentences

TARGET_WORDS = 60
MAX_WORDS = 90
SHORT_WORDS = 8

_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Chunk:
    text: str
    start: int
    end: int


def _words(text: str) -> int:
    return len(text.split())


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _LINE.finditer(text):
        line = match.group()
        stripped = line.strip()
        if not stripped:
            continue
        start = match.start() + (len(line) - len(line.lstrip()))
        spans.append((start, start + len(stripped)))
    return spans


def _split_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut one long paragraph into sentence groups of about TARGET_WORDS words."""
    sentences = split_sentences(text[start:end])
    if len(sentences) <= 1:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    piece_start = start + sentences[0].start
    piece_end = piece_start
    count = 0
    for sentence in sentences:
        n = _words(sentence.text)
        if count and count + n > TARGET_WORDS:
            pieces.append((piece_start, piece_end))
            piece_start, count = start + sentence.start, 0
        piece_end = start + sentence.end
        count += n
    pieces.append((piece_start, piece_end))
    return pieces


def chunk(text: str) -> list[Chunk]:
    """The passages of ``text``, in order."""
    if "\n" not in text and SHORT_WORDS <= _words(text) <= MAX_WORDS and text == text.strip():
        return [Chunk(text, 0, len(text))]  # the common record: one short paragraph
    spans: list[tuple[int, int]] = []
    pending: int | None = None  # start of a short line waiting to join the next paragraph
    for start, end in _paragraphs(text):
        if pending is not None:
            start = pending
            pending = None
        if _words(text[start:end]) < SHORT_WORDS:
            pending = start
            last_end = end
            continue
        if _words(text[start:end]) > MAX_WORDS:
            spans.extend(_split_long(text, start, end))
        else:
            spans.append((start, end))
    if pending is not None:
        if spans and _words(text[spans[-1][0] : last_end]) <= MAX_WORDS:
            spans[-1] = (spans[-1][0], last_end)
        else:
            spans.append((pending, last_end))
    return [Chunk(text[s:e], s, e) for s, e in spans]
