"""The analyst's day in the workbench: your queue marked and filtered, exports to the
configured folder, and a ClaimReview export that says why it is empty."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.command import CommandPalette
from textual.widgets import Input

from db.session import Database
from tests.support.tui_fixture import ANALYST, build, loaded, screen_text, settings, settle
from verify.services.assignment import assign
from verify.tui.app import VerifyApp
from verify.tui.claim_filter import ClaimFilter
from verify.tui.screens.ask import PathScreen
from verify.tui.widgets.claim_list import ASSIGNED, ClaimList


def app_for(db: Database, **extra: Any) -> VerifyApp:
    return VerifyApp(db, settings(db, **extra), poll_seconds=60, database_label="test.db")


async def test_claims_assigned_to_you_are_marked_and_is_mine_and_assignee_filter_them(
    sqlite_db: Database,
) -> None:
    ids = build(sqlite_db)
    assign(sqlite_db, [ids["claims"][2], ids["claims"][4]], ANALYST, "eve")
    assign(sqlite_db, [ids["claims"][5]], "bob", "eve")
    app = app_for(sqlite_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        claims = app.screen.query_one(ClaimList)
        marked = [line for line in screen_text(app).splitlines() if f"│{ASSIGNED}" in line]
        assert len(marked) == 2 and "Opposition leader" in marked[0]
        await pilot.press("slash", *"is:mine is:todo", "enter")
        await settle(pilot)
        assert claims.shown_count == 2
        await pilot.press("slash", "ctrl+u", *"assignee:bob", "enter")
        await settle(pilot)
        assert claims.shown_count == 1


def test_is_mine_means_assigned_to_me_or_judged_by_me() -> None:
    from verify.services.browse import ClaimRow

    row = ClaimRow(1, 1, 0, "t", None, "statement", 0.5, "open", 1)
    mine = ClaimFilter.parse("is:mine", me="ana")
    assert not mine.matches(row)
    row.assigned_to = "ana"
    assert mine.matches(row)
    row.assigned_to, row.analyst, row.rating = None, "ana", "False"
    assert mine.matches(row)
    assert ClaimFilter.parse("assignee:ANA").matches(row) is False


async def test_an_export_goes_to_the_configured_folder_shown_in_the_notice(
    sqlite_db: Database, tmp_path: Path
) -> None:
    build(sqlite_db)
    folder = tmp_path / "exports"
    app = app_for(sqlite_db, export_dir=folder)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"export markdown", "enter")
        await settle(pilot, lambda: isinstance(app.screen, PathScreen))
        offered = app.screen.query_one(Input).value
        assert offered.startswith(str(folder)) and offered.endswith(".md")
        app.screen.query_one(Input).value = "day.md"  # a bare name: into the folder too
        await pilot.press("enter")
        await settle(pilot, lambda: (folder / "day.md").exists() and app.task_running is None)
        assert any(str(folder / "day.md") in n.message for n in app._notifications)


async def test_a_claimreview_export_without_approved_verdicts_says_so(
    sqlite_db: Database, tmp_path: Path
) -> None:
    build(sqlite_db)
    app = app_for(
        sqlite_db,
        export_dir=tmp_path,
        organisation_name="Lantern",
        organisation_url="https://lantern.example",
        claim_url="https://lantern.example/{article_slug}#claim-{id}",
    )
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"export claimreview", "enter")
        await settle(pilot, lambda: isinstance(app.screen, PathScreen))
        await pilot.press("enter")
        await settle(pilot, lambda: app.task_running is None)
        messages = " ".join(n.message for n in app._notifications)
        assert "0 of 1 verdicts approved; --include-unapproved to export them" in messages
    assert not list(tmp_path.glob("*.jsonld"))


async def test_undoing_a_label_updates_the_evidence_header_at_once(sqlite_db: Database) -> None:
    build(sqlite_db, verdict_on_first=False)
    app = app_for(sqlite_db)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("tab", "s")
        await settle(pilot)
        header = str(app.screen.evidence.border_title)
        assert "1/2 labelled" in header and "#1 supports" in header
        await pilot.press("u")
        await settle(pilot, lambda: "0/2" in str(app.screen.evidence.border_title))
        header = str(app.screen.evidence.border_title)
        assert "#1 supports" not in header
