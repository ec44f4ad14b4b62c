"""Settling disagreements: claims where analysts' verdicts differ, and the editor's word.

:func:`disagreements` lists every claim in the review whose analysts' newest verdicts
differ in rating and that no editor has settled yet (its current verdict is not
approved), with each analyst's verdict, rationale and the evidence they cited (the
links they labelled supports, contradicts or context, from the audit trail, so a later
label by someone else does not erase theirs). Blind review hides nothing here: a claim
is only listed once two analysts' verdicts are in.

:func:`settle` records the editor's final verdict. It is approved at once, and its
audit event names the verdicts it settles. Undo takes it back like any verdict.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session

from db import articles as article_db
from db import audit as audit_db
from db import claims as claim_db
from db import links as link_db
from db import verdicts as verdict_db
from db.models import Claim, Verdict
from db.session import Database
from verify.config import Rating
from verify.errors import InputError
from verify.report.model import VerdictView
from verify.sanitize import clean
from verify.services.approval import require_editor
from verify.services.review import check_version, locked_claim

CITING = ("supports", "contradicts", "context")


@dataclass(frozen=True)
class Cited:
    """A passage one analyst labelled for the claim."""

    link_id: int
    stance: str
    text: str
    source: str


@dataclass(frozen=True)
class Position:
    """One analyst's side: their newest verdict and the evidence they cited."""

    verdict: VerdictView
    cited: tuple[Cited, ...]


@dataclass(frozen=True)
class Disagreement:
    claim_id: int
    article_id: int
    article_title: str
    text: str
    speaker: str | None
    version: int
    positions: tuple[Position, ...]
    """One per analyst, by name."""

    @property
    def ratings(self) -> list[str]:
        return [p.verdict.rating for p in self.positions]


def _differing(session: Session, article_id: int | None) -> dict[int, dict[str, Verdict]]:
    by_claim = verdict_db.verdicts_by_analyst(session, article_id)
    current = verdict_db.current_verdicts(session, list(by_claim))
    return {
        claim_id: verdicts
        for claim_id, verdicts in by_claim.items()
        if len(verdicts) >= 2
        and len({v.rating for v in verdicts.values()}) > 1
        and current[claim_id].state != "approved"
    }


def _cited(session: Session, claim_ids: Sequence[int]) -> dict[tuple[int, str], list[Cited]]:
    """(claim id, analyst) -> the passages that analyst's standing labels cite."""
    events = audit_db.label_events(session, claim_ids)
    undone = {
        int(e.after["undoes"])
        for e in events
        if e.action == "undo" and isinstance(e.after, dict) and "undoes" in e.after
    }
    stance: dict[tuple[int, str, int], str | None] = {}
    for e in events:
        if e.action == "label" and e.id not in undone and e.entity_id is not None:
            stance[(e.claim_id or 0, e.analyst, e.entity_id)] = (e.after or {}).get("stance")
    passages = {
        link.id: (passage.text, source.title or source.external_id or source.path or "")
        for claim_id in claim_ids
        for link, passage, source in link_db.evidence(session, claim_id)
    }
    out: dict[tuple[int, str], list[Cited]] = {}
    for (claim_id, analyst, link_id), label in stance.items():
        if label in CITING and link_id in passages:
            text, source = passages[link_id]
            out.setdefault((claim_id, analyst), []).append(
                Cited(link_id, label, text, source or "")
            )
    return out


def disagreements(db: Database, article_id: int | None = None) -> list[Disagreement]:
    """Unsettled claims whose analysts' verdicts differ, in article order."""
    with db.read() as session:
        differing = _differing(session, article_id)
        if not differing:
            return []
        claims = claim_db.claims(session, ids=list(differing))
        titles = {a.id: a.title for a in article_db.articles(session)}
        cited = _cited(session, list(differing))
        return [
            Disagreement(
                c.id or 0,
                c.article_id,
                titles.get(c.article_id, ""),
                c.text,
                c.speaker,
                c.version,
                tuple(
                    Position(VerdictView.of(v), tuple(cited.get((c.id or 0, name), [])))
                    for name, v in sorted(differing[c.id or 0].items())
                ),
            )
            for c in claims
        ]


def settle(
    db: Database,
    claim_id: int,
    rating: Rating,
    editor: str,
    *,
    rationale: str | None = None,
    confidence: float | None = None,
    expected_version: int | None = None,
) -> VerdictView:
    """Record the editor's final verdict on a disagreement; it is approved at once."""
    if confidence is not None and not 0.0 <= confidence <= 1.0:
        raise InputError(f"confidence must be between 0 and 1, not {confidence}")
    with db.write() as session:
        require_editor(session, editor)
        claim: Claim = locked_claim(session, claim_id)
        check_version(session, claim, expected_version)
        differing = _differing(session, claim.article_id).get(claim_id)
        if differing is None:
            raise InputError(f"claim {claim_id} has no open disagreement to settle")
        current = verdict_db.current_verdicts(session, [claim_id])[claim_id]
        verdict = Verdict(
            claim_id=claim_id,
            rating=rating.name,
            rating_value=rating.value,
            confidence=confidence,
            rationale=clean(rationale).strip() if rationale else None,
            analyst=editor,
            state="approved",
            supersedes_id=current.id,
            approved_by=editor,
        )
        session.add(verdict)
        session.flush()
        claim_db.touch_claim(session, claim)
        settled = [
            {"id": v.id, "analyst": v.analyst, "rating": v.rating}
            for _, v in sorted(differing.items())
        ]
        audit_db.record_event(
            session,
            editor,
            "settle",
            "verdict",
            verdict.id,
            claim_id,
            {"verdicts": settled},
            {
                "id": verdict.id,
                "rating": verdict.rating,
                "rationale": verdict.rationale,
                "state": "approved",
                "settles": [v["id"] for v in settled],
            },
        )
        return VerdictView.of(verdict)
