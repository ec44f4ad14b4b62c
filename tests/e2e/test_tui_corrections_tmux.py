"""Issue 15 in a real terminal (tmux): correcting claims, the note, and the layout at
80x24 and 120x40, with the installed ``verify demo``."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from db import claims as claim_db
from db import verdicts as verdict_db
from db.session import open_database
from tests.support.terminal import TMUX, VERIFY, Terminal

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")


def demo(tmp_path: Path, width: int, height: int) -> tuple[Terminal, Path]:
    database = tmp_path / "x.db"
    command = (
        f"env VERIFY_DB= VERIFY_CONFIG={tmp_path / 'none.toml'} "
        f"{VERIFY} --db sqlite:///{database} --analyst tester demo"
    )
    terminal = Terminal(command, width, height)
    terminal.wait_for(lambda s: "Verdict" in s and "1 of 14" in s, "the workbench")
    return terminal, database


def test_at_80x24_claims_are_split_and_undone_and_the_footer_keeps_help(
    tmp_path: Path,
) -> None:
    terminal, database = demo(tmp_path, 80, 24)
    try:
        terminal.keys("Enter")  # to the evidence
        screen = terminal.wait_for(lambda s: "#1" in s, "the evidence focused")
        footer = screen.rstrip().splitlines()[-1]
        assert "? Help" in footer and "Quit" in footer
        terminal.keys("Escape", "S")
        terminal.wait_for(lambda s: "Split claim" in s, "the split dialog")
        terminal.keys("Enter")
        terminal.wait_for(lambda s: "of 15" in s, "fifteen claims after the split")
        terminal.keys("u")
        terminal.wait_for(lambda s: "of 14" in s, "fourteen claims after the undo")
        terminal.keys("n")
        terminal.wait_for(lambda s: "Rationale" in s and "Confidence" in s, "the note's labels")
        time.sleep(0.3)  # a person looks before typing
        terminal.type("Only one prison counted.")
        terminal.keys("Tab")
        terminal.type("70%")
        terminal.keys("Tab", "3", "C-s")
        screen = terminal.wait_for(lambda s: "Note Only one prison" in s, "the note saved")
        assert "Mixed" in screen and "70% sure" in screen
        terminal.keys("C-q")
    finally:
        terminal.close()
    db = open_database(f"sqlite:///{database}")
    try:
        with db.read() as session:
            first = claim_db.claims(session)[0]
            verdict = verdict_db.current_verdicts(session, [first.id])[first.id]
            count = len(claim_db.claims(session))
    finally:
        db.dispose()
    assert (verdict.rating, verdict.confidence) == ("Mixed", 0.7)
    assert count == 14


def test_at_120x40_the_claim_sentence_is_in_view(tmp_path: Path) -> None:
    terminal, _ = demo(tmp_path, 120, 40)
    try:
        screen = terminal.wait_for(lambda s: "said on Wednesday." in s, "the first claim's end")
        assert "Marenvian and foreign detainees" in screen
        terminal.keys("?")
        terminal.wait_for(lambda s: "Left, the claims" in s, "help describing side by side")
    finally:
        terminal.close()
