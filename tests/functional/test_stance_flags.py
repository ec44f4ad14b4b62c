"""Through the command line, with the inference model on (the nli extra): figures that
disagree are flagged in the JSON export, and a refutation in other words is caught."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.cli_run import run_cli
from verify.match import nli

ARTICLE = """Port Lenna council backs harbour plan

The Lenna council approved the harbour budget unanimously on Monday, the mayor, Dara Holm, \
told reporters.

Holm said the new Port Lenna stadium had cost the public nothing because private sponsors \
paid for all of it.

She added that about 800 families would be rehoused before the harbour works begin in 2027.

Holm also said the Port Lenna island ferry had been cancelled for the whole of last winter.
"""

EVIDENCE = {
    "lenna-council-minutes.txt": """title: Minutes of the Lenna council, harbour session
publisher: Lenna Council Record (fictional test source)
---
The Lenna council approved the harbour budget by nine votes to three on Monday after a \
long debate.
""",
    "stadium-accounts.md": """title: Who paid for the Port Lenna stadium
publisher: Lenna Ledger (fictional test source)
---
The accounts show that the state paid $2.1m of public money towards the new Port Lenna \
stadium, with private sponsors covering the rest.

The housing office says 806 families will be rehoused before the harbour works begin in 2027.
""",
    "ferry-log.txt": """title: Port log, winter
publisher: Lenna Port Office (fictional test source)
---
The island ferry sailed from Port Lenna through last winter without a break, the port \
log shows.
""",
}


@pytest.fixture(scope="module", autouse=True)
def model_on() -> Iterator[None]:
    """The suite runs the signal judge (tests/conftest.py); this module reads with the model."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(nli.ENV, "1")
        yield


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with the evidence and the article, matched."""
    root = tmp_path_factory.mktemp("stance")
    (root / "evidence").mkdir()
    for name, text in EVIDENCE.items():
        (root / "evidence" / name).write_text(text, encoding="utf-8")
    (root / "article.txt").write_text(ARTICLE, encoding="utf-8")
    db = f"sqlite:///{root / 'verify.db'}"
    assert run_cli("--db", db, "evidence", "add", str(root / "evidence")).code == 0
    assert run_cli("--db", db, "article", "add", str(root / "article.txt")).code == 0
    return root


@pytest.fixture(scope="module")
def exported(store: Path) -> dict[str, list[dict[str, Any]]]:
    """claim text -> its evidence, as `verify export --format json` writes it."""
    root = store
    db = f"sqlite:///{root / 'verify.db'}"
    out = root / "report.json"
    assert run_cli("--db", db, "export", "--format", "json", "-o", str(out)).code == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    return {c["text"]: c["evidence"] for c in document["articles"][0]["claims"]}


def _evidence(exported: dict[str, list[dict[str, Any]]], words: str) -> list[dict[str, Any]]:
    return next(evidence for text, evidence in exported.items() if words in text)


def _figures(evidence: list[dict[str, Any]]) -> list[tuple[str, str, bool]]:
    return [
        (f["claim"], f["passage"], f["agree"])
        for e in evidence
        if e["numbers"]
        for f in e["numbers"]["figures"]
    ]


def test_a_unanimous_vote_against_a_split_tally_is_flagged(exported: Any) -> None:
    evidence = _evidence(exported, "unanimously")
    assert _figures(evidence) == [("unanimously", "nine votes to three", False)]
    best = evidence[0]
    assert best["numbers"]["agree"] is False
    assert best["stance_hint"] == "contradicts"
    assert 0.5 <= best["stance_confidence"] <= 1


def test_a_refutation_in_other_words_is_caught_by_the_inference_model(exported: Any) -> None:
    evidence = _evidence(exported, "ferry had been cancelled")
    best = evidence[0]
    assert best["text"].startswith("The island ferry sailed")
    assert best["stance_hint"] == "contradicts"
    assert best["stance_reason"].startswith("the inference model reads a contradiction")
    assert best["stance_confidence"] >= nli.weighing().alone


def test_costing_the_public_nothing_against_millions_paid_is_flagged(exported: Any) -> None:
    evidence = _evidence(exported, "cost the public nothing")
    assert ("nothing", "$2.1m", False) in _figures(evidence)
    assert "numbers differ" in evidence[0]["stance_reason"]


def test_an_approximation_that_fits_agrees(exported: Any) -> None:
    evidence = _evidence(exported, "about 800 families")
    assert ("about 800", "806", True) in _figures(evidence)
    assert all(agree for _, _, agree in _figures(evidence))


def test_without_a_hint_there_is_no_confidence(exported: Any) -> None:
    links = [e for evidence in exported.values() for e in evidence]
    assert any(e["stance_hint"] == "none" for e in links)
    for e in links:
        assert (e["stance_confidence"] is None) == (e["stance_hint"] == "none")


def test_figures_of_other_things_are_not_compared(exported: Any) -> None:
    evidence = _evidence(exported, "cost the public nothing")
    assert all(f[1] != "nine votes to three" for f in _figures(evidence))


def test_a_plain_search_shows_the_hints_confidence_and_figures_that_differ(store: Path) -> None:
    db = f"sqlite:///{store / 'verify.db'}"
    run = run_cli("--db", db, "evidence", "search", "Lenna council approved the budget unanimously")
    assert run.code == 0, run.err
    first = run.out.splitlines()[0]
    assert re.match(r"\s*\d+\.\d  (contradicts|supports) 0\.\d\d\s", first), first
    assert "       numbers differ: unanimously against nine votes to three" in run.out.splitlines()
