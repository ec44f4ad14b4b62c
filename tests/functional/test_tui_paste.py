"""Pasting into the workbench: a huge paste is cut to what the field holds, with a notice."""

from __future__ import annotations

from textual import events
from textual.widgets import Input, TextArea

from db.session import Database
from tests.support.tui_fixture import build, loaded, settings, settle
from verify.tui.app import VerifyApp
from verify.tui.paste import LINE_CAP, TEXT_CAP
from verify.tui.screens.note import NoteScreen

HUGE = ("The harbour reopened in March after the dredging finished. " * 120_000)[:7_000_000]


def app_for(db: Database) -> VerifyApp:
    return VerifyApp(db, settings(db), poll_seconds=60, database_label="test.db")


def notices(app: VerifyApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_a_huge_paste_into_the_rationale_is_cut_with_a_notice(sqlite_db: Database) -> None:
    build(sqlite_db)
    app = app_for(sqlite_db)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("n")
        await settle(pilot, lambda: isinstance(app.screen, NoteScreen))
        area = app.screen.query_one("#note-text", TextArea)
        before = area.text  # the rationale so far
        app.post_message(events.Paste(HUGE))
        await settle(pilot, lambda: area.text != before)
        assert len(area.text) == TEXT_CAP
        assert area.text == before + HUGE[: TEXT_CAP - len(before)]
        said = [n for n in notices(app) if "(of 7,000,000)" in n]
        assert said and "a field holds at most 100,000" in said[0]


async def test_a_huge_paste_into_the_search_box_is_cut_with_a_notice(sqlite_db: Database) -> None:
    build(sqlite_db)
    app = app_for(sqlite_db)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("slash")
        await settle(pilot, lambda: isinstance(app.focused, Input))
        box = app.focused
        assert isinstance(box, Input)
        app.post_message(events.Paste(HUGE.replace(" ", "-")))
        await settle(pilot, lambda: len(box.value) > 0)
        assert len(box.value) == LINE_CAP
        assert any("a field holds at most 2,000" in n for n in notices(app))


async def test_an_ordinary_paste_goes_in_whole_without_a_notice(sqlite_db: Database) -> None:
    build(sqlite_db)
    app = app_for(sqlite_db)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("n")
        await settle(pilot, lambda: isinstance(app.screen, NoteScreen))
        area = app.screen.query_one("#note-text", TextArea)
        pasted = "Only 1,500 jobs.\nThe ministry's own figures say so."
        app.post_message(events.Paste(pasted))
        await settle(pilot, lambda: area.text.endswith(pasted))
        assert not any("cut to" in n for n in notices(app))
