"""The inference model behind the stance hints (the ``nli`` extra): what it adds to the
signal judge, and what an analyst can rely on when it reads a pair."""

from __future__ import annotations

import subprocess
import sys

import pytest

from verify.match import nli
from verify.match.stance import judge, signals, stance_hint, stance_hints


@pytest.fixture(autouse=True)
def model_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """The suite runs the signal judge (tests/conftest.py); these tests read with the model."""
    monkeypatch.setenv(nli.ENV, "1")


FLOOD = "The river has never flooded the town of Orlen."
FLOODED = "Floodwater from the river covered the streets of Orlen in 2019."
FERRY = "The Orlen ferry service was cancelled last winter."
SAILED = "Ferries between Orlen and the island ran every day last winter."
DRY = "The Orlen weather office recorded a dry spring after a mild winter."


def test_the_extra_is_installed_for_these_tests() -> None:
    assert nli.available(), "the test extra installs verify[nli]"
    assert nli.enabled()


def test_a_contradiction_in_other_words_is_read_by_the_model_and_says_so() -> None:
    stance = stance_hint(FERRY, SAILED)
    assert stance.hint == "contradicts"
    assert stance.reason.startswith("the inference model reads a contradiction (")
    assert nli.weighing().alone <= stance.confidence <= 0.99


def test_without_the_model_the_same_pair_gets_no_contradiction(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(nli.ENV, "0")
    assert not nli.enabled()
    assert stance_hint(FERRY, SAILED).hint == "none"


def test_a_passage_that_agrees_in_other_words_is_not_called_a_contradiction() -> None:
    stance = stance_hint(
        "Harbour Watch counts 412 detainees in Port Lenna.",
        "There are 412 detainees in Port Lenna, Harbour Watch says.",
    )
    assert stance.hint == "supports"
    assert "inference model" not in stance.reason


def test_a_unanimous_vote_against_a_split_tally_contradicts_with_the_figures_named() -> None:
    stance = stance_hint(
        "The council approved the harbour budget unanimously.",
        "The council approved the harbour budget by seven votes to two.",
    )
    assert stance.hint == "contradicts"
    assert "numbers differ: 'unanimously' against 'seven votes to two'" in stance.reason


def test_a_passages_reading_does_not_depend_on_the_passages_beside_it() -> None:
    alone = nli.contradiction([(FLOOD, FLOODED)])
    beside = nli.contradiction([(FLOOD, DRY), (FLOOD, FLOODED), (FLOOD, DRY * 5)])
    assert alone is not None and beside is not None
    assert alone[0] == beside[1]
    assert [s.hint for s in stance_hints(FLOOD, [DRY, FLOODED])][1] == "contradicts"


def test_a_model_reading_below_the_chosen_threshold_gives_no_hint_of_its_own() -> None:
    found = signals(FLOOD, FLOODED)
    (read,) = nli.contradiction([(FLOOD, FLOODED)]) or [0.0]
    assert judge(found, contradiction=read).hint == "contradicts"
    stricter = nli.Weighing(alone=min(1.0, read + 0.001), with_signals=1.0)
    assert judge(found, contradiction=read, weighing=stricter).hint == "none"


def test_a_claim_or_passage_longer_than_the_model_reads_is_still_judged() -> None:
    claim = " ".join(["The council said the harbour plan was approved on time."] * 60)
    passage = " ".join(["The council rejected the harbour plan in a late vote."] * 60)
    for stance in stance_hints(claim, [passage, "", "\u200b", "٣٤٥ 漢字 🌊"]):
        assert stance.hint in {"supports", "contradicts", "none"}


def test_with_the_model_off_its_runtime_is_never_imported() -> None:
    code = (
        "import sys, os; os.environ['VERIFY_NLI'] = 'off'\n"
        "from verify.match.stance import stance_hint\n"
        "stance_hint('The river never flooded.', 'The river flooded in 2019.')\n"
        "print('onnxruntime' in sys.modules, 'tokenizers' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["False", "False"]
