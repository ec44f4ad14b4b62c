"""How far a publisher's word is relied on, and the one use matching makes of it.

A team rates publishers (``verify source rate``); matching never drops, hides or
re-scores evidence for it. Among the top passages already chosen for a claim, a
passage whose score is within :data:`NEAR_TIE` points of the one above it moves above
it when its publisher is rated higher: a near-tie goes to the more reliable source.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

LEVELS = ("primary", "official", "monitor", "press", "unverified")
"""From most to least relied on: a primary source (the record itself: a court ruling, a
statute, the data), an official body, an independent monitor, the press, unverified."""

LEVEL_NAMES = {
    "primary": "primary source",
    "official": "official",
    "monitor": "independent monitor",
    "press": "press",
    "unverified": "unverified",
}

_WEIGHT = {"primary": 4, "official": 3, "monitor": 2, "press": 1, None: 1, "unverified": 0}
"""An unrated publisher weighs as the press does: rating one "unverified" is what
ranks it below the rest."""

NEAR_TIE = 1.0
"""Points (of 100) within which two passages' scores are a near-tie."""

T = TypeVar("T")


def weight(level: str | None) -> int:
    return _WEIGHT.get(level, 1)


def break_near_ties(
    items: Sequence[T], score: Callable[[T], float], level: Callable[[T], str | None]
) -> list[T]:
    """``items`` (best first) with each near-tie won by the more reliable publisher.

    Adjacent items whose scores differ by less than NEAR_TIE swap when the lower one's
    publisher is rated higher; nothing is added or removed, and items further apart
    than NEAR_TIE keep their order."""
    out = list(items)
    changed = True
    while changed:
        changed = False
        for i in range(len(out) - 1):
            upper, lower = out[i], out[i + 1]
            if abs(score(upper) - score(lower)) < NEAR_TIE and weight(level(lower)) > weight(
                level(upper)
            ):
                out[i], out[i + 1] = lower, upper
                changed = True
    return out
