"""Who works on which claim: assigning claims and taking the next one."""

from __future__ import annotations

from collections.abc import Sequence

from db import analysts as analyst_db
from db import audit as audit_db
from db import claims as claim_db
from db.models import Claim, id_of
from db.session import Database
from verify.errors import InputError
from verify.sanitize import normal_name
from verify.services.analysts import require


def assign(db: Database, claim_ids: Sequence[int], to: str | None, by: str) -> int:
    """Assign claims to ``to`` (None: unassign). Returns how many changed.

    Editors assign and reassign to members of the team; an analyst only takes an
    unassigned claim or gives up their own.
    """
    changed = 0
    with db.write() as session:
        by = require(session, by, None, "assigning claims")
        if to is not None:
            to = normal_name(to)
            if not to:
                raise InputError("assign to whom? the name is empty")
            if analyst_db.has_members(session):
                require(session, to, None, f"assigning claims to {to}")
        for claim_id in claim_ids:
            claim = session.get(Claim, claim_id)
            if claim is None:
                raise InputError(f"no claim with id {claim_id}")
            before = claim.assigned_to
            if before == to:
                continue
            own = (before is None and to == by) or (before == by and to is None)
            if not own and analyst_db.has_members(session):
                require(session, by, "editor", "assigning a claim to someone else")
            claim_db.claim_assign(session, claim_id, to, before)
            audit_db.record_event(
                session,
                by,
                "assign",
                "claim",
                claim_id,
                claim_id,
                {"assigned_to": before},
                {"assigned_to": to},
            )
            changed += 1
    return changed


def take_next(db: Database, analyst: str, article_id: int | None = None) -> int | None:
    """Assign the next open, unassigned claim to ``analyst``; its id, or None if none is left.

    Two analysts taking at once never get the same claim: the assignment only holds
    if the claim is still unassigned when it is written.
    """
    for _ in range(20):
        with db.write() as session:
            analyst = require(session, analyst, None, "taking a claim")
            claim = claim_db.next_unassigned(session, article_id)
            if claim is None:
                return None
            if claim_db.claim_assign(session, id_of(claim), analyst, None):
                audit_db.record_event(
                    session,
                    analyst,
                    "assign",
                    "claim",
                    claim.id,
                    claim.id,
                    {"assigned_to": None},
                    {"assigned_to": analyst},
                )
                return claim.id
    return None
