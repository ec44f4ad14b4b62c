"""What a claim asserts, clause by clause, so each assertion is matched on its own.

"X called the releases a gesture of peace, and he stressed that the decision was
unilateral" asserts two things; evidence about either should rank as if the claim were
that assertion alone. A reporting frame ("The monitor says", "Y told reporters",
"he stressed that") names who speaks, not what is claimed, so it is dropped: a passage
that merely names the speaker is not evidence. Clauses are cut at semicolons, colons,
", and", ", but", ", yet", ", while", ", adding", and at reporting verbs; quotation marks
are dropped. A claim with no cut is its own only clause.
"""

from __future__ import annotations

import re

from verify.text import content_words

MIN_WORDS = 3
FRAME_WORDS = 14  # a reporting frame longer than this is kept as content

_REPORTING = (
    r"(?:said|says|say|claimed|claims|stressed|stresses|insisted|insists|maintains|"
    r"maintained|argued|argues|warned|warns|added|adds|noted|notes|announced|announces|"
    r"believes|believed|told\s+\w+|estimates|estimated|reported|reports|alleged|alleges)"
)
_FRAME = re.compile(rf"\b{_REPORTING}\s+(?:that\s+)?", re.IGNORECASE)
_TRAILING_FRAME = re.compile(rf",\s+[^.;:]{{0,100}}?\b{_REPORTING}\b[^,;]{{0,60}}$", re.IGNORECASE)
_CUT = re.compile(
    r"\s*[;:]\s+"
    r"|,\s+(?:and|but|yet|while|whereas|although|though|adding|saying)\s+"
    r"|\s+(?:but|yet|whereas)\s+",
    re.IGNORECASE,
)
_QUOTES = re.compile(r"[\"“”‘’«»]")


def _drop_frame(part: str) -> str:
    """``part`` without a reporting frame ("Z says that ...", "..., Z said on Monday")."""
    trailing = _TRAILING_FRAME.search(part)
    if trailing is not None and len(content_words(part[: trailing.start()])) >= MIN_WORDS:
        return part[: trailing.start()]
    match = _FRAME.search(part)
    if match is None:
        return part
    frame, rest = part[: match.start()], part[match.end() :]
    if len(frame.split()) > FRAME_WORDS or len(content_words(rest)) < MIN_WORDS:
        return part
    return rest


def clauses(claim: str) -> list[str]:
    """The assertions in ``claim``: clauses of at least ``MIN_WORDS`` content words."""
    plain = _QUOTES.sub("", claim).strip()
    out = []
    for part in _CUT.split(plain):
        part = _drop_frame(part.strip(" ,.")).strip(" ,.")
        if len(content_words(part)) >= MIN_WORDS:
            out.append(part)
    return out or [claim]
