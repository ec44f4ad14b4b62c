"""Stance hints: rare when unsure, with a confidence and the signal that decided them."""

from __future__ import annotations

import pytest

from verify.extract.worthiness import BITS
from verify.match import nli
from verify.match.clauses import clauses
from verify.match.stance import SIGNALS, Model, judge, model, signals, stance_hint, word_features


@pytest.mark.parametrize(
    ("claim", "passage", "hint", "reason"),
    [
        (
            "The interior ministry of Veloria does not hold political prisoners.",
            "A court found that the interior ministry of Veloria holds political prisoners "
            "in two jails.",
            "contradicts",
            "negation in the claim only",
        ),
        (
            "The council approved the harbour budget unanimously.",
            "The council approved the harbour budget by seven votes to two.",
            "contradicts",
            "numbers differ: 'unanimously' against 'seven votes to two'",
        ),
        (
            "Harbour Watch counts 412 detainees in Port Lenna.",
            "There are 412 detainees in Port Lenna, Harbour Watch says.",
            "supports",
            "numbers agree: '412' against '412'",
        ),
        (
            "The interior ministry of Veloria does not hold political prisoners.",
            "The interior ministry of Veloria says it does not hold any political prisoners.",
            "supports",
            "",
        ),
        (
            "The council approved the harbour budget unanimously.",
            "Rainfall in the northern hills was twice the March average.",
            "none",
            "little shared wording",
        ),
    ],
    ids=["negation-one-side", "unanimous-vs-votes", "same-numbers", "same-wording", "unrelated"],
)
def test_the_signal_judge_names_what_decided_a_hint(
    claim: str, passage: str, hint: str, reason: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(nli.ENV, "0")  # as without the nli extra
    stance = stance_hint(claim, passage)
    assert stance.hint == hint
    assert reason in stance.reason
    assert (stance.confidence > 0) == (hint != "none")


def test_a_hint_is_given_only_past_the_probability_the_model_sets_for_it() -> None:
    found = signals(
        "The interior ministry of Veloria does not hold political prisoners.",
        "A court found that the interior ministry of Veloria holds political prisoners "
        "in two jails.",
    )
    shipped = model()
    assert judge(found, shipped).hint == "contradicts"
    stricter = Model(shipped.weights, dict.fromkeys(shipped.thresholds, 0.99), shipped.words)
    assert judge(found, stricter).hint == "none"


def test_figures_that_differ_are_carried_even_without_a_hint() -> None:
    stance = stance_hint(
        "The stadium cost the public nothing.",
        "The state paid $2.1m of public money towards the stadium.",
    )
    assert stance.numbers is not None and stance.numbers.differ
    assert stance.numbers.pairs[0].passage == "$2.1m"


def test_the_shipped_model_reads_the_signals_and_word_features_the_judge_measures() -> None:
    assert all(len(weights) == len(SIGNALS) + 1 for weights in model().weights.values())
    assert all(len(weights) == 1 << BITS for weights in model().words.values())
    assert set(model().words) == set(model().weights) == {"supports", "refutes", "nei"}
    assert set(model().thresholds) == {"contradicts", "supports"}


@pytest.mark.parametrize(
    ("claim", "sentence", "feature"),
    [
        (
            "Telemundo is an English-language network.",
            "Telemundo is a Spanish-language network.",
            "sub:english|spanish",
        ),
        ("The harbour opened in 1998.", "The harbour opened in 2004.", "kinds:year|year"),
        ("The mayor never visited the port.", "The mayor visited the port twice.", "claim:never"),
        ("The mayor visited the port.", "The mayor has not visited the port.", "passage:not"),
        ("The port is owned by Lenna.", "The port is owned by the state.", "missing:lenna"),
    ],
    ids=["replaced-word", "replaced-year", "cue-in-claim", "cue-in-passage", "missing-name"],
)
def test_the_judge_reads_words_replaced_missing_or_negated(
    claim: str, sentence: str, feature: str
) -> None:
    assert feature in word_features(claim, sentence)


def test_a_replaced_word_is_named_in_the_reason_when_it_decides(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(nli.ENV, "0")  # the signal judge alone
    stance = stance_hint(
        "Telemundo is an English-language television network.",
        "Telemundo is a Spanish-language television network owned by a cable company.",
    )
    assert stance.hint == "contradicts"
    assert "'english' where the passage has 'spanish'" in stance.reason


def test_a_claim_of_two_assertions_is_judged_by_the_one_the_passage_speaks_to() -> None:
    claim = (
        "The speaker called the release a gesture of goodwill, and he stressed that "
        "the decision was taken alone and not agreed with any other party."
    )
    assert clauses(claim)[-1] == "the decision was taken alone and not agreed with any other party"
    found = signals(
        claim,
        "The decision was taken alone and agreed with no other party, the speaker said.",
    )
    assert found.values["overlap"] == 1.0


def test_a_reporting_frame_is_not_part_of_what_is_claimed() -> None:
    assert clauses("The monitor Harbour Watch says 412 detainees are held in Port Lenna.") == [
        "412 detainees are held in Port Lenna"
    ]
    assert clauses(
        "Detainees will walk free within a day, the chamber's speaker said on Monday."
    ) == ["Detainees will walk free within a day"]
