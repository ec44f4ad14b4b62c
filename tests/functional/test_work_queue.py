"""Work queues: what is assigned to whom and still waits for their verdict."""

from __future__ import annotations

from db.session import Database
from tests.support.tui_fixture import build
from verify.config import DEFAULT_SCALE
from verify.services import correction, review
from verify.services.assignment import assign
from verify.services.browse import claim_rows
from verify.services.queue import queues


def test_each_analyst_sees_their_open_assigned_claims(db: Database) -> None:
    ids = build(db, verdict_on_first=False)
    claims = ids["claims"]
    assign(db, claims[:3], "ana", "eve")
    assign(db, claims[3:5], "ben", "eve")
    review.record_verdict(db, claims[0], DEFAULT_SCALE[0], "ana")
    correction.drop_claim(db, claims[4], "ben")

    found = queues(db)

    assert [q.analyst for q in found.queues] == ["ana", "ben"]
    ana, ben = found.queues
    assert [i.claim_id for i in ana.open] == claims[1:3] and ana.done == 1
    assert [i.claim_id for i in ben.open] == [claims[3]] and ben.done == 0
    assert found.unassigned == 2  # claims 5 and 6
    assert [q.analyst for q in queues(db, "ben").queues] == ["ben"]
    assert queues(db, "nobody").queues[0].open == ()


def test_the_claims_list_knows_who_each_claim_is_assigned_to(db: Database) -> None:
    ids = build(db, verdict_on_first=False)
    assign(db, [ids["claims"][1]], "ana", "eve")
    rows = {r.id: r.assigned_to for r in claim_rows(db)}
    assert rows[ids["claims"][1]] == "ana" and rows[ids["claims"][0]] is None
