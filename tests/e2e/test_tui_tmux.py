"""The installed ``verify demo`` in a real terminal (tmux, 80x24), keys typed as a person
types them, the screen read back with capture-pane, the work checked in the database."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from db import claims as claim_db
from db import links as link_db
from db import verdicts as verdict_db
from db.session import open_database
from tests.support.terminal import TMUX, VERIFY, Terminal

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")


def test_an_analyst_reviews_the_demo_in_a_real_terminal(tmp_path: Path) -> None:
    database = tmp_path / "x.db"
    command = (
        f"env VERIFY_DB= VERIFY_CONFIG={tmp_path / 'none.toml'} "
        f"{VERIFY} --db sqlite:///{database} --analyst tester demo"
    )
    terminal = Terminal(command)
    try:
        terminal.wait_for(lambda s: "Verdict" in s and "of " in s, "the workbench")
        terminal.keys("Down", "3")
        screen = terminal.wait_for(
            lambda s: "Claim 2 " in s and "▸Mixed" in s, "the verdict Mixed on claim 2"
        )
        assert "tester" in screen
        terminal.keys("n")
        terminal.wait_for(lambda s: "ctrl+s save" in s, "the note")
        time.sleep(0.3)  # a person looks before typing
        terminal.type("Two sources disagree on the numbers.")
        terminal.keys("C-s")
        terminal.wait_for(lambda s: "Note Two sources disagree" in s, "the note saved")
        terminal.keys("Tab", "s")
        terminal.wait_for(lambda s: "1/" in s and "labelled" in s, "the label")
        terminal.keys("u")
        terminal.wait_for(lambda s: "0/" in s and "labelled" in s, "the label undone")
        terminal.keys("C-q")
        deadline = time.monotonic() + 15
        while terminal.alive() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not terminal.alive(), "ctrl+q did not quit"
    finally:
        terminal.close()

    db = open_database(f"sqlite:///{database}")
    try:
        with db.read() as session:
            second = claim_db.claims(session)[1]
            verdict = verdict_db.current_verdicts(session, [second.id])[second.id]
            labelled = [link for link, _, _ in link_db.evidence(session, second.id) if link.stance]
    finally:
        db.dispose()
    assert (verdict.rating, verdict.analyst) == ("Mixed", "tester")
    assert verdict.rationale == "Two sources disagree on the numbers."
    assert labelled == []
