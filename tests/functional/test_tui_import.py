"""Importing from the workbench reads a file as `verify article add` does: its kind, a
transcript's hosts and an interview's interviewee can be given in the dialog."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select

from db.session import Database
from tests.support.tui_fixture import settings, settle
from verify.services.browse import articles
from verify.services.claims import claim_records
from verify.tui.app import VerifyApp
from verify.tui.screens.ask import ArticleImportScreen
from verify.tui.screens.empty import EmptyScreen

TRANSCRIPTS = Path(__file__).resolve().parents[1] / "data" / "transcripts"


async def _import(db: Database, path: Path, kind: str, hosts: str = "", speaker: str = "") -> None:
    app = VerifyApp(db, settings(db), poll_seconds=60, database_label="test.db")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, EmptyScreen))
        await pilot.press("a")
        await settle(pilot, lambda: isinstance(app.screen, ArticleImportScreen))
        screen = app.screen
        screen.query_one("#ask-path", Input).value = str(path)
        screen.query_one("#ask-kind", Select).value = kind
        screen.query_one("#ask-hosts", Input).value = hosts
        speaker_field = screen.query_one("#ask-speaker", Input)
        speaker_field.value = speaker
        speaker_field.focus()
        await pilot.press("enter")  # enter in any field imports
        await settle(pilot, lambda: bool(articles(db)) and app.task_running is None, timeout=60)


async def test_the_import_dialog_takes_the_kind_and_the_hosts(sqlite_db: Database) -> None:
    await _import(
        sqlite_db, TRANSCRIPTS / "harbour-debate.txt", "transcript", hosts="Anna Berg, Marta Vos"
    )
    records = claim_records(sqlite_db, None, "ana")
    speakers = {r["speaker"] for r in records}
    assert "Daniel Okafor" in speakers and "Marta Vos" not in speakers
    assert all(r["turn"] for r in records)


async def test_the_import_dialog_reads_a_transcript_as_an_article_when_told(
    sqlite_db: Database,
) -> None:
    await _import(sqlite_db, TRANSCRIPTS / "interview-qa.txt", "article")
    records = claim_records(sqlite_db, None, "ana")
    assert records and all(r["turn"] is None for r in records)


async def test_the_import_dialog_takes_the_interviewee(sqlite_db: Database) -> None:
    await _import(sqlite_db, TRANSCRIPTS / "interview-qa.txt", "auto", speaker="Ilse Brandt")
    assert {r["speaker"] for r in claim_records(sqlite_db, None, "ana")} == {"Ilse Brandt"}
