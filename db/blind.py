"""Blind review: the one rule of what a reader sees of claims still in blind review.

A claim of a blind article with verdicts from fewer than two analysts is in blind
review: there a reader sees only their own newest verdict and nothing of anyone else's,
not in lists, logs, notices, conflicts, approvals, agreement figures or reports. Every
reader asks :func:`blind_view` (or :func:`blind_view_of_claims`) and applies the answer
with the methods of :class:`BlindView`, so the rule is written once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from sqlmodel import Session

from db.articles import blind_articles
from db.claims import articles_of_claims, claim_ids
from db.models import Verdict
from db.verdicts import verdicts_by_analyst

V = TypeVar("V")


@dataclass(frozen=True)
class BlindView:
    """What ``viewer`` may see: ``own`` maps each claim still in blind review to the
    viewer's own newest verdict on it (None for none). Claims not in it are seen whole."""

    viewer: str | None
    own: dict[int, Verdict | None]

    def __contains__(self, claim_id: object) -> bool:
        return claim_id in self.own

    def current(self, verdicts: dict[int, V]) -> dict[int, V | Verdict]:
        """Each claim's newest verdict (``verdicts``) as the viewer may see it: on a claim
        in blind review, their own newest, or none."""
        out: dict[int, V | Verdict] = dict(verdicts)
        for claim_id, mine in self.own.items():
            if mine is None:
                out.pop(claim_id, None)
            else:
                out[claim_id] = mine
        return out

    def each_analyst(
        self, by_claim: dict[int, dict[str, Verdict]]
    ) -> dict[int, dict[str, Verdict]]:
        """Each analyst's newest verdict of each claim (``by_claim``) as the viewer may see
        them: on a claim in blind review, only their own."""
        out = dict(by_claim)
        for claim_id, mine in self.own.items():
            out.pop(claim_id, None)
            if mine is not None:
                out[claim_id] = {mine.analyst: mine}
        return out

    def history(self, claim_id: int, verdicts: Iterable[Verdict]) -> list[Verdict]:
        """A claim's verdicts as the viewer may see them."""
        if claim_id not in self.own:
            return list(verdicts)
        return [v for v in verdicts if v.analyst == self.viewer]

    def hides(self, claim_id: int | None, analyst: str) -> bool:
        """Whether a verdict by ``analyst`` on ``claim_id`` (or an event recording one) is
        hidden from the viewer."""
        return claim_id in self.own and analyst != self.viewer


def blind_view(session: Session, article_ids: Sequence[int], viewer: str | None) -> BlindView:
    """What ``viewer`` may see of the claims of ``article_ids``. ``viewer`` None (no reader
    named, as for a background job) sees everything, so every front end names one."""
    own: dict[int, Verdict | None] = {}
    if viewer is None:
        return BlindView(viewer, own)
    for article_id in blind_articles(session, list(article_ids)):
        by_claim = verdicts_by_analyst(session, article_id)
        for claim_id in claim_ids(session, article_id, include_hidden=True):
            verdicts = by_claim.get(claim_id, {})
            if len(verdicts) < 2:
                own[claim_id] = verdicts.get(viewer)
    return BlindView(viewer, own)


def blind_view_of_claims(
    session: Session, claim_ids: Iterable[int | None], viewer: str | None
) -> BlindView:
    """:func:`blind_view` for the articles of ``claim_ids`` (None ids are skipped)."""
    wanted = {c for c in claim_ids if c is not None}
    if viewer is None or not wanted:
        return BlindView(viewer, {})
    return blind_view(session, articles_of_claims(session, wanted), viewer)
