"""Stance hints: does a passage seem to support or contradict a claim?

Hints only, shown beside the analyst's own label and never in its place. The rules,
tried in this order on the passage sentence closest to the claim:

1. too little shared wording (less than ``MIN_OVERLAP`` of the claim's content words,
   compared by their first five letters, in the sentence): no hint;
2. the same thing counted with different numbers ("412 detainees" against
   "287 detainees"): contradicts;
3. negation on one side only ("holds no political prisoners" against
   "political prisoners are held"): contradicts;
4. an absolute on one side and a count or fraction on the other ("unanimously"
   against "seven votes to two", "entirely" against "a fifth"): contradicts;
5. the same numbers for the same things: supports;
6. close wording (at least ``AGREE`` of the content words) with nothing above: supports.

A claim of several clauses (see :mod:`verify.match.clauses`) is judged by the clause
the passage speaks to most.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from verify.extract.sentences import split_sentences
from verify.match.clauses import clauses
from verify.match.terms import STOPWORDS, content_words, words

MIN_OVERLAP = 0.4
AGREE = 0.6

NEGATIONS = frozenset(
    """no not never none nobody nothing neither nor without cannot deny denies denied
    denying refuse refused refuses rejects rejected false untrue""".split()
)
ABSOLUTES = frozenset(
    """all every entire entirely whole wholly completely totally fully unanimous
    unanimously always none never nobody everyone everybody sole solely only""".split()
)
_FRACTION = re.compile(
    r"\b(half|a third|a quarter|a fifth|two thirds|three quarters|majority|minority|"
    r"some|several|most|many|few|per cent|percent|partly|partially|votes? to|"
    r"\d+ (?:of|out of) \d+)\b|%|\b\d+ (?:to|-) \d+\b"
)
_NUMBER = re.compile(r"(?<![\w.])(\d+(?:[.,]\d+)*)(?![\w])")
_MONTHS = frozenset(
    "january february march april may june july august september october november december"
    " jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "dozen": 12,
    "twenty": 20,
    "fifty": 50,
    "hundred": 100,
}


@dataclass(frozen=True)
class Stance:
    hint: str  # supports | contradicts | none
    reason: str


def _negated(tokens: list[str]) -> bool:
    """A negation word, or a contraction ("doesn't" tokenises as "doesn", "t")."""
    return any(
        t in NEGATIONS or (t == "t" and i > 0 and tokens[i - 1].endswith("n"))
        for i, t in enumerate(tokens)
    )


def quantities(text: str) -> list[tuple[float, frozenset[str]]]:
    """Numbers in ``text`` with the content words that follow each (what is counted).

    Years (1900-2099) and days of a month are left out.
    """
    tokens = words(text)
    out: list[tuple[float, frozenset[str]]] = []
    for i, token in enumerate(tokens):
        value: float | None = None
        if token.isdecimal() or _NUMBER.fullmatch(token):
            value = float(token.replace(",", ""))
        elif token in NUMBER_WORDS:
            value = float(NUMBER_WORDS[token])
        if value is None:
            continue
        following = tokens[i + 1 : i + 5]
        if following and following[0] in _MONTHS:
            continue
        if 1900 <= value <= 2099 and value.is_integer():
            continue  # a year
        nouns = frozenset(
            w
            for w in following
            if w not in STOPWORDS and not w.isdecimal() and w not in NUMBER_WORDS
        )
        out.append((value, nouns))
    return out


def _stems(text: str) -> set[str]:
    return {w[:5] for w in content_words(text)}


def overlap(claim: str, sentence: str) -> float:
    """Share of the claim's content words (first five letters) found in ``sentence``."""
    wanted = _stems(claim)
    return len(wanted & _stems(sentence)) / len(wanted) if wanted else 0.0


def _best_pair(claim: str, passage: str) -> tuple[str, str, float]:
    """The claim clause and passage sentence that share the most, and their overlap."""
    sentences = [s.text for s in split_sentences(passage)] or [passage]
    return max(
        (
            (clause, sentence, overlap(clause, sentence))
            for clause in clauses(claim)
            for sentence in sentences
        ),
        key=lambda item: item[2],
    )


def _absolute(tokens: list[str]) -> str | None:
    return next((t for t in tokens if t in ABSOLUTES), None)


def stance_hint(claim: str, passage: str) -> Stance:
    """The hint for ``passage`` as evidence about ``claim``, with its reason."""
    claim, sentence, shared = _best_pair(claim, passage)
    if shared < MIN_OVERLAP:
        return Stance("none", "little shared wording")

    claim_q = quantities(claim)
    passage_q = quantities(passage)
    agreed = []
    for value, nouns in claim_q:
        if not nouns:
            continue
        same_thing = [v for v, other in passage_q if nouns & other]
        if same_thing and value not in same_thing:
            thing = " ".join(sorted(nouns))
            shown = ", ".join(f"{v:g}" for v in same_thing)
            return Stance("contradicts", f"numbers differ: {value:g} against {shown} ({thing})")
        if value in same_thing:
            agreed.append(value)

    claim_tokens = words(claim)
    sentence_tokens = words(sentence)
    if _negated(claim_tokens) != _negated(sentence_tokens):
        side = "claim" if _negated(claim_tokens) else "passage"
        return Stance("contradicts", f"negation in the {side} only")

    claim_abs = _absolute(claim_tokens)
    passage_abs = _absolute(sentence_tokens)
    if claim_abs and not passage_abs and _FRACTION.search(sentence.lower()):
        return Stance("contradicts", f"absolute '{claim_abs}' against a count or fraction")
    if passage_abs and not claim_abs and _FRACTION.search(claim.lower()):
        return Stance("contradicts", f"count in the claim against absolute '{passage_abs}'")

    if agreed:
        return Stance("supports", "same numbers: " + ", ".join(f"{v:g}" for v in agreed))
    if shared >= AGREE:
        return Stance("supports", "wording agrees")
    return Stance("none", "related, no clear signal")
