"""Splitting an evidence document into passages with character offsets.

A passage is a paragraph; a paragraph of more than ``MAX_WORDS`` words is cut at
sentence boundaries into pieces of about ``TARGET_WORDS``; a short line (a heading, a
label) is joined to the paragraph after it; no passage is longer than ``MAX_CHARS``.
``text[start:end]`` of the document is always exactly the passage text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from verify.extract.sentences import split_sentences

TARGET_WORDS = 60
MAX_WORDS = 90
SHORT_WORDS = 8
MAX_CHARS = 2_000
"""No passage is longer: text with no sentence boundary (a long unpunctuated line, one
endless token) is cut at whitespace into pieces of ``TARGET_WORDS`` words, and within a
token longer than this, every ``MAX_CHARS`` characters. Ordinary passages (90 words at
most) stay far below it."""
SENTENCE_CHARS = 100_000
"""A paragraph longer than this is not given to the sentence splitter (which is slow on
megabytes of text); it is cut as above."""
_TOKEN = re.compile(r"\S+")

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


def _cut(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` in pieces of at most ``TARGET_WORDS`` words and ``MAX_CHARS``
    characters, cut at whitespace (inside a token only when it alone is too long)."""
    pieces: list[tuple[int, int]] = []
    position = start
    while True:
        first = _TOKEN.search(text, position, end)
        if first is None:
            return pieces
        begin = first.start()
        limit = min(end, begin + MAX_CHARS)
        stop, words = begin, 0
        for token in _TOKEN.finditer(text, begin, limit):
            cut_short = token.end() == limit and limit < end and not text[limit].isspace()
            if words == TARGET_WORDS or (cut_short and words):
                break
            stop, words = token.end(), words + 1
        pieces.append((begin, stop))
        position = stop


def _capped(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if end - start <= MAX_CHARS and _words(text[start:end]) <= MAX_WORDS:
        return [(start, end)]
    return _cut(text, start, end)


def chunk(text: str, breaks: Sequence[int] = ()) -> list[Chunk]:
    """The passages of ``text``, in order. ``breaks`` are offsets where a page starts: a
    short line waiting to join the next paragraph never joins one on a later page."""
    if (
        "\n" not in text
        and len(text) <= MAX_CHARS
        and SHORT_WORDS <= _words(text) <= MAX_WORDS
        and text == text.strip()
    ):
        return [Chunk(text, 0, len(text))]  # the common record: one short paragraph
    spans: list[tuple[int, int]] = []
    pending: int | None = None  # start of a short line waiting to join the next paragraph
    last_end = 0
    for start, end in _paragraphs(text):
        if pending is not None and any(pending < b <= start for b in breaks):
            spans.append((pending, last_end))  # the end of its page: a passage of its own
            pending = None
        if pending is not None:
            start = pending
            pending = None
        if _words(text[start:end]) < SHORT_WORDS:
            pending = start
            last_end = end
            continue
        if end - start > SENTENCE_CHARS:
            spans.extend(_cut(text, start, end))
        elif _words(text[start:end]) > MAX_WORDS:
            spans.extend(_split_long(text, start, end))
        else:
            spans.append((start, end))
    if pending is not None:
        if spans and _words(text[spans[-1][0] : last_end]) <= MAX_WORDS:
            spans[-1] = (spans[-1][0], last_end)
        else:
            spans.append((pending, last_end))
    return [Chunk(text[a:b], a, b) for s, e in spans for a, b in _capped(text, s, e)]
