"""The review workflow: verdicts, evidence labels, notes, undo, and the audit trail.

Every change is one short write transaction that also writes an AuditEvent. A change
made from a loaded claim carries the claim's ``version``; if another analyst changed
the claim since, the change is refused with a :class:`ConflictError` that says who
and what, and nothing is overwritten.

Undo works from the audit trail: :func:`undo_last` takes back an analyst's newest change
not yet undone (a verdict, a label, a note), several steps back, and records the undo as
an AuditEvent of its own. Verdicts are append-only except for this: undoing a verdict
removes that row (the audit event keeps all of it), so the verdict before it, if any, is
current again. A change someone else has built on since is not undone (a conflict).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from db import articles as article_db
from db import audit as audit_db
from db import blind as blind_db
from db import claims as claim_db
from db import verdicts as verdict_db
from db.models import AuditEvent, Claim, EvidenceLink, Verdict, id_of, utcnow
from db.session import Database
from verify.config import Rating
from verify.errors import ConflictError, InputError, NotAllowed
from verify.report.model import VerdictView
from verify.sanitize import clean, clean_line
from verify.services.analysts import require

CLAIM_CORRECTIONS = ("claim_edit", "claim_split", "claim_merge", "claim_add", "claim_drop")
"""Audit actions of :mod:`verify.services.correction`: an analyst correcting the machine."""
UNDOABLE = ("verdict", "label", "note", "approve", "settle", *CLAIM_CORRECTIONS)
STANCES = ("supports", "contradicts", "context", "irrelevant")
AUTHOR_STATES = ("draft", "submitted")
"""The states an analyst gives their own verdict; an editor's approval makes the third."""


class Conflict(ConflictError):
    """The claim changed under you; ``theirs`` is the other analyst's current verdict."""

    def __init__(self, claim_id: int, theirs: VerdictView | None, by: str | None):
        self.claim_id = claim_id
        self.theirs = theirs
        self.by = by
        if theirs is not None and by in (None, theirs.analyst):
            what = f"{theirs.analyst} recorded {theirs.rating!r} at {theirs.at:%Y-%m-%d %H:%M}"
        else:
            what = f"{by or 'another analyst'} changed it"
            if theirs is not None:
                what += f"; its verdict is {theirs.rating!r} by {theirs.analyst}"
        super().__init__(f"claim {claim_id} changed since you loaded it: {what}")


def locked_claim(session: Session, claim_id: int) -> Claim:
    """The claim, locked for this transaction (``SELECT … FOR UPDATE`` on PostgreSQL;
    SQLite's writers are already one at a time): changes to one claim never interleave,
    so no version bump and no link in a verdict's chain is lost."""
    claim = session.get(Claim, claim_id, with_for_update=True, populate_existing=True)
    if claim is None:
        raise InputError(f"no claim with id {claim_id}")
    return claim


def check_version(
    session: Session, claim: Claim, expected_version: int | None, viewer: str | None = None
) -> None:
    """Refuse a change made from an older version of the claim, naming who changed it."""
    if expected_version is None or claim.version == expected_version:
        return
    # Blind review: another's verdict is not shown, even here.
    view = blind_db.blind_view(session, [claim.article_id], viewer)
    claim_id = id_of(claim)
    current = view.current(verdict_db.current_verdicts(session, [claim_id])).get(claim_id)
    last = session.scalar(
        select(AuditEvent)
        .where(col(AuditEvent.claim_id) == claim.id)
        .order_by(col(AuditEvent.id).desc())
    )
    raise Conflict(
        claim_id, VerdictView.of(current) if current else None, last.analyst if last else None
    )


def _audit(
    session: Session,
    analyst: str,
    action: str,
    entity: str,
    entity_id: int | None,
    claim_id: int | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    audit_db.record_event(session, analyst, action, entity, entity_id, claim_id, before, after)


def _verdict_dict(v: Verdict | None) -> dict[str, Any] | None:
    if v is None:
        return None
    return {
        "id": v.id,
        "rating": v.rating,
        "rating_value": v.rating_value,
        "confidence": v.confidence,
        "rationale": v.rationale,
        "analyst": v.analyst,
        "state": v.state,
    }


def record_verdict(
    db: Database,
    claim_id: int,
    rating: Rating,
    analyst: str,
    *,
    rationale: str | None = None,
    confidence: float | None = None,
    state: str = "submitted",
    expected_version: int | None = None,
) -> VerdictView:
    """Append a verdict for a claim; it becomes the claim's current verdict.

    ``state`` is ``draft`` or ``submitted``: approval is an editor's, through
    :func:`verify.services.approval.approve` (its role check), never a state given here.
    """
    if confidence is not None and not 0.0 <= confidence <= 1.0:
        raise InputError(f"confidence must be between 0 and 1, not {confidence}")
    if state == "approved":
        raise NotAllowed(
            f"claim {claim_id}: a verdict is recorded as a draft or submitted; "
            "an editor approves it (`verify approve`)"
        )
    if state not in AUTHOR_STATES:
        raise InputError(f"unknown verdict state {state!r}")
    with db.write() as session:
        analyst = require(session, analyst, None, "recording a verdict")
        claim = locked_claim(session, claim_id)
        if not article_db.blind_articles(session, [claim.article_id]):
            # In blind review analysts judge independently: another's verdict is no conflict.
            check_version(session, claim, expected_version, analyst)
        previous = verdict_db.current_verdicts(session, [claim_id]).get(claim_id)
        verdict = Verdict(
            claim_id=claim_id,
            rating=rating.name,
            rating_value=rating.value,
            confidence=confidence,
            rationale=clean(rationale).strip() if rationale else None,
            analyst=analyst,
            state=state,
            supersedes_id=previous.id if previous else None,
        )
        session.add(verdict)
        session.flush()
        claim_db.touch_claim(session, claim, **_reviewed(claim, True))
        _audit(
            session,
            analyst,
            "verdict",
            "verdict",
            verdict.id,
            claim_id,
            _verdict_dict(previous),
            _verdict_dict(verdict),
        )
        return VerdictView.of(verdict)


def _reviewed(claim: Claim, has_verdict: bool) -> dict[str, str]:
    """The status change a verdict (or its undo) makes: none for a hidden claim."""
    if claim.status in claim_db.HIDDEN_STATUSES:
        return {}
    return {"status": "reviewed" if has_verdict else "open"}


def label_evidence(
    db: Database,
    link_id: int,
    stance: str | None,
    analyst: str,
    *,
    note: str | None = None,
    expected_version: int | None = None,
    reason: str | None = None,
) -> None:
    """Set (or with ``None`` clear) the analyst's label on one evidence link.

    ``reason``, when the label is saved over another analyst's change, goes into the
    audit trail with it.
    """
    if stance is not None and stance not in STANCES:
        raise InputError(f"unknown label {stance!r}; labels: {', '.join(STANCES)}")
    with db.write() as session:
        analyst = require(session, analyst, None, "labelling evidence")
        # The claim is locked before the link is read: a link read before the lock could
        # be stale, and the ORM would skip writing a value it believes is already there.
        link, claim = _link_and_claim(session, link_id)
        check_version(session, claim, expected_version, analyst)
        before = {"stance": link.stance, "labelled_by": link.labelled_by, "note": link.note}
        link.stance = stance
        link.labelled_by = analyst if stance else None
        link.labelled_at = utcnow() if stance else None
        if note is not None:
            link.note = clean(note).strip() or None
        session.add(link)
        session.flush()  # the link first: its audit event records the state it is in
        claim_db.touch_claim(session, claim)
        after = {"stance": link.stance, "labelled_by": link.labelled_by, "note": link.note}
        _audit(
            session,
            analyst,
            "label",
            "evidence_link",
            link.id,
            claim.id,
            before,
            _with_reason(after, reason),
        )


def annotate_evidence(
    db: Database,
    link_id: int,
    note: str | None,
    analyst: str,
    *,
    expected_version: int | None = None,
    reason: str | None = None,
) -> None:
    """Set (or with ``None`` or blank text clear) the analyst's note on one evidence link.

    ``reason`` as for :func:`label_evidence`.
    """
    with db.write() as session:
        analyst = require(session, analyst, None, "writing a note")
        link, claim = _link_and_claim(session, link_id)
        check_version(session, claim, expected_version, analyst)
        before = _link_dict(link)
        link.note = (clean(note).strip() or None) if note else None
        session.add(link)
        session.flush()
        claim_db.touch_claim(session, claim)
        _audit(
            session,
            analyst,
            "note",
            "evidence_link",
            link.id,
            claim.id,
            before,
            _with_reason(_link_dict(link), reason),
        )


def _with_reason(after: dict[str, Any], reason: str | None) -> dict[str, Any]:
    """The audit's ``after`` with the reason for saving over another analyst's change."""
    if reason and reason.strip():
        return {**after, "override_reason": clean_line(reason)}
    return after


def _link_and_claim(session: Session, link_id: int) -> tuple[EvidenceLink, Claim]:
    """The link and its claim, the claim locked first and the link read after the lock."""
    claim_id = session.scalar(
        select(col(EvidenceLink.claim_id)).where(col(EvidenceLink.id) == link_id)
    )
    if claim_id is None:
        raise InputError(f"no evidence link with id {link_id}")
    claim = locked_claim(session, claim_id)
    link = session.get(EvidenceLink, link_id, populate_existing=True)
    if link is None:
        raise InputError(f"no evidence link with id {link_id}")
    return link, claim


def _link_dict(link: EvidenceLink) -> dict[str, Any]:
    return {"stance": link.stance, "labelled_by": link.labelled_by, "note": link.note}


@dataclass(frozen=True)
class Undone:
    """What :func:`undo_last` took back."""

    event_id: int
    undo_event_id: int
    claim_id: int
    action: str
    summary: str
    version: int
    """The claim's version after the undo."""
    rematch: tuple[int, ...] = ()
    """Claims whose text the undo changed (matched again by :func:`undo_last`)."""


class UndoConflict(Conflict):
    """The change to undo has been built on since; ``event_id`` names it."""

    def __init__(self, event_id: int, claim_id: int, theirs: VerdictView | None, by: str | None):
        super().__init__(claim_id, theirs, by)
        self.event_id = event_id


def undoable(
    db: Database, analyst: str, *, since_event_id: int = 0, skip: Collection[int] = ()
) -> int:
    """How many of ``analyst``'s changes after ``since_event_id`` can still be undone."""
    with db.read() as session:
        return len(_undoable_events(session, analyst, since_event_id, skip))


def _undoable_events(
    session: Session, analyst: str, since_event_id: int, skip: Collection[int] = ()
) -> list[AuditEvent]:
    events = list(
        session.scalars(
            select(AuditEvent)
            .where(
                col(AuditEvent.analyst) == analyst,
                col(AuditEvent.id) > since_event_id,
                col(AuditEvent.action).in_((*UNDOABLE, "undo")),
            )
            .order_by(col(AuditEvent.id).desc())
        )
    )
    undone = {
        int(e.after["undoes"])
        for e in events
        if e.action == "undo" and isinstance(e.after, dict) and "undoes" in e.after
    }
    return [e for e in events if e.action != "undo" and e.id not in undone and e.id not in skip]


def undo_last(
    db: Database, analyst: str, *, since_event_id: int = 0, skip: Collection[int] = ()
) -> Undone | None:
    """Undo ``analyst``'s newest change after ``since_event_id``; None when nothing is left.

    Changes whose event ids are in ``skip`` are passed over. Raises
    :class:`UndoConflict` when someone changed the same verdict or evidence since (pass
    its ``event_id`` in ``skip`` to go further back). A change whose claim, verdict or
    evidence no longer exists is marked undone with nothing to restore.
    """
    with db.write() as session:
        analyst = require(session, analyst, None, "undoing a change")
        candidates = _undoable_events(session, analyst, since_event_id, skip)
        if not candidates:
            return None
        done = _undo_event(session, analyst, candidates[0])
    if done.rematch:
        from verify.match.link import match_claims

        match_claims(db, claim_ids=list(done.rematch))
    return done


def _undo_event(session: Session, analyst: str, event: AuditEvent) -> Undone:
    if event.entity == "claim":
        # correction builds on this module; imported here so the two do not import in a loop
        from verify.services.correction import undo_correction

        return undo_correction(session, analyst, event)
    claim = (
        session.get(Claim, event.claim_id, with_for_update=True, populate_existing=True)
        if event.claim_id is not None
        else None
    )
    model = Verdict if event.entity == "verdict" else EvidenceLink
    if claim is None or session.get(model, event.entity_id) is None:
        return _undo_gone(session, analyst, event, claim)
    if event.entity == "verdict":
        before, after, summary = _undo_verdict(session, claim, event)
        touch = _reviewed(claim, bool(after["current"]))
    else:
        before, after, summary = _undo_link(session, claim, event)
        touch = {}
    claim_db.touch_claim(session, claim, **touch)
    undo = AuditEvent(
        analyst=analyst,
        action="undo",
        entity=event.entity,
        entity_id=event.entity_id,
        claim_id=claim.id,
        before=before,
        after={"undoes": event.id, **after},
    )
    session.add(undo)
    session.flush()
    return Undone(event.id or 0, undo.id or 0, claim.id or 0, event.action, summary, claim.version)


def _undo_gone(session: Session, analyst: str, event: AuditEvent, claim: Claim | None) -> Undone:
    undo = AuditEvent(
        analyst=analyst,
        action="undo",
        entity=event.entity,
        entity_id=event.entity_id,
        claim_id=event.claim_id,
        before=None,
        after={"undoes": event.id, "gone": True},
    )
    session.add(undo)
    session.flush()
    what = "verdict" if event.entity == "verdict" else "evidence"
    return Undone(
        event.id or 0,
        undo.id or 0,
        event.claim_id or 0,
        event.action,
        f"nothing: the {what} of claim {event.claim_id} is gone",
        claim.version if claim else 0,
    )


def _undo_verdict(
    session: Session, claim: Claim, event: AuditEvent
) -> tuple[dict[str, Any] | None, dict[str, Any], str]:
    verdict = session.get(Verdict, event.entity_id)
    assert verdict is not None
    claim_id = id_of(claim)
    current = verdict_db.current_verdicts(session, [claim_id]).get(claim_id)
    if current is None or current.id != verdict.id:
        raise UndoConflict(
            id_of(event),
            claim_id,
            VerdictView.of(current) if current else None,
            current.analyst if current else None,
        )
    undone = _verdict_dict(verdict)
    session.delete(verdict)
    session.flush()
    restored = verdict_db.current_verdicts(session, [claim_id]).get(claim_id)
    summary = f"verdict {verdict.rating!r} on claim {claim.id}"
    if restored is not None:
        summary += f"; {restored.rating!r} ({restored.analyst}) is current again"
    return undone, {"current": _verdict_dict(restored)}, summary


def _undo_link(
    session: Session, claim: Claim, event: AuditEvent
) -> tuple[dict[str, Any], dict[str, Any], str]:
    link = session.get(EvidenceLink, event.entity_id)
    assert link is not None
    after = event.after or {}
    if link.stance != after.get("stance") or link.note != after.get("note"):
        later = session.scalar(
            select(AuditEvent)
            .where(
                col(AuditEvent.entity) == "evidence_link",
                col(AuditEvent.entity_id) == link.id,
                col(AuditEvent.id) > event.id,
            )
            .order_by(col(AuditEvent.id).desc())
        )
        raise UndoConflict(
            event.id or 0, claim.id or 0, None, later.analyst if later else link.labelled_by
        )
    undone = _link_dict(link)
    before = event.before or {}
    link.stance = before.get("stance")
    link.labelled_by = before.get("labelled_by") if link.stance else None
    link.labelled_at = utcnow() if link.stance else None
    link.note = before.get("note")
    session.add(link)
    # Written before the undo's own event: on PostgreSQL, putting back a label another
    # analyst gave is allowed while this analyst's change is still the link's newest.
    session.flush()
    if event.action == "note":
        summary = f"note on evidence for claim {claim.id}"
    elif after.get("stance"):
        summary = f"label {after['stance']!r} on evidence for claim {claim.id}"
    else:
        summary = f"cleared label on evidence for claim {claim.id}"
    return undone, _link_dict(link), summary
