"""The review session behind the workbench, driven without a terminal.

What the workbench relies on: queued changes land in order without conflicting with
each other, a change over someone else's newer one is a conflict (never a silent
overwrite), changes made while a conflict is open are dropped and counted, undo
takes back this session's changes only, and approval follows the config.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest

from db import verdicts as verdict_db
from db.session import Database
from tests.support.tui_fixture import build, settings
from verify.config import DEFAULT_SCALE
from verify.errors import VerifyError
from verify.services import browse, review
from verify.services.session import Job, ReviewSession

FALSE, MIXED, TRUE = DEFAULT_SCALE[0], DEFAULT_SCALE[2], DEFAULT_SCALE[4]


@pytest.fixture
def session(db: Database) -> Iterator[ReviewSession]:
    opened = ReviewSession(db, settings(db, "bob"))
    yield opened
    opened.close()


def run(session: ReviewSession, job: Job, shown_version: int | None = None) -> Any:
    """Submit ``job`` as the workbench does and wait for it: its result, or its error."""
    done = threading.Event()
    outcome: dict[str, Any] = {}

    def finished(_job: Job, result: Any, error: BaseException | None) -> None:
        outcome.update(result=result, error=error)
        done.set()

    session.submit(job, finished, shown_version)
    assert done.wait(30)
    session.finished(job, outcome["error"])
    return outcome["error"] or outcome["result"]


def rating(db: Database, claim_id: int) -> str | None:
    with db.read() as read:
        verdict = verdict_db.current_verdicts(read, [claim_id]).get(claim_id)
    return verdict.rating if verdict else None


def version(db: Database, claim_id: int) -> int:
    with db.read() as read:
        return review.locked_claim(read, claim_id).version


def test_changes_queued_in_a_row_land_in_order_without_conflicting(
    db: Database, session: ReviewSession
) -> None:
    claim = build(db, verdict_on_first=False)["claims"][1]
    session.seen(claim, version(db, claim))
    done = threading.Event()
    errors: list[BaseException | None] = []

    def finished(job: Job, _result: Any, error: BaseException | None) -> None:
        errors.append(error)
        if len(errors) == 3:
            done.set()

    jobs = [session.verdict(claim, r) for r in (FALSE, MIXED, TRUE)]
    for job in jobs:
        session.submit(job, finished)
    assert session.pending(claim)
    assert done.wait(30)
    for job in jobs:
        session.finished(job)

    assert errors == [None, None, None]
    assert rating(db, claim) == "True"
    assert not session.pending(claim) and not session.busy


def test_a_change_over_someone_elses_newer_one_is_a_conflict_until_overridden(
    db: Database, session: ReviewSession
) -> None:
    claim = build(db, verdict_on_first=False)["claims"][1]
    shown = version(db, claim)
    review.record_verdict(db, claim, FALSE, "ana")  # after bob read the claim

    job = session.verdict(claim, TRUE, "my reading")
    conflict = run(session, job, shown_version=shown)

    assert isinstance(conflict, review.Conflict)
    assert conflict.theirs is not None and conflict.theirs.analyst == "ana"
    assert rating(db, claim) == "False"
    assert job.override is not None
    saved = run(session, job.override("Saved over ana's verdict: new figures"))
    assert saved.rating == "True" and "new figures" in (saved.rationale or "")


def test_changes_made_while_a_conflict_is_open_are_dropped_and_counted(
    session: ReviewSession,
) -> None:
    assert session.open_conflict(7) is True
    assert session.open_conflict(7) is False
    assert session.open_conflict(7) is False
    assert session.open_conflict(8) is True

    assert session.close_conflict(7) == 2
    assert session.close_conflict(8) == 0
    assert session.open_conflict(7) is True  # a later conflict is asked about again


def test_a_warning_about_someone_elses_change_goes_once_the_claim_is_read_afresh(
    session: ReviewSession,
) -> None:
    session.warn(3, "ana changed the verdict")
    assert session.warning(3) == "ana changed the verdict"

    assert session.read_afresh(3, 5) is True
    assert session.warning(3) is None and session.known(3) == 5
    assert session.read_afresh(3, 5) is False


def test_undo_takes_back_this_sessions_changes_newest_first_and_nothing_before(
    db: Database,
) -> None:
    claims = build(db, verdict_on_first=False)["claims"]
    review.record_verdict(db, claims[0], FALSE, "bob")  # before the session began
    since = browse.last_event_id(db)
    session = ReviewSession(db, settings(db, "bob"), since_event=since)
    try:
        run(session, session.verdict(claims[1], TRUE), version(db, claims[1]))
        run(session, session.verdict(claims[2], MIXED), version(db, claims[2]))

        assert run(session, session.undo()).claim_id == claims[2]
        assert run(session, session.undo()).claim_id == claims[1]
        assert run(session, session.undo()) is None
        assert rating(db, claims[0]) == "False"
    finally:
        session.close()


def test_an_undo_someone_built_on_is_passed_over_by_the_next_undo(db: Database) -> None:
    claims = build(db, verdict_on_first=False)["claims"]
    session = ReviewSession(db, settings(db, "bob"), since_event=browse.last_event_id(db))
    try:
        run(session, session.verdict(claims[1], TRUE), version(db, claims[1]))
        run(session, session.verdict(claims[2], MIXED), version(db, claims[2]))
        review.record_verdict(db, claims[2], FALSE, "ana")  # ana builds on bob's verdict

        blocked = run(session, session.undo())
        assert isinstance(blocked, review.UndoConflict)
        assert run(session, session.undo()).claim_id == claims[1]
        assert rating(db, claims[2]) == "False"
    finally:
        session.close()


@pytest.mark.parametrize("approval", ["editor", "self"])
def test_approving_ones_own_verdict_in_a_team_follows_the_config(
    db: Database, approval: str
) -> None:
    claim = build(db)["claims"][1]  # ana's verdict on the first claim: bob is not alone
    session = ReviewSession(db, settings(db, "bob", approval=approval))
    try:
        run(session, session.verdict(claim, TRUE), version(db, claim))
        outcome = run(session, session.approve(claim))
    finally:
        session.close()

    if approval == "self":
        assert outcome.state == "approved" and outcome.approved_by == "bob"
    else:
        assert isinstance(outcome, VerifyError)
        assert rating(db, claim) == "True"


def test_a_closed_session_takes_no_more_changes(db: Database) -> None:
    session = ReviewSession(db, settings(db, "bob"))
    session.close()
    with pytest.raises(RuntimeError, match="closing"):
        session.submit(session.undo(), lambda *_: None)
