"""Pairing an article's old claims with the claims of its new version."""

from __future__ import annotations

from dataclasses import dataclass

from verify.extract.versions import OldClaim, correspond, locate


@dataclass(frozen=True)
class Found:
    text: str
    sentence: str
    start: int
    end: int


def found_in(text: str, *sentences: str) -> list[Found]:
    out = []
    for sentence in sentences:
        at = text.index(sentence)
        out.append(Found(sentence, sentence, at, at + len(sentence)))
    return out


BRIDGE = "The council spent 4.2 million pounds on the bridge in 2023."
JOBS = "Unemployment in the district fell to 4.1 percent last year."
JOBS_FIXED = "Unemployment in the district fell to 4.3 percent last year."
HARBOUR = "The harbour reopened in March after repairs costing 900,000 pounds."
SCHOOL = "The school roof will be replaced in 2025 at a cost of 2 million pounds."


def test_a_sentence_unchanged_keeps_its_claim_at_its_new_place() -> None:
    text = f"Intro line.\n\n{JOBS} {BRIDGE}"
    plan = correspond([OldClaim(7, BRIDGE, BRIDGE)], found_in(text, JOBS, BRIDGE), text)
    assert [(k.claim_id, text[k.start : k.end]) for k in plan.kept] == [(7, BRIDGE)]
    assert plan.changed == () and plan.removed == () and plan.new == (0,)


def test_whitespace_alone_does_not_change_a_claim() -> None:
    wrapped = BRIDGE.replace(" on ", "\non  ")
    text = f"{wrapped}\n"
    plan = correspond([OldClaim(1, BRIDGE, BRIDGE)], found_in(text, wrapped), text)
    assert [k.claim_id for k in plan.kept] == [1] and not plan.changed and not plan.new


def test_a_near_match_is_the_same_claim_changed() -> None:
    text = f"{BRIDGE} {JOBS_FIXED}"
    old = [OldClaim(1, BRIDGE, BRIDGE), OldClaim(2, JOBS, JOBS)]
    plan = correspond(old, found_in(text, BRIDGE, JOBS_FIXED), text)
    assert [k.claim_id for k in plan.kept] == [1]
    assert [(c.claim_id, c.index) for c in plan.changed] == [(2, 1)]
    assert plan.changed[0].similarity > 90
    assert plan.new == () and plan.removed == ()


def test_a_different_sentence_is_a_removed_claim_and_a_new_one() -> None:
    text = f"{BRIDGE} {SCHOOL}"
    old = [OldClaim(1, BRIDGE, BRIDGE), OldClaim(3, HARBOUR, HARBOUR)]
    plan = correspond(old, found_in(text, BRIDGE, SCHOOL), text)
    assert plan.removed == (3,) and plan.new == (1,) and plan.changed == ()


def test_each_changed_claim_pairs_with_its_closest_new_sentence() -> None:
    a_old = "Crime in the city rose by 8 percent in 2022, police said."
    b_old = "Crime in the county fell by 3 percent in 2022, police said."
    a_new = "Crime in the city rose by 9 percent in 2022, police said."
    b_new = "Crime in the county fell by 2 percent in 2022, police said."
    text = f"{b_new} {a_new}"
    old = [OldClaim(1, a_old, a_old), OldClaim(2, b_old, b_old)]
    plan = correspond(old, found_in(text, b_new, a_new), text)
    assert sorted((c.claim_id, c.index) for c in plan.changed) == [(1, 1), (2, 0)]


def test_a_claim_an_analyst_added_stays_while_its_words_are_in_the_text() -> None:
    added = "costing 900,000 pounds"
    text = f"{BRIDGE} {HARBOUR}"
    plan = correspond([OldClaim(5, added, HARBOUR)], [], text)
    assert [(k.claim_id, text[k.start : k.end]) for k in plan.kept] == [(5, added)]


def test_both_parts_of_a_split_claim_stay_when_the_sentence_is_unchanged() -> None:
    first, second = HARBOUR.split(" after ")
    text = f"{HARBOUR}"
    old = [OldClaim(1, first, HARBOUR), OldClaim(2, second, HARBOUR)]
    plan = correspond(old, found_in(text, HARBOUR), text)
    assert sorted(k.claim_id for k in plan.kept) == [1, 2] and plan.new == ()


def test_a_short_claim_inside_a_sentence_that_grew_is_changed_not_doubled() -> None:
    short = "The harbour reopened in March."
    grown = (
        "The harbour reopened in March after repairs that the port authority says cost "
        "far more than planned."
    )
    text = grown
    plan = correspond([OldClaim(4, short[:-1], short)], found_in(text, grown), text)
    assert [(c.claim_id, c.index) for c in plan.changed] == [(4, 0)]
    assert plan.new == () and plan.kept == ()


def test_locate_finds_words_across_line_breaks_only_as_whole_runs() -> None:
    assert locate("fell to 4.1", "it fell\nto  4.1 percent") == (3, 15)
    assert locate("fell to 4.1", "it fell to 4.1.") == (3, 14)
    assert locate("fell to 4.2", "it fell to 4.1 percent") is None
    assert locate("fell to 4.1", "it fell to 4.15 percent") is None
    assert locate("fell to 4", "it fell to 4,000") is None
    assert locate("", "anything") is None
