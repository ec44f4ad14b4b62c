"""Claims as plain records, each with the verdict its reader may see (CLI ``claims``,
``show`` and ``match``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from db import claims as claim_db
from db import factchecks as factcheck_db
from db import links as link_db
from db.models import iso_utc
from db.session import Database
from verify.services.blind import visible_verdicts


def claim_records(db: Database, article_id: int | None, analyst: str) -> list[dict[str, Any]]:
    """Every claim (of one article, or all), as JSON-ready dicts, blind review applied."""
    with db.read() as session:
        found = claim_db.claims(session, article_id=article_id)
        earlier = factcheck_db.checked_before(
            session, [c.id for c in found if c.id is not None], analyst
        )
    verdicts = visible_verdicts(db, found, analyst)
    records = []
    for c in found:
        v = verdicts.get(c.id) if c.id is not None else None
        records.append(
            {
                "id": c.id,
                "article_id": c.article_id,
                "text": c.text,
                "speaker": c.speaker,
                "turn": c.turn,
                "sentence": c.sentence,
                "start": c.start,
                "end": c.end,
                "kind": c.kind,
                "checkworthiness": c.checkworthiness,
                "status": c.status,
                "assigned_to": c.assigned_to,
                "version": c.version,
                "verdict": None
                if v is None
                else {
                    "rating": v.rating,
                    "rating_value": v.rating_value,
                    "confidence": v.confidence,
                    "rationale": v.rationale,
                    "analyst": v.analyst,
                    "state": v.state,
                    "approved_by": v.approved_by,
                    "at": iso_utc(v.created_at),
                },
                "checked_before": [e.as_json() for e in earlier.get(c.id or 0, [])],
                "changed_in": c.changed_in,
                "previous_text": c.previous_text,
            }
        )
    return records


@dataclass(frozen=True)
class MatchRow:
    """How one claim was matched: how many passages, the best score."""

    claim_id: int
    text: str
    passages: int
    best: float | None

    def line(self) -> str:
        best = "-" if self.best is None else f"{self.best:.1f}"
        text = " ".join(self.text.split())
        text = text if len(text) <= 70 else text[:69] + "…"
        return f"{self.claim_id:>5}  {self.passages:>2} passages  best {best:>5}  {text}"


def match_summary(
    db: Database, article_id: int | None = None, ids: Sequence[int] | None = None
) -> list[MatchRow]:
    """Per claim (of one article, the given ones, or all): passages linked, best score."""
    with db.read() as session:
        return [MatchRow(*row) for row in link_db.link_summary(session, article_id, ids)]


def claim_show(db: Database, claim_id: int, viewer: str) -> dict[str, Any]:
    """One claim in its context, its ranked evidence and its verdict history (``verify
    show``), as a JSON-ready dict; blind review applied for ``viewer``."""
    from verify.errors import InputError
    from verify.services.browse import claim_view, verdict_history

    view = claim_view(db, claim_id, viewer=viewer)
    if view is None:
        raise InputError(f"no claim with id {claim_id}")
    detail, row = view.detail, view.detail.row
    return {
        "id": row.id,
        "article_id": row.article_id,
        "article_title": detail.article_title,
        "text": row.text,
        "speaker": row.speaker,
        "kind": row.kind,
        "status": row.status,
        "assigned_to": row.assigned_to,
        "version": row.version,
        "version_note": detail.version_note,
        "context": detail.context,
        "claim_span": list(detail.claim_span),
        "evidence": [
            {
                "link_id": e.link_id,
                "rank": n,
                "score": round(e.score, 2),
                "hint": e.hint,
                "hint_reason": e.hint_reason,
                "label": e.stance,
                "labelled_by": e.labelled_by,
                "note": e.note,
                "text": e.text,
                "source": e.source_title,
                "publisher": e.publisher,
                "url": e.url,
            }
            for n, e in enumerate(view.evidence, 1)
        ],
        "verdicts": [
            {
                "id": v.id,
                "rating": v.rating,
                "confidence": v.confidence,
                "rationale": v.rationale,
                "analyst": v.analyst,
                "state": v.state,
                "approved_by": v.approved_by,
                "at": iso_utc(v.at),
            }
            for v in verdict_history(db, claim_id, viewer)
        ],
    }
