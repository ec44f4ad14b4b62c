"""Approving a verdict: a second pair of eyes, holding the editor role."""

from __future__ import annotations

from db import claims as claim_store
from db import team as store
from db.models import Claim, Verdict
from db.session import Database
from verify.errors import InputError, NotAllowed
from verify.sanitize import normal_name
from verify.services.analysts import require
from verify.services.review import VerdictView, check_version

__all__ = ["NotAllowed", "approve"]


def approve(
    db: Database, claim_id: int, editor: str, expected_version: int | None = None
) -> VerdictView:
    """Approve a claim's current verdict.

    The approval is a new verdict row (verdicts are append-only) with the author's
    rating, rationale and name, state ``approved`` and ``approved_by`` the editor. A
    draft is not approved, nor one's own verdict (names compared normalised).
    """
    with db.write() as session:
        editor = require(session, editor, "editor", "approving a verdict")
        claim = session.get(Claim, claim_id)
        if claim is None:
            raise InputError(f"no claim with id {claim_id}")
        check_version(session, claim, expected_version, editor)
        if claim_id in store.blind_view(session, [claim.article_id], editor):
            raise NotAllowed(
                f"claim {claim_id} is in blind review: its verdicts are hidden from you "
                "until two analysts' are in"
            )
        current = claim_store.current_verdicts(session, [claim_id]).get(claim_id)
        if current is None:
            raise InputError(f"claim {claim_id} has no verdict to approve")
        if current.state == "approved":
            raise InputError(
                f"claim {claim_id}: the verdict is approved already (by {current.approved_by})"
            )
        if current.state != "submitted":
            raise NotAllowed(
                f"claim {claim_id}: the verdict is a {current.state}; only a submitted one "
                "is approved"
            )
        if normal_name(current.analyst) == editor:
            raise NotAllowed(
                f"claim {claim_id}: {editor} wrote this verdict; approval needs another analyst"
            )
        approved = Verdict(
            claim_id=claim_id,
            rating=current.rating,
            rating_value=current.rating_value,
            confidence=current.confidence,
            rationale=current.rationale,
            analyst=current.analyst,
            state="approved",
            supersedes_id=current.id,
            approved_by=editor,
        )
        session.add(approved)
        session.flush()
        claim_store.touch_claim(session, claim)
        store.record_event(
            session,
            editor,
            "approve",
            "verdict",
            approved.id,
            claim_id,
            {"id": current.id, "state": current.state},
            {"id": approved.id, "state": "approved", "approved_by": editor},
        )
        return VerdictView.of(approved)
