"""The claims list filter: free words plus a few ``field:value`` terms.

is:todo   claims without a verdict        is:done    claims with one
is:labelled  some evidence labelled       is:mine    assigned to me, or my verdict
is:checked-before  a published fact-check or an earlier team verdict matches
v:false   verdict name starts with        by:ana     verdict by an analyst
kind:quote  claim kind                    speaker:okafor  speaker's name holds
worthy:   check-worthiness at least the config's ``worthy`` (0.5); worthy:0.7 at least 0.7
sort:worthy  most check-worthy first      assignee:ana  assigned to an analyst
hint:contradicts  a passage hinted so     numbers:differ  a passage's figures differ
anything else: words in the text or speaker
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from dataclasses import dataclass

from verify.services.browse import ClaimRow

HELP = (
    "words · is:todo is:done is:labelled is:mine is:checked-before · v:false · by:NAME · "
    "kind:quote · speaker:NAME · worthy: · sort:worthy · hint:contradicts · numbers:differ"
)
WORTHY = 0.5  # ``worthy:`` without a number, unless the config sets ``worthy``

_STATES = ("todo", "done", "labelled", "mine", "open", "reviewed", "checked-before")
_EVIDENCE = ("hint:contradicts", "numbers:differ")


@dataclass(frozen=True)
class ClaimFilter:
    words: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    ratings: tuple[str, ...] = ()
    analysts: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()  # "hint:contradicts", "numbers:differ"
    me: str = ""
    text: str = ""
    speakers: tuple[str, ...] = ()
    worthy: float | None = None  # only claims at least this check-worthy
    by_worth: bool = False  # most check-worthy first, else in article order
    assignees: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str, me: str = "", worthy: float = WORTHY) -> ClaimFilter:
        """The filter written as ``text``; ``worthy`` is what ``worthy:`` alone means."""
        try:
            tokens = shlex.split(text)
        except ValueError:
            tokens = text.split()
        words, states, ratings, analysts, kinds, speakers = [], [], [], [], [], []
        evidence: list[str] = []
        threshold: float | None = None
        by_worth = False
        assignees: list[str] = []
        for token in tokens:
            field, sep, value = token.partition(":")
            field, value = field.casefold(), value.casefold()
            if sep and value and field == "is" and value in _STATES:
                states.append(value)
            elif sep and value and field in ("v", "verdict"):
                ratings.append(value)
            elif sep and value and field == "by":
                analysts.append(value)
            elif sep and value and field == "kind":
                kinds.append(value)
            elif f"{field}:{value}" in _EVIDENCE:
                evidence.append(f"{field}:{value}")
            elif sep and value and field == "speaker":
                speakers.append(value)
            elif sep and value and field in ("assignee", "assigned"):
                assignees.append(value)
            elif sep and field == "worthy" and (not value or _number(value) is not None):
                threshold = worthy if not value else _number(value)
            elif sep and field == "sort" and value in ("worthy", "worth", "checkworthiness"):
                by_worth = True
            else:
                words.append(token.casefold())
        return cls(
            tuple(words),
            tuple(states),
            tuple(ratings),
            tuple(analysts),
            tuple(kinds),
            tuple(evidence),
            me,
            text.strip(),
            tuple(speakers),
            threshold,
            by_worth,
            tuple(assignees),
        )

    @property
    def active(self) -> bool:
        return bool(
            self.words
            or self.states
            or self.ratings
            or self.analysts
            or self.kinds
            or self.evidence
            or self.speakers
            or self.worthy is not None
            or self.by_worth
            or self.assignees
        )

    def matches(self, row: ClaimRow) -> bool:
        if "hint:contradicts" in self.evidence and not row.contradicting:
            return False
        if "numbers:differ" in self.evidence and not row.numbers_differ:
            return False
        for state in self.states:
            if state in ("todo", "open") and row.has_verdict:
                return False
            if state in ("done", "reviewed") and not row.has_verdict:
                return False
            if state == "labelled" and not row.labels:
                return False
            if state == "mine" and self.me not in (row.assigned_to, row.analyst):
                return False
            if state == "checked-before" and not row.checked:
                return False
        if self.ratings and not any(
            (row.rating or "").casefold().startswith(r) for r in self.ratings
        ):
            return False
        if self.analysts and (row.analyst or "").casefold() not in self.analysts:
            return False
        if self.kinds and row.kind.casefold() not in self.kinds:
            return False
        if self.speakers and not any(s in (row.speaker or "").casefold() for s in self.speakers):
            return False
        if self.worthy is not None and row.checkworthiness < self.worthy:
            return False
        if self.assignees and (row.assigned_to or "").casefold() not in self.assignees:
            return False
        if self.words:
            haystack = f"{row.text}\n{row.speaker or ''}".casefold()
            if not all(word in haystack for word in self.words):
                return False
        return True

    def apply(self, rows: Sequence[ClaimRow]) -> list[int]:
        """Indexes of the rows that pass, in article order or most check-worthy first."""
        if not self.active:
            return list(range(len(rows)))
        shown = [i for i, row in enumerate(rows) if self.matches(row)]
        if self.by_worth:
            shown.sort(key=lambda i: -rows[i].checkworthiness)  # stable: ties in order
        return shown


def _number(value: str) -> float | None:
    try:
        number = float(value)
    except ValueError:
        return None
    return number if 0.0 <= number <= 1.0 else None
