"""Transcripts: who speaks on which line, and captions turned into turns.

A transcript is text in turns, one paragraph a line, each turn opened by a speaker label:

- ``NAME: text``, where NAME is an upper-case surname or name ("HOLT", "LESLEY STAHL",
  "O'MALLEY", "MR. SCHWAB"), a name in title case of up to four words ("Lester Holt"), or a
  role ("MODERATOR", "Q", "A", "Interviewer");
- ``Name (00:01:23): text``, as transcription services write them (a timestamp after the
  name);
- ``Q. text`` and ``A. text``, an interview's questions and answers;
- a line without a label continues the turn above it.

A line that is only stage directions ("(APPLAUSE)", "[CROSSTALK]", "(BEGIN VIDEO CLIP)",
"[inaudible 00:03:10]") is a turn of its own marked ``direction``: furniture, never a claim.

WebVTT and SRT captions become such text first (:func:`captions_to_text`): a cue's voice
(``<v Name>``, or a ``NAME:`` or ``>> NAME:`` at its start) opens a turn written
``Name (hh:mm:ss): text``, with the cue's start time; cues without a voice continue the
turn before them.

:func:`looks_like_transcript` tells a transcript from an article by its shape.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import replace

from verify.read.document import Turn

_UPPER_NAME = r"[A-Z][A-Z'’.\-]*(?:\s+[A-Z][A-Z'’.\-]*){0,3}"
_TITLE_NAME = r"[A-Z][a-z'’.\-]+(?:\s+(?:[A-Z][\w'’.\-]*|de|da|del|van|von|der|bin|al|la|le)){0,3}"
_TIMESTAMP = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
LABEL = re.compile(
    rf"^(?:>>\s*)?(?P<name>{_UPPER_NAME}|{_TITLE_NAME})"
    rf"(?:\s*[\(\[](?P<ts>{_TIMESTAMP})[\)\]])?\s*:\s+(?=\S)"
)
# an interview's "Q. How many ...?" and "A. Six." (a stop instead of a colon)
QA_LABEL = re.compile(r"^(?P<name>[QA])\.\s+(?P<ts>(?!))?(?=\S)")
DIRECTION = re.compile(r"^(?:\s*[\(\[][^()\[\]\n]{1,80}[\)\]])+\s*$")
# words before a colon that label an article's furniture, not a speaker
_NOT_SPEAKERS = frozenset(
    """
    note notes update updated updates source sources photo photos image images picture
    caption credit topics tags related read more watch listen summary key points in short
    editor's editors correction corrections transcript date time location title url
    publisher published by warning disclaimer subject re fw fwd tel email web see also
    breaking live analysis opinion video audio
    """.split()
)


def label_at(line: str) -> re.Match[str] | None:
    """The speaker label opening ``line`` ("HOLT: ...", "Lester Holt (00:01:23): ..."), if any."""
    match = LABEL.match(line) or QA_LABEL.match(line)
    if match is None:
        return None
    name = match.group("name")
    words = name.lower().replace("’", "'").split()
    if words and (words[0] in _NOT_SPEAKERS or " ".join(words) in _NOT_SPEAKERS):
        return None
    if name.isupper() and len(name) == 1 and name not in "QA":
        return None  # "I: ..." is a sentence, not a speaker
    return match


def is_direction(line: str) -> bool:
    """A line made only of stage directions: "(APPLAUSE)", "[CROSSTALK]", "(LAUGHTER)"."""
    return bool(DIRECTION.match(line))


def looks_like_transcript(text: str) -> bool:
    """Whether ``text`` (one paragraph a line) reads as a transcript rather than an article.

    It does when two speakers or more each open at least two turns and labelled lines are
    at least a tenth of all lines; or when one of its first three lines opens with an
    upper-case speaker label (a speech: "TRUMP: Thank you ...") or with a timestamped one.
    """
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return False
    labels: Counter[str] = Counter()
    for line in lines:
        match = label_at(line)
        if match:
            labels[_fold(match.group("name"))] += 1
    repeated = [name for name, n in labels.items() if n >= 2]
    if len(repeated) >= 2 and sum(labels.values()) * 10 >= len(lines):
        return True
    for line in lines[:3]:
        match = label_at(line)
        dotted = match is not None and match.re is QA_LABEL  # "A. Smith" may open prose
        if match and not dotted and (match.group("ts") or match.group("name").isupper()):
            return True
    return False


def _fold(name: str) -> str:
    return " ".join(name.replace("’", "'").split()).lower()


def find_turns(text: str) -> list[Turn]:
    """The turns of a transcript (one paragraph a line), with offsets into ``text``.

    Lines before the first label (a heading, a note on the source) belong to no turn. A
    line without a label continues the last speaker's turn, also after a stage direction.
    """
    turns: list[Turn] = []
    speaking: int | None = None  # index of the turn a line without a label continues
    offset = 0
    for number, line in enumerate(text.split("\n"), 1):
        start, end = offset, offset + len(line)
        offset = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        if is_direction(stripped):
            turns.append(Turn(None, ((start, end),), number, direction=True))
            continue
        match = label_at(line)
        if match:
            name = " ".join(match.group("name").split())
            timestamp = _timestamp(match.group("ts"))
            speaking = len(turns)
            turns.append(Turn(name, ((start + match.end(), end),), number, timestamp))
        elif speaking is not None:
            last = turns[speaking]
            turns[speaking] = replace(last, spans=(*last.spans, (start, end)))
    return turns


def _timestamp(value: str | None) -> str | None:
    """ "1:23" -> "00:01:23", "00:01:23,456" -> "00:01:23"."""
    if not value:
        return None
    parts = re.split(r"[.,]", value)[0].split(":")
    if len(parts) == 2:
        parts = ["0", *parts]
    return ":".join(f"{int(p):02d}" for p in parts)


# --- captions ---------------------------------------------------------------------------

_CUE_TIME = re.compile(
    r"^(?P<start>(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3}"
)
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>|<\d[\d:.]*>")


def captions_to_text(raw: str) -> str:
    """WebVTT or SRT captions as transcript text: ``Name (hh:mm:ss): text`` turns.

    Cue numbers, timings, NOTE/STYLE/REGION blocks and markup tags go; a voice opens a
    turn, a cue without one continues the turn before it, and a cue that is only a stage
    direction gets a line of its own.
    """
    paragraphs: list[list[str]] = []  # [label or "", words...]
    current: str | None = None
    for block in re.split(r"\n\s*\n", raw.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [line.strip() for line in block.strip().split("\n") if line.strip()]
        timing = next((i for i, line in enumerate(lines) if _CUE_TIME.match(line)), None)
        if timing is None:
            continue  # the WEBVTT header, NOTE, STYLE, REGION, stray text
        start = _CUE_TIME.match(lines[timing]).group("start")  # type: ignore[union-attr]
        payload = " ".join(lines[timing + 1 :])
        if not payload:
            continue
        voice = _VOICE.search(payload)
        name = " ".join(voice.group(1).split()) if voice else None
        words = html.unescape(_TAG.sub("", payload)).strip()
        words = re.sub(r"^-\s+", "", words)
        if name is None:
            labelled = label_at(re.sub(r"^-\s+", "", words))
            if labelled:
                name = " ".join(labelled.group("name").split())
                words = re.sub(r"^-\s+", "", words)[labelled.end() :]
        if not words:
            continue
        if is_direction(words):
            paragraphs.append(["", words])
            continue
        if name is not None and name != current:
            current = name
            paragraphs.append([f"{name} ({_timestamp(start)}):", words])
        elif paragraphs and paragraphs[-1][0]:
            paragraphs[-1].append(words)
        else:
            paragraphs.append(["", words])
    return "\n".join(" ".join(p for p in paragraph if p) for paragraph in paragraphs)


def starts_turn(line: str) -> bool:
    """Whether ``line`` opens a turn or is a stage direction (never joined to the line above)."""
    return label_at(line) is not None or is_direction(line.strip())


def file_lines(turns: list[Turn], text: str, raw: str) -> list[Turn]:
    """``turns`` with ``line`` counted in the file (``raw``) rather than in ``text``.

    Each turn's opening line is looked up, in order, among the file's lines by its first
    words; a turn not found keeps its line in ``text``.
    """
    raw_lines = [" ".join(line.split()) for line in raw.split("\n")]
    text_lines = text.split("\n")
    found: list[Turn] = []
    cursor = 0
    for turn in turns:
        head = " ".join(text_lines[turn.line - 1].split())[:40]
        for index in range(cursor, len(raw_lines)):
            if head and raw_lines[index].startswith(head):
                turn = replace(turn, line=index + 1)
                cursor = index + 1
                break
        found.append(turn)
    return found
