"""Claims as plain records, each with the verdict its reader may see (CLI ``claims``)."""

from __future__ import annotations

from typing import Any

from db import claims as claim_rows
from db import factchecks as archive
from db.models import iso_utc
from db.session import Database
from verify.services.blind import visible_verdicts


def claim_records(db: Database, article_id: int | None, analyst: str) -> list[dict[str, Any]]:
    """Every claim (of one article, or all), as JSON-ready dicts, blind review applied."""
    with db.read() as session:
        found = claim_rows.claims(session, article_id=article_id)
        earlier = archive.checked_before(session, [c.id for c in found if c.id is not None])
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
            }
        )
    return records
