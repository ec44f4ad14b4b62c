"""Approving a verdict: a second pair of eyes, holding the editor role.

An analyst working alone has no second pair of eyes: when nobody else is on the team
or has written a verdict, or the config says ``approval = "self"``, they may approve
their own verdict, and the audit trail says that it was a self-approval and why.
"""

from __future__ import annotations

from sqlmodel import Session

from db import claims as claim_store
from db import team as store
from db.models import Claim, Verdict
from db.session import Database
from verify.errors import InputError, VerifyError
from verify.services.review import VerdictView, check_version


class NotAllowed(VerifyError):
    """The analyst may not do this (exit code 1, one line saying why)."""


def require_editor(session: Session, name: str) -> None:
    """Refuse (:class:`NotAllowed`) unless ``name`` is on the team as an editor."""
    member = store.analyst(session, name)
    if member is None or member.role != "editor":
        raise NotAllowed(
            f"{name} is not an editor: an editor adds them with "
            f"`verify analyst add {name} --role editor`"
        )


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
    rating, rationale and name, state ``approved`` and ``approved_by`` the editor.
    ``self_approval`` (the config's ``approval = "self"``) lets anyone approve any
    verdict, their own included; so does working alone.
    """
    with db.write() as session:
        claim = session.get(Claim, claim_id)
        if claim is None:
            raise InputError(f"no claim with id {claim_id}")
        solo = not store.someone_else(session, editor)
        why = "config" if self_approval else "alone" if solo else None
        if why is None:
            require_editor(session, editor)
        check_version(session, claim, expected_version)
        current = claim_store.current_verdicts(session, [claim_id]).get(claim_id)
        if current is None:
            raise InputError(f"claim {claim_id} has no verdict to approve")
        if current.state == "approved":
            raise InputError(
                f"claim {claim_id}: the verdict is approved already (by {current.approved_by})"
            )
        if current.analyst == editor and why is None:
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
        after = {"id": approved.id, "state": "approved", "approved_by": editor}
        if current.analyst == editor:
            after["self_approval"] = (
                "approval = self in the config" if why == "config" else "no other analyst"
            )
        store.record_event(
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
