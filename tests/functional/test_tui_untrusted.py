"""Hostile text in articles and evidence: never read as markup, never a control byte out.

The text goes in two ways: straight into the database (as another tool might write it,
past the import's cleaning) and through the import itself.
"""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select
from textual.command import CommandPalette

from db.models import EvidenceLink
from db.session import Database
from tests.support.tui_fixture import (
    CONTROL,
    HOSTILE,
    LITERALS,
    build,
    loaded,
    screen_segments,
    screen_text,
    settings,
    settle,
)
from verify.config import DEFAULT_SCALE
from verify.evidence.ingest import import_paths
from verify.services import review
from verify.services.article import import_article
from verify.tui.app import VerifyApp
from verify.tui.screens.ask import ArticleScreen
from verify.tui.screens.conflict import ConflictScreen
from verify.tui.screens.note import NoteScreen
from verify.tui.screens.source import SourceScreen


def shown_safely(app: VerifyApp, *, literals: tuple[str, ...] = LITERALS) -> str:
    """Assert the app is up, shows each literal as typed, and writes no control byte."""
    assert app.is_running and app.return_code is None
    for piece in screen_segments(app):
        for byte in CONTROL:
            assert byte not in piece, f"{byte!r} reached the terminal in {piece!r}"
    text = screen_text(app)
    for literal in literals:
        assert literal in text, f"{literal!r} is not shown as typed"
    return text


async def test_hostile_text_in_the_database_is_shown_literally_everywhere(
    sqlite_db: Database,
) -> None:
    ids = build(sqlite_db, hostile=True)
    build(sqlite_db, hostile=True, title="Ferry timetable", verdict_on_first=False)
    with sqlite_db.write() as session:
        for link in session.exec(select(EvidenceLink)):
            link.note, link.labelled_by, link.stance = HOSTILE, HOSTILE, "context"
            session.add(link)
    app = VerifyApp(sqlite_db, settings(sqlite_db), poll_seconds=0.3, database_label=HOSTILE)
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("a")  # the articles: both titles are hostile
        await settle(pilot, lambda: isinstance(app.screen, ArticleScreen))
        shown_safely(app)
        await pilot.press("down", "enter")
        await settle(pilot, lambda: not isinstance(app.screen, ArticleScreen))
        await settle(
            pilot,
            lambda: app.screen.detail is not None and app.screen.detail.row.id == ids["claims"][0],
        )
        shown_safely(app)  # list, claim, verdict, note, evidence, top bar

        await pilot.press("tab", "enter")
        await settle(pilot, lambda: isinstance(app.screen, SourceScreen))
        shown_safely(app)
        await pilot.press("escape", "n")
        await settle(pilot, lambda: isinstance(app.screen, NoteScreen))
        shown_safely(app)
        await pilot.press("escape", "ctrl+p")
        await settle(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"ferry")
        await settle(pilot)
        shown_safely(app)
        await pilot.press("escape")

        review.record_verdict(
            sqlite_db, ids["claims"][0], DEFAULT_SCALE[4], HOSTILE, rationale=HOSTILE
        )
        await settle(pilot, lambda: "changed the verdict" in screen_text(app))
        shown_safely(app)  # the warning and the notice name the other analyst
        await pilot.press("1")
        await settle(pilot, lambda: isinstance(app.screen, ConflictScreen))
        shown_safely(app)
        await pilot.press("escape")  # keep theirs (typing goes to the reason)
        await settle(pilot)
        shown_safely(app)


async def test_hostile_text_through_the_import_is_cleaned_and_still_literal(
    sqlite_db: Database,
    tmp_path: Path,
) -> None:
    evidence = tmp_path / "wire.txt"
    evidence.write_text(
        f"Harbour jobs {HOSTILE}\n\nThe economic office estimates 1,500 harbour jobs "
        f"for Vallmark over five years. {HOSTILE}\n",
        encoding="utf-8",
    )
    article = tmp_path / "article.txt"
    article.write_text(
        f"Harbour jobs row {HOSTILE}\n"
        "Mayor Ilse Brandt said on Monday that the harbour will create 4,000 jobs "
        f"within two years, {HOSTILE}.\n",
        encoding="utf-8",
    )
    import_paths(sqlite_db, [evidence])
    import_article(sqlite_db, article)
    app = VerifyApp(sqlite_db, settings(sqlite_db), poll_seconds=60, database_label="x")
    async with app.run_test(size=(160, 50)) as pilot:
        await loaded(pilot)
        text = shown_safely(app, literals=(LITERALS[0],))
        assert "4,000 jobs" in text
        await pilot.press("tab", "enter")
        await settle(pilot, lambda: isinstance(app.screen, SourceScreen))
        shown_safely(app)
