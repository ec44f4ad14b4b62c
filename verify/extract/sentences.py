"""Blocks and sentences with character offsets into the whole text.

A scraped article has one paragraph per line, and datelines, captions, bullets and wire
credits sit on lines of their own, so the text is first cut into blocks (non-empty lines;
a file wrapped at a fixed width has its wrapped lines joined again), then each block into
sentences with pysbd. pysbd knows abbreviations ("Mr.", "No. 5"),
decimals ("3.5 per cent") and quotations, which a regular expression does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pysbd


@dataclass(frozen=True)
class Sentence:
    """A sentence: ``text == source[start:end]``, stripped of surrounding whitespace."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Block:
    """A paragraph (a non-empty line, or lines wrapped at a fixed width), stripped:
    ``text == source[start:end]``."""

    text: str
    start: int
    end: int


_LINE = re.compile(r"^([^\n]*)$", re.MULTILINE)
_ENDS_SENTENCE = re.compile(r"[.!?…:][\"'”’)\]]*$|[\"”’]$")
# A block needs pysbd only if a sentence could end before its last character.
_INNER_STOP = re.compile(r"[.!?…][\"'”’)\]]*\s+\S")


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    """One pysbd segmenter for the process (building its rules is the slow part)."""
    return pysbd.Segmenter(language="en", clean=False, char_span=False)


def _hard_wrapped(lines: list[str]) -> bool:
    """Whether paragraphs were wrapped at a fixed width (a plain-text or Markdown file).

    A scraped page has one paragraph per line; in a wrapped file most lines are long,
    short of 100 characters, and stop mid-sentence.
    """
    filled = [line.strip() for line in lines if line.strip()]
    if len(filled) < 3 or max(len(line) for line in lines) > 100:
        return False
    cut = [line for line in filled if len(line) >= 55 and not _ENDS_SENTENCE.search(line)]
    return len(cut) >= 0.3 * len(filled)


def split_blocks(text: str) -> list[Block]:
    """The paragraphs of ``text``, stripped, with offsets into ``text``.

    Each non-empty line is a block, except that a line that stops mid-sentence runs on
    into the next when that one starts in lower case, or when the whole text is wrapped at
    a fixed width (then only a blank line or a finished sentence ends a paragraph).
    """
    lines = [(m.start(), m.group(1)) for m in _LINE.finditer(text)]
    wrapped = _hard_wrapped([line for _, line in lines])
    spans: list[list[int]] = []
    joinable = False
    previous_end = -1
    for offset, line in lines:
        stripped = line.strip()
        if not stripped:
            joinable = False
            continue
        start = offset + (len(line) - len(line.lstrip()))
        end = start + len(stripped)
        adjacent = previous_end >= 0 and "\n\n" not in text[previous_end:start].replace(" ", "")
        if joinable and adjacent and (stripped[0].islower() or wrapped):
            spans[-1][1] = end
        else:
            spans.append([start, end])
        joinable = not _ENDS_SENTENCE.search(stripped) and (wrapped or len(stripped) >= 45)
        previous_end = end
    return [Block(text[a:b], a, b) for a, b in spans]


def split_block(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Sentences of ``text[start:end]`` (one paragraph), offsets into ``text``."""
    end = len(text) if end is None else end
    chunk = text[start:end]
    if not chunk.strip():
        return []
    # pysbd ends a sentence at a line break; inside a block a line break is a wrapped line
    flat = re.sub(r"\s", " ", chunk)
    # a block with no stop before its end is one sentence: pysbd need not look at it
    pieces = _segmenter().segment(flat) if _INNER_STOP.search(flat) else [flat]
    sentences: list[Sentence] = []
    cursor = 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        found = flat.find(piece, cursor)
        if found == -1:
            # pysbd changed the text (it should not with clean=False): keep the rest whole
            found = cursor + (len(flat[cursor:]) - len(flat[cursor:].lstrip()))
            piece = flat[found:].rstrip()
            if piece:
                sentences.append(_sentence(chunk, start, found, found + len(piece)))
            return sentences
        sentences.append(_sentence(chunk, start, found, found + len(piece)))
        cursor = found + len(piece)
    return sentences


def _sentence(chunk: str, offset: int, a: int, b: int) -> Sentence:
    return Sentence(chunk[a:b], offset + a, offset + b)


def split_sentences(text: str) -> list[Sentence]:
    """All sentences of ``text``, block by block, in order, offsets into ``text``."""
    sentences: list[Sentence] = []
    for block in split_blocks(text):
        sentences.extend(split_block(text, block.start, block.end))
    return sentences
