"""Approving a verdict: a second pair of eyes, holding the editor role.

In a team (``verify team init``) only an editor approves, never a draft nor their own
verdict (names compared normalised), and not while the claim is in blind review for
them. An analyst working alone, on a database with no team, has no second pair of
eyes: when nobody else has written a verdict, or the config says ``approval = "self"``,
they may approve their own verdict, and the audit trail says that it was a
self-approval and why. (The config is the user's own file, so it counts only where
there is no team to protect.)
"""

from __future__ import annotations

from sqlmodel import Session

from db import analysts as analyst_db
from db import audit as audit_db
from db import blind as blind_db
from db import claims as claim_db
from db import verdicts as verdict_db
from db.models import Claim, Verdict
from db.session import Database
from verify.errors import InputError, NotAllowed
from verify.report.model import VerdictView
from verify.sanitize import normal_name
from verify.services.analysts import require
from verify.services.review import check_version

__all__ = ["NotAllowed", "approve", "require_editor"]


def require_editor(session: Session, name: str) -> str:
    """``name`` normalised, if they may approve (:class:`NotAllowed` otherwise)."""
    return require(session, name, "editor", "approving a verdict")


def approve(
    db: Database,
    claim_id: int,
    editor: str,
    expected_version: int | None = None,
    *,
    self_approval: bool = False,
) -> VerdictView:
    """Approve a claim's current verdict.

    The approval is a new verdict row (verdicts are append-only) with the author's
    rating, rationale and name, state ``approved`` and ``approved_by`` the editor. A
    draft is never approved. ``self_approval`` (the config's ``approval = "self"``) lets
    one alone on a database without a team approve their own verdict; so does working
    alone.
    """
    with db.write() as session:
        claim = session.get(Claim, claim_id)
        if claim is None:
            raise InputError(f"no claim with id {claim_id}")
        why: str | None = None
        if analyst_db.has_members(session):
            editor = require_editor(session, editor)
        else:
            editor = normal_name(editor)
            solo = not analyst_db.someone_else(session, editor)
            why = "config" if self_approval else "alone" if solo else None
            if why is None:
                require_editor(session, editor)
        check_version(session, claim, expected_version, editor)
        if claim_id in blind_db.blind_view(session, [claim.article_id], editor):
            raise NotAllowed(
                f"claim {claim_id} is in blind review: its verdicts are hidden from you "
                "until two analysts' are in"
            )
        current = verdict_db.current_verdicts(session, [claim_id]).get(claim_id)
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
        own = normal_name(current.analyst) == editor
        if own and why is None:
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
        claim_db.touch_claim(session, claim)
        after = {"id": approved.id, "state": "approved", "approved_by": editor}
        if own:
            after["self_approval"] = (
                "approval = self in the config" if why == "config" else "no other analyst"
            )
        audit_db.record_event(
            session,
            editor,
            "approve",
            "verdict",
            approved.id,
            claim_id,
            {"id": current.id, "state": current.state},
            after,
        )
        return VerdictView.of(approved)
