"""Stance hints: the rules analysts can expect, shown as hints, never as labels."""

from __future__ import annotations

import pytest

from verify.match.clauses import clauses
from verify.match.stance import stance_hint


@pytest.mark.parametrize(
    ("claim", "passage", "hint", "reason"),
    [
        (
            "The interior ministry of Veloria does not hold political prisoners.",
            "A court found that the interior ministry of Veloria holds political prisoners "
            "in two jails.",
            "contradicts",
            "negation",
        ),
        (
            "Harbour Watch counts 412 detainees in Port Lenna.",
            "Harbour Watch now counts 287 detainees in Port Lenna.",
            "contradicts",
            "412",
        ),
        (
            "The council approved the harbour budget unanimously.",
            "The council approved the harbour budget by seven votes to two.",
            "contradicts",
            "absolute",
        ),
        (
            "The fire destroyed the Port Lenna market entirely.",
            "The fire destroyed a fifth of the Port Lenna market, officials said.",
            "contradicts",
            "absolute",
        ),
        (
            "Harbour Watch counts 412 detainees in Port Lenna.",
            "There are 412 detainees in Port Lenna, Harbour Watch says.",
            "supports",
            "412",
        ),
        (
            "The interior ministry of Veloria does not hold political prisoners.",
            "The interior ministry of Veloria says it does not hold any political prisoners.",
            "supports",
            "wording",
        ),
        (
            "The council approved the harbour budget unanimously.",
            "Rainfall in the northern hills was twice the March average.",
            "none",
            "little",
        ),
    ],
    ids=[
        "negation-one-side",
        "numbers-differ",
        "unanimous-vs-votes",
        "entirely-vs-fifth",
        "same-numbers",
        "same-wording",
        "unrelated",
    ],
)
def test_stance_hints_follow_the_written_rules(
    claim: str, passage: str, hint: str, reason: str
) -> None:
    stance = stance_hint(claim, passage)
    assert stance.hint == hint
    assert reason in stance.reason


def test_a_claim_of_two_assertions_is_judged_by_the_one_the_passage_speaks_to() -> None:
    claim = (
        "The speaker called the release a gesture of goodwill, and he stressed that "
        "the decision was taken alone and not agreed with any other party."
    )
    assert clauses(claim)[-1] == "the decision was taken alone and not agreed with any other party"
    stance = stance_hint(
        claim,
        "The decision was agreed with mediators from a neighbouring state after weeks of talks.",
    )
    assert stance.hint == "contradicts"


def test_a_reporting_frame_is_not_part_of_what_is_claimed() -> None:
    assert clauses("The monitor Harbour Watch says 412 detainees are held in Port Lenna.") == [
        "412 detainees are held in Port Lenna"
    ]
    assert clauses(
        "Detainees will walk free within a day, the chamber's speaker said on Monday."
    ) == ["Detainees will walk free within a day"]
