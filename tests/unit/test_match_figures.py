"""Figures that disagree between a claim and a passage are flagged, with both figures."""

from __future__ import annotations

import pytest

from verify.match.figures import compare, figures

AGREE = [
    ("counts", "Harbour Watch counts 412 detainees.", "There are 412 detainees, it says."),
    (
        "about-800-806",
        "About 800 people were released.",
        "Officials said 806 people were released.",
    ),
    ("more-than", "More than 800 detainees were freed.", "In all, 806 detainees were freed."),
    ("at-least", "At least 212 people were released.", "By Friday 230 people had been released."),
    ("rounding-round-figure", "Some 1,200 ships docked.", "The port logged 1,180 ships docked."),
    ("rounding-decimals", "Unemployment rose to 12%.", "Unemployment rose to 12.4 per cent."),
    ("money-scale-words", "The harbour cost $12.0 million.", "The harbour cost 12m in total."),
    ("money-bn", "The fund is worth 12.4 billion euros.", "The fund holds €12bn."),
    ("range", "Between 800 and 850 detainees were freed.", "Some 820 detainees were freed."),
    ("range-dash", "The count was 800-850 detainees.", "About 830 detainees were counted."),
    ("month-and-day", "The dam was finished in March 2021.", "It was finished on 12 March 2021."),
    ("year-and-date", "The dam was finished in 2021.", "The dam was finished on March 12, 2021."),
    (
        "half-and-percent",
        "Half of the prisoners were released.",
        "50% of the prisoners were released.",
    ),
    ("tally", "The council voted 7-2 for the budget.", "The budget passed seven votes to two."),
    ("unanimous-nine-nil", "The council backed it unanimously.", "The council voted 9-0 for it."),
    ("doubled", "Port fees doubled last year.", "Port fees rose by 100% last year."),
    ("points", "Turnout rose by 3 percentage points.", "Turnout rose 3 points on 2019."),
]

DIFFER = [
    ("counts", "Harbour Watch counts 412 detainees.", "Harbour Watch now counts 287 detainees."),
    ("806-400", "806 people were released.", "Officials said 400 people were released."),
    ("more-than", "More than 800 detainees were freed.", "In all, 612 detainees were freed."),
    ("up-to", "Up to 50 boats will be allowed.", "The rule allows 80 boats."),
    ("money-scale-words", "The harbour cost $12.0 million.", "The harbour cost $21m in total."),
    (
        "money-words",
        "The state paid 3 million dollars.",
        "The state paid $7.5 million, records show.",
    ),
    ("not-a-cent", "Not a cent of public money was spent.", "The state paid $2.1m towards it."),
    (
        "cost-nothing",
        "The stadium cost the public nothing.",
        "The public paid $2.1m for the stadium.",
    ),
    ("percent", "Unemployment rose to 12%.", "Unemployment rose to 15 per cent."),
    ("points", "Turnout rose by 3 percentage points.", "Turnout rose 5 points on 2019."),
    ("year", "The dam was finished in 1931.", "The dam was finished in 1934, late."),
    ("date", "The polls closed on 3 May 2024.", "The polls closed on 10 May 2024."),
    ("range", "Between 800 and 850 detainees were freed.", "Only 400 detainees were freed."),
    (
        "unanimously-nine-three",
        "The council approved it unanimously.",
        "It passed nine votes to three.",
    ),
    (
        "tally-tally",
        "The council voted 7-2 for the budget.",
        "The budget passed 5-4 in the council.",
    ),
    ("none", "None of the prisoners were released.", "Twelve prisoners were released."),
    ("not-a-single", "Not a single prisoner was released.", "Twelve prisoners were released."),
    ("all-half", "All prisoners were released.", "Half of the prisoners were released."),
    ("all-percent", "All of the budget was spent.", "Only 40% of the budget was spent."),
    ("doubled-40", "Port fees doubled last year.", "Port fees rose by 40% last year."),
    ("halved", "The harbour fleet halved.", "The harbour fleet fell by 10%."),
]


@pytest.mark.parametrize(("claim", "passage"), [c[1:] for c in AGREE], ids=[c[0] for c in AGREE])
def test_figures_that_fit_each_other_agree(claim: str, passage: str) -> None:
    check = compare(claim, passage)
    assert check is not None, (figures(claim), figures(passage))
    assert not check.differ, check.summary


@pytest.mark.parametrize(("claim", "passage"), [c[1:] for c in DIFFER], ids=[c[0] for c in DIFFER])
def test_figures_that_disagree_are_flagged(claim: str, passage: str) -> None:
    check = compare(claim, passage)
    assert check is not None, (figures(claim), figures(passage))
    assert check.differ
    assert check.summary.startswith("numbers differ")


def test_the_flag_shows_both_figures() -> None:
    check = compare("The stadium cost the public nothing.", "The state paid $2.1m for it.")
    assert check is not None
    assert check.as_json() == {
        "agree": False,
        "figures": [{"claim": "nothing", "passage": "$2.1m", "agree": False}],
    }
    assert "'nothing' against '$2.1m'" in check.summary


def test_figures_of_different_things_are_not_compared() -> None:
    assert compare("Harbour Watch counts 412 detainees.", "The court has 3 judges.") is None
    assert compare("The dam was finished in 1931.", "Rainfall was 40% above average.") is None


def test_a_passage_that_also_gives_the_claimed_figure_agrees() -> None:
    check = compare(
        "The state paid $2.1m.", "The stadium cost $12m, of which the state paid $2.1m."
    )
    assert check is not None and not check.differ


def test_money_in_different_currencies_is_not_compared() -> None:
    assert compare("The fund holds $12bn.", "The fund holds €9bn.") is None


def test_words_that_are_not_figures_are_left_alone() -> None:
    assert figures("One of the ministers said all the time that it was fine.") == ()
    assert [f.kind for f in figures("The 12 men left in 2019.")] == ["count", "date"]
