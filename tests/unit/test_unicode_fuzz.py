"""Matching and extraction never crash on any Unicode text.

Every code point goes through the matcher's text functions (words, clauses, stance hints
with their numbers); extraction gets every code point that is not a letter of an
alphabet, in sentences shaped like news prose. The work is fixed (no clock involved):
about ten seconds on one core.
"""

from __future__ import annotations

import unicodedata

import pytest

from verify.extract.claims import extract_claims
from verify.match import nli
from verify.match.clauses import clauses
from verify.match.figures import figures
from verify.match.stance import stance_hint
from verify.text import comparable, content_words

BLOCK = 1024
NUMBER_LIKE = [chr(c) for c in range(0x110000) if chr(c).isdigit() and not chr(c).isdecimal()]


def _code_point_blocks(keep: object = None) -> list[str]:
    blocks = []
    for start in range(0, 0x110000, BLOCK):
        chars = [
            chr(c)
            for c in range(start, min(start + BLOCK, 0x110000))
            if not 0xD800 <= c <= 0xDFFF and (keep is None or keep(chr(c)))  # type: ignore[operator]
        ]
        if chars:
            blocks.append(" ".join(chars))
    return blocks


def test_footnote_and_circled_digits_are_words_not_numbers() -> None:
    assert {"¹", "②", "₅"} <= set(NUMBER_LIKE)
    text = "There were 12 ¹ deaths, ② ₅ 14 people " + " ".join(NUMBER_LIKE)
    assert [figure.text for figure in figures(text)] == ["12", "14"]


def test_matching_takes_every_code_point_without_crashing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(nli.ENV, "0")  # the model's reading: the test below
    for chunk in _code_point_blocks():
        claim = f"The minister said 12 {chunk} people died in 2021."
        hint = stance_hint(claim, f"Officials said 14 {chunk} people died.")
        assert hint.hint in ("supports", "contradicts", "none")
        assert len(comparable(claim)) == len(claim)
        content_words(claim)
        clauses(claim)


def test_the_inference_model_takes_any_code_point_without_crashing() -> None:
    """One block in eight through its tokenizer, one in 32 through the model too (a long
    pair of rare characters takes about 0.05 s to tokenize and 0.1 s to read)."""
    reader = nli.reader()
    for i, chunk in enumerate(_code_point_blocks()):
        if i % 8:
            continue
        claim = f"The minister said 12 {chunk} people died in 2021."
        passage = f"Officials said 14 {chunk} people died."
        assert len(reader.encode(claim, passage).ids) <= nli.MAX_TOKENS
        if i % 32 == 0:
            (read,) = reader.contradiction([(claim, passage)])
            assert 0.0 <= read <= 1.0


def _not_a_letter(ch: str) -> bool:
    return unicodedata.category(ch)[0] != "L" and unicodedata.category(ch) not in ("Cn", "Co")


def test_extraction_takes_every_code_point_but_letters_without_crashing() -> None:
    for chunk in _code_point_blocks(_not_a_letter):
        text = (
            "“We won,” said; Mr. Smith. The minister said 12 "
            f"{chunk} people died.\n\nPrices rose by 40 percent, Anna Berg said {chunk}."
        )
        for claim in extract_claims(text):
            assert 0 <= claim.start < claim.end <= len(text)
