"""Which claims of an article's new version are its old claims: unchanged, changed,
new or removed.

A new claim whose sentence is the old one's (whitespace aside) is the same claim,
unchanged. Of the rest, pairs whose sentences are at least :data:`SIMILAR` alike
(rapidfuzz ``ratio``, best pairs first) are one claim, changed. An old claim left over
whose own words are still in the new text (one an analyst added, or the second part of
a split) is unchanged too. Any other old claim is removed; any other new one is new.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from rapidfuzz import fuzz

SIMILAR = 80.0
"""The least ``ratio`` (0-100) of two sentences taken for one claim, changed. Below it a
claim reads as removed and a new one found: its verdict stays, for the record, on the
removed claim, where a wrong pairing would carry it onto another claim."""


class Found(Protocol):
    """A claim found in the new version (:class:`verify.extract.claims.ClaimCandidate`)."""

    @property
    def text(self) -> str: ...
    @property
    def sentence(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


@dataclass(frozen=True)
class OldClaim:
    id: int
    text: str
    sentence: str


@dataclass(frozen=True)
class Kept:
    """An old claim, unchanged, now at ``start``-``end`` of the new text."""

    claim_id: int
    start: int
    end: int


@dataclass(frozen=True)
class Changed:
    """An old claim whose sentence changed into the new version's ``found[index]``."""

    claim_id: int
    index: int
    similarity: float


@dataclass(frozen=True)
class Correspondence:
    kept: tuple[Kept, ...]
    changed: tuple[Changed, ...]
    new: tuple[int, ...]
    """Indexes into ``found`` of claims not in the old version."""
    removed: tuple[int, ...]
    """Ids of old claims not in the new version."""


def fold(text: str) -> str:
    return " ".join(text.split())


def locate(words: str, text: str, lo: int = 0, hi: int | None = None) -> tuple[int, int] | None:
    """Where ``words`` stand in ``text[lo:hi]`` (any whitespace between them, not part of
    a longer word or number: "4.1" is not in "4.15"), if they do."""
    parts = words.split()
    if not parts:
        return None
    pattern = re.compile(r"(?<![\w.,])" + r"\s+".join(map(re.escape, parts)) + r"(?![\w]|[.,]\w)")
    found = pattern.search(text, lo, len(text) if hi is None else hi)
    return (found.start(), found.end()) if found else None


def correspond(
    old: Sequence[OldClaim], found: Sequence[Found], text: str, similar: float = SIMILAR
) -> Correspondence:
    """Pair the old version's claims with the claims ``found`` in the new ``text``."""
    by_sentence: dict[str, list[int]] = {}
    for i, candidate in enumerate(found):
        by_sentence.setdefault(fold(candidate.sentence), []).append(i)
    kept: list[Kept] = []
    used: set[int] = set()
    rest: list[OldClaim] = []
    for claim in old:
        same = by_sentence.get(fold(claim.sentence))
        if not same:
            rest.append(claim)
            continue
        i = same.pop(0)
        used.add(i)
        new = found[i]
        place = locate(claim.text, text, new.start, new.end) or (new.start, new.end)
        kept.append(Kept(claim.id, *place))
    open_new = [i for i in range(len(found)) if i not in used]
    changed: list[Changed] = []
    if rest and open_new:
        olds = [fold(c.sentence) for c in rest]
        news = [fold(found[i].sentence) for i in open_new]
        pairs = sorted(
            (
                (float(fuzz.ratio(a, b, score_cutoff=similar)), r, n)
                for r, a in enumerate(olds)
                for n, b in enumerate(news)
            ),
            key=lambda p: (-p[0], p[1], p[2]),
        )
        taken_old: set[int] = set()
        taken_new: set[int] = set()
        for score, r, n in pairs:
            if score < similar or r in taken_old or n in taken_new:
                continue
            taken_old.add(r)
            taken_new.add(n)
            changed.append(Changed(rest[r].id, open_new[n], score))
        rest = [c for r, c in enumerate(rest) if r not in taken_old]
        open_new = [i for n, i in enumerate(open_new) if n not in taken_new]
    removed: list[int] = []
    for left in rest:
        at = locate(left.text, text)
        if at is None:
            removed.append(left.id)
            continue
        # Its words now sit inside a sentence found anew: that sentence grew around it.
        around = [i for i in open_new if found[i].start < at[1] and at[0] < found[i].end]
        if around:
            i = around[0]
            open_new.remove(i)
            score = fuzz.ratio(fold(left.sentence), fold(found[i].sentence))
            changed.append(Changed(left.id, i, float(score)))
        else:
            kept.append(Kept(left.id, *at))
    return Correspondence(tuple(kept), tuple(changed), tuple(open_new), tuple(removed))
