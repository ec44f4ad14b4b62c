"""Disagreements: where analysts' verdicts differ, side by side, settled by an editor."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db import verdicts as verdict_db
from db.models import AuditEvent
from db.session import Database
from tests.support.tui_fixture import build
from verify.config import DEFAULT_SCALE
from verify.errors import InputError
from verify.services import adjudication, review
from verify.services.analysts import add_analyst, team_init
from verify.services.approval import NotAllowed, approve
from verify.services.blind import set_blind

FALSE, MOSTLY_FALSE, TRUE = DEFAULT_SCALE[0], DEFAULT_SCALE[1], DEFAULT_SCALE[4]


def last_event(db: Database) -> AuditEvent:
    with db.read() as session:
        event = session.scalar(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1))
    assert event is not None
    return event


def a_team(db: Database) -> None:
    """eve starts the team (an admin approves as an editor does); ana and ben analyse."""
    team_init(db, "eve")
    add_analyst(db, "ana", "analyst", "eve")
    add_analyst(db, "ben", "analyst", "eve")


def two_analysts_disagree(db: Database) -> dict[str, list[int]]:
    ids = build(db, verdict_on_first=False)
    first, second = ids["claims"][0], ids["claims"][1]
    a_team(db)
    review.label_evidence(db, ids["links"][0], "contradicts", "ana")
    review.record_verdict(db, first, FALSE, "ana", rationale="the office says 2,000 at most")
    review.label_evidence(db, ids["links"][1], "supports", "ben")
    review.record_verdict(db, first, TRUE, "ben", rationale="the mayor's own figure")
    review.record_verdict(db, second, TRUE, "ana")
    review.record_verdict(db, second, TRUE, "ben")  # agreement: not a disagreement
    return ids


def test_a_disagreement_shows_each_analysts_verdict_rationale_and_evidence(
    db: Database,
) -> None:
    ids = two_analysts_disagree(db)

    [found] = adjudication.disagreements(db)

    assert found.claim_id == ids["claims"][0]
    ana, ben = found.positions
    assert (ana.verdict.analyst, ana.verdict.rating) == ("ana", "False")
    assert ana.verdict.rationale == "the office says 2,000 at most"
    assert [(c.link_id, c.stance) for c in ana.cited] == [(ids["links"][0], "contradicts")]
    assert "1,500 to 2,000 jobs" in ana.cited[0].text
    assert (ben.verdict.analyst, ben.verdict.rating) == ("ben", "True")
    assert [(c.link_id, c.stance) for c in ben.cited] == [(ids["links"][1], "supports")]


def test_an_editor_settles_a_disagreement_approved_and_linked_to_what_it_settles(
    db: Database,
) -> None:
    ids = two_analysts_disagree(db)
    first = ids["claims"][0]
    [found] = adjudication.disagreements(db)

    final = adjudication.settle(db, first, MOSTLY_FALSE, "eve", rationale="office figure")

    assert (final.rating, final.state, final.approved_by) == ("Mostly false", "approved", "eve")
    assert adjudication.disagreements(db) == []
    with db.read() as session:
        current = verdict_db.current_verdicts(session, [first])[first]
    event = last_event(db)
    assert event.action == "settle"
    assert event.after is not None
    assert event.after["settles"] == [p.verdict.id for p in found.positions]
    assert current.id == final.id

    review.undo_last(db, "eve")
    assert [d.claim_id for d in adjudication.disagreements(db)] == [first]


def test_only_an_editor_settles(db: Database) -> None:
    ids = two_analysts_disagree(db)
    with pytest.raises(NotAllowed, match="needs an editor"):
        adjudication.settle(db, ids["claims"][0], FALSE, "ana")
    with pytest.raises(InputError, match="no open disagreement"):
        adjudication.settle(db, ids["claims"][1], FALSE, "eve")


def test_blind_verdicts_are_listed_only_once_two_are_in(db: Database) -> None:
    ids = build(db, verdict_on_first=False)
    a_team(db)
    set_blind(db, 1, True, "eve")
    review.record_verdict(db, ids["claims"][2], FALSE, "ana")
    assert adjudication.disagreements(db) == []
    review.record_verdict(db, ids["claims"][2], TRUE, "ben")
    assert [d.claim_id for d in adjudication.disagreements(db)] == [ids["claims"][2]]


def test_an_analyst_alone_approves_their_own_verdict_and_the_log_says_so(
    db: Database,
) -> None:
    ids = build(db, verdict_on_first=False)
    review.record_verdict(db, ids["claims"][2], FALSE, "solo")

    approved = approve(db, ids["claims"][2], "solo")

    assert (approved.state, approved.approved_by, approved.analyst) == (
        "approved",
        "solo",
        "solo",
    )
    event = last_event(db)
    assert event.action == "approve"
    assert event.after is not None and event.after["self_approval"] == "no other analyst"


def test_in_a_team_self_approval_is_refused_whatever_the_config_says(db: Database) -> None:
    # The config is each user's own file: in a team it cannot waive the second pair of
    # eyes (issue 13); alone, without a team, it still can.
    ids = build(db, verdict_on_first=False)
    a_team(db)
    review.record_verdict(db, ids["claims"][2], FALSE, "eve")
    with pytest.raises(NotAllowed, match="approval needs another analyst"):
        approve(db, ids["claims"][2], "eve")
    with pytest.raises(NotAllowed, match="approval needs another analyst"):
        approve(db, ids["claims"][2], "eve", self_approval=True)
