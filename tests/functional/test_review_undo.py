"""Undo, built on the audit trail: verdicts, labels and notes, several steps back."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db import verdicts as verdict_db
from db.models import AuditEvent, Claim, EvidenceLink
from db.session import Database
from tests.support.tui_fixture import build
from verify.config import DEFAULT_SCALE
from verify.services import review

FALSE, MIXED, TRUE = DEFAULT_SCALE[0], DEFAULT_SCALE[2], DEFAULT_SCALE[4]


def current(db: Database, claim_id: int) -> str | None:
    with db.read() as session:
        verdict = verdict_db.current_verdicts(session, [claim_id]).get(claim_id)
    return verdict.rating if verdict else None


def link(db: Database, link_id: int) -> EvidenceLink:
    with db.read() as session:
        found = session.get(EvidenceLink, link_id)
        assert found is not None
        return found


def claim(db: Database, claim_id: int) -> Claim:
    with db.read() as session:
        found = session.get(Claim, claim_id)
        assert found is not None
        return found


def test_undo_takes_back_verdicts_and_labels_newest_first_several_steps(db: Database) -> None:
    ids = build(db, verdict_on_first=False)
    first, second = ids["claims"][0], ids["claims"][1]
    review.record_verdict(db, first, FALSE, "ana")
    review.record_verdict(db, first, MIXED, "ana")
    review.label_evidence(db, ids["links"][0], "contradicts", "ana")
    review.record_verdict(db, second, TRUE, "ana")

    steps = [review.undo_last(db, "ana") for _ in range(4)]

    assert [s.action for s in steps if s] == ["verdict", "label", "verdict", "verdict"]
    assert current(db, first) is None and current(db, second) is None
    assert link(db, ids["links"][0]).stance is None
    assert claim(db, first).status == "open"
    assert review.undo_last(db, "ana") is None


def test_undoing_a_verdict_brings_back_the_one_it_replaced(db: Database) -> None:
    ids = build(db, verdict_on_first=False)
    first = ids["claims"][0]
    review.record_verdict(db, first, FALSE, "ana", rationale="first look")
    review.record_verdict(db, first, TRUE, "ana")

    undone = review.undo_last(db, "ana")

    assert undone is not None and "'False'" in undone.summary
    assert current(db, first) == "False"
    assert claim(db, first).status == "reviewed"


def test_undo_restores_a_passage_note(db: Database) -> None:
    ids = build(db, verdict_on_first=False)
    review.annotate_evidence(db, ids["links"][0], "first note", "ana")
    review.annotate_evidence(db, ids["links"][0], "second note", "ana")

    review.undo_last(db, "ana")

    assert link(db, ids["links"][0]).note == "first note"


def test_undo_is_per_analyst_and_per_session(db: Database) -> None:
    ids = build(db, verdict_on_first=False)
    first, second = ids["claims"][0], ids["claims"][1]
    review.record_verdict(db, first, FALSE, "ana")
    with db.read() as session:
        since = session.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1))
    review.record_verdict(db, second, TRUE, "ben")

    assert review.undo_last(db, "ana", since_event_id=since) is None
    assert review.undo_last(db, "ben") is not None
    assert current(db, first) == "False" and current(db, second) is None


def test_undo_never_takes_back_a_verdict_someone_has_replaced(db: Database) -> None:
    ids = build(db, verdict_on_first=False)
    first, second = ids["claims"][0], ids["claims"][1]
    review.record_verdict(db, second, MIXED, "ana")
    review.record_verdict(db, first, FALSE, "ana")
    review.record_verdict(db, first, TRUE, "ben")

    with pytest.raises(review.UndoConflict) as caught:
        review.undo_last(db, "ana")
    assert caught.value.theirs is not None and caught.value.theirs.analyst == "ben"
    assert current(db, first) == "True"

    undone = review.undo_last(db, "ana", skip={caught.value.event_id})
    assert undone is not None and undone.claim_id == second
    assert current(db, second) is None


def test_an_undo_moves_the_claim_version_on_so_stale_changes_conflict(db: Database) -> None:
    ids = build(db, verdict_on_first=False)
    first = ids["claims"][0]
    review.record_verdict(db, first, FALSE, "ana")
    seen = claim(db, first).version

    undone = review.undo_last(db, "ana")

    assert undone is not None and undone.version == seen + 1 == claim(db, first).version
    with pytest.raises(review.Conflict):
        review.record_verdict(db, first, TRUE, "ben", expected_version=seen)


def test_every_undo_is_in_the_audit_trail(db: Database) -> None:
    ids = build(db, verdict_on_first=False)
    review.record_verdict(db, ids["claims"][0], FALSE, "ana", rationale="why")
    undone = review.undo_last(db, "ana")
    assert undone is not None
    with db.read() as session:
        event = session.get(AuditEvent, undone.undo_event_id)
    assert event is not None and event.action == "undo" and event.analyst == "ana"
    assert event.before is not None and event.before["rationale"] == "why"
    assert event.after is not None and event.after["undoes"] == undone.event_id
    assert review.undoable(db, "ana") == 0
