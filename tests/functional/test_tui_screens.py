"""Around the review itself: the empty database, imports with progress, help, the
command palette, remapped keys, NO_COLOR, a very long list."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from textual import events
from textual.command import CommandPalette
from textual.widgets import Input, ProgressBar

from db import evidence as evidence_db
from db.session import Database
from tests.support.databases import DEMO
from tests.support.tui_fixture import build, build_many, loaded, screen_text, settings, settle
from verify.services import browse
from verify.tui import keys
from verify.tui.app import VerifyApp
from verify.tui.messages import TaskProgress
from verify.tui.screens.ask import PathScreen
from verify.tui.screens.empty import EmptyScreen
from verify.tui.screens.help import HelpScreen
from verify.tui.screens.workbench import WorkbenchScreen
from verify.tui.widgets.bars import TaskBar
from verify.tui.widgets.claim_list import ClaimList


class WatchedApp(VerifyApp):
    """The app, keeping a note of every progress report it drew."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.progress: list[tuple[int, int, str]] = []
        self.bar_shown: list[bool] = []

    def on_task_progress(self, message: TaskProgress) -> None:
        self.progress.append((message.done, message.total, message.what))
        super().on_task_progress(message)
        bar = self.tasks.bar()
        self.bar_shown.append(bar is not None and bar.has_class("-running"))


def app_for(db: Database, **extra: Any) -> WatchedApp:
    return WatchedApp(db, settings(db, **extra), poll_seconds=60, database_label="test.db")


async def answer_path(pilot: Any, path: Path) -> None:
    app = pilot.app
    await settle(pilot, lambda: isinstance(app.screen, PathScreen))
    app.screen.query_one(Input).value = str(path)
    await pilot.press("enter")


async def test_an_empty_database_says_how_to_start(sqlite_db: Database) -> None:
    app = WatchedApp(sqlite_db, settings(sqlite_db), poll_seconds=0.2, database_label="x")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, EmptyScreen))
        screen = screen_text(app)
        assert "No articles yet" in screen
        assert "verify demo" in screen and "verify article add FILE" in screen
        assert "import an article" in screen
        build(sqlite_db)  # a teammate imports an article: the workbench opens by itself
        await settle(
            pilot, lambda: isinstance(app.screen, WorkbenchScreen) and app.screen.detail is not None
        )


async def test_the_demo_loads_from_the_empty_screen_with_progress(sqlite_db: Database) -> None:
    app = app_for(sqlite_db)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, EmptyScreen))
        await pilot.press("d")
        await settle(
            pilot,
            lambda: isinstance(app.screen, WorkbenchScreen) and app.screen.detail is not None,
            timeout=60,
        )
        assert app.progress and app.progress[-1][0] == app.progress[-1][1]
        assert app.screen.query_one(ClaimList).shown_count > 5


async def test_importing_evidence_shows_progress_and_never_freezes_the_list(
    sqlite_db: Database,
) -> None:
    build_many(sqlite_db, 30)  # more claims to match: the task runs a while
    build(sqlite_db)
    app = app_for(sqlite_db)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        claims = app.screen.query_one(ClaimList)
        await pilot.press("ctrl+p")
        await settle(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"import evid", "enter")
        await settle(pilot, lambda: isinstance(app.screen, PathScreen))
        app.screen.query_one(Input).value = str(DEMO / "evidence")
        # Keys go straight to the app from here: Pilot's press waits for the process to
        # go idle, and the process is busy importing until the import is over.
        app._driver.send_message(events.Key("enter", None))
        for _ in range(3000):  # until the first file is being read
            if app.progress:
                break
            await asyncio.sleep(0.005)
        app._driver.send_message(events.Key("down", None))
        for _ in range(100):
            if claims.cursor == 1:
                break
            await asyncio.sleep(0.005)
        assert claims.cursor == 1 and app.task_running is not None
        bar = app.screen.query_one(TaskBar)
        await settle(pilot, lambda: app.task_running is None, timeout=120)
        assert not bar.has_class("-running")
        assert bar.query_one(ProgressBar).total is not None
    with sqlite_db.read() as session:
        assert evidence_db.counts(session)["sources"] > 3
    assert app.bar_shown and all(app.bar_shown)
    files = [p for p in app.progress if p[2].startswith("reading")]
    assert files and files[-1][1] == len(list((DEMO / "evidence").iterdir()))
    assert any(p[2].startswith("matching") for p in app.progress)


async def test_an_article_imported_from_the_workbench_opens_with_its_claims(
    sqlite_db: Database,
    tmp_path: Path,
) -> None:
    build(sqlite_db)
    article = tmp_path / "budget.txt"
    article.write_text(
        "Budget row in Vallmark\n"
        "The finance chief Mara Olsen said on Tuesday that the city spent 12 million "
        "crowns on road repairs in 2025.\n"
        "She said spending had doubled since 2020, according to the city's own figures.\n",
        encoding="utf-8",
    )
    app = app_for(sqlite_db)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"import art", "enter")
        await answer_path(pilot, article)
        await settle(
            pilot,
            lambda: (
                app.task_running is None
                and isinstance(app.screen, WorkbenchScreen)
                and app.screen.article is not None
                and app.screen.article.title == "Budget row in Vallmark"
            ),
            timeout=30,
        )
        assert "12 million" in screen_text(app)


async def test_help_lists_every_key(sqlite_db: Database) -> None:
    build(sqlite_db)
    app = app_for(sqlite_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        await settle(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = app.screen._text
        for key in (*keys.ALL_KEYS, *keys.verdict_keys(app.settings.scale)):
            assert f"| {key.id} |" in text
        assert "The workbench" in screen_text(app)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_keys_can_be_remapped_from_the_config_file(sqlite_db: Database) -> None:
    ids = build(sqlite_db)
    app = app_for(
        sqlite_db,
        keys={
            "next_unreviewed": "ctrl+n",
            "label_irrelevant": "0",
            "verdict_3": "m",
            "no_such_action": "z",
        },
    )
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        assert "no_such_action" in screen_text(app)  # said, not silently ignored
        claims = app.screen.query_one(ClaimList)
        await pilot.press("right_square_bracket")
        assert claims.cursor == 0
        await pilot.press("ctrl+n")
        assert claims.current is not None and claims.current.id == ids["claims"][1]
        await pilot.press("m")
        await settle(pilot)
        assert "m▸Mixed" in screen_text(app)
        await pilot.press("tab", "0", "up")
        await settle(pilot)
        assert "IRRELEVANT" in screen_text(app)
        await pilot.press("question_mark")
        await settle(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert "| `ctrl+n` | Next to do | next_unreviewed |" in app.screen._text


async def test_the_palette_filters_and_switches_articles(sqlite_db: Database) -> None:
    build(sqlite_db)
    build(sqlite_db, title="Second article about the ferry", verdict_on_first=False)
    first_article = browse.articles(sqlite_db)[0]
    app = app_for(sqlite_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, WorkbenchScreen)
        assert screen.article is not None and screen.article.id != first_article.id
        await pilot.press("ctrl+p")
        await settle(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"council", "enter")  # "Switch to article: Harbour plan … council"
        await settle(
            pilot, lambda: screen.article is not None and screen.article.id == first_article.id
        )
        await pilot.press("ctrl+p")
        await settle(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"without a verdict", "enter")
        await settle(pilot, lambda: app.screen is screen)
        assert screen.query_one(ClaimList).shown_count == 6


async def test_no_color_keeps_every_verdict_and_label_readable(
    sqlite_db: Database,
    monkeypatch: Any,
) -> None:
    build(sqlite_db)
    monkeypatch.setenv("NO_COLOR", "1")
    app = app_for(sqlite_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("tab", "c", "up")
        await settle(pilot)
        assert app.no_color
        screen = screen_text(app)
        assert "● Mostly false" in screen and "CONTRADICTS" in screen
        colours = {
            segment.style.color.name
            for strip in app.screen._compositor.render_strips()
            for segment in strip
            if segment.style
            and segment.style.color
            and segment.style.color.triplet
            and len(set(segment.style.color.triplet)) > 1
        }
        assert not colours  # greys only


async def test_ten_thousand_claims_list_and_move_at_once(sqlite_db: Database) -> None:
    build_many(sqlite_db, 10_000)
    app = app_for(sqlite_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        claims = app.screen.query_one(ClaimList)
        assert claims.shown_count == 10_000
        await pilot.press("end")
        await settle(pilot)
        assert "Councillor 9999 said" in screen_text(app)
        await pilot.press("slash", *"4242", "enter")
        assert claims.shown_count == 1


async def test_a_report_is_exported_from_the_palette(sqlite_db: Database, tmp_path: Path) -> None:
    build(sqlite_db)
    target = tmp_path / "report.md"
    app = app_for(sqlite_db)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"export markdown", "enter")
        await settle(pilot, lambda: isinstance(app.screen, PathScreen))
        assert app.screen.query_one(Input).value.endswith(".md")  # a name is offered
        await answer_path(pilot, target)
        await settle(pilot, lambda: target.exists() and app.task_running is None)
    report = target.read_text(encoding="utf-8")
    assert "Harbour plan divides Vallmark's council" in report
    assert "Mostly false" in report
