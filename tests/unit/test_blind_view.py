"""The one blind-review rule, as every reader applies it (db.blind.BlindView)."""

from __future__ import annotations

from db.blind import BlindView
from db.models import Verdict


def verdict(vid: int, claim_id: int, analyst: str, rating: str = "False") -> Verdict:
    return Verdict(id=vid, claim_id=claim_id, rating=rating, analyst=analyst)


ANA_ON_1 = verdict(1, 1, "ana")
BO_ON_1 = verdict(2, 1, "bo")
BO_ON_2 = verdict(3, 2, "bo")
CY_ON_3 = verdict(4, 3, "cy")

# Claims 1 and 2 are in blind review: ana has judged claim 1, not claim 2. Claim 3 is not.
ANAS_VIEW = BlindView("ana", {1: ANA_ON_1, 2: None})


def test_a_reader_sees_their_own_verdict_or_none_on_a_claim_in_blind_review() -> None:
    newest = {1: BO_ON_1, 2: BO_ON_2, 3: CY_ON_3}
    assert ANAS_VIEW.current(newest) == {1: ANA_ON_1, 3: CY_ON_3}


def test_a_claim_out_of_blind_review_is_seen_whole() -> None:
    assert 3 not in ANAS_VIEW
    assert ANAS_VIEW.history(3, [CY_ON_3]) == [CY_ON_3]
    assert not ANAS_VIEW.hides(3, "cy")


def test_the_history_of_a_claim_in_blind_review_holds_only_the_readers_verdicts() -> None:
    assert ANAS_VIEW.history(1, [ANA_ON_1, BO_ON_1]) == [ANA_ON_1]
    assert ANAS_VIEW.history(2, [BO_ON_2]) == []


def test_others_verdicts_in_blind_review_are_hidden_and_the_readers_own_are_not() -> None:
    assert ANAS_VIEW.hides(1, "bo")
    assert ANAS_VIEW.hides(2, "bo")
    assert not ANAS_VIEW.hides(1, "ana")
    assert not ANAS_VIEW.hides(None, "bo")


def test_agreement_counts_only_the_readers_verdict_on_a_claim_in_blind_review() -> None:
    by_claim = {1: {"ana": ANA_ON_1, "bo": BO_ON_1}, 2: {"bo": BO_ON_2}, 3: {"cy": CY_ON_3}}
    assert ANAS_VIEW.each_analyst(by_claim) == {1: {"ana": ANA_ON_1}, 3: {"cy": CY_ON_3}}


def test_no_reader_named_sees_everything() -> None:
    everything = BlindView(None, {})
    newest = {1: BO_ON_1}
    assert everything.current(newest) == newest
    assert not everything.hides(1, "bo")
