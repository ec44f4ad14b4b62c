"""Rough edges a new user found (issue 15): the note, the conflict dialog, the layout
at 120x40 and at 80x24, and help that describes what is on screen."""

from __future__ import annotations

from textual.widgets import Select

from db import verdicts as verdict_db
from db.session import Database
from tests.support.tui_fixture import build, loaded, screen_text, settings, settle
from verify.config import DEFAULT_SCALE
from verify.services import review
from verify.tui.app import VerifyApp
from verify.tui.screens.conflict import ConflictScreen
from verify.tui.screens.help import HelpScreen
from verify.tui.screens.note import NoteScreen
from verify.tui.widgets.claim_list import ClaimList
from verify.tui.widgets.claim_panel import ClaimPanel

FALSE = DEFAULT_SCALE[0]


def app_for(db: Database) -> VerifyApp:
    return VerifyApp(db, settings(db), poll_seconds=60, database_label="test.db")


async def test_the_note_labels_its_fields_and_tab_goes_rationale_confidence_verdict(
    sqlite_db: Database,
) -> None:
    build(sqlite_db, verdict_on_first=False)
    app = app_for(sqlite_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("n")
        await settle(pilot, lambda: isinstance(app.screen, NoteScreen))
        screen = screen_text(app)
        for label in ("Rationale", "Confidence", "Verdict"):
            assert label in screen
        assert "Save" in screen.splitlines()[-1]  # the dialog's own keys in the footer
        visited = []
        for key in ("tab", "tab"):
            visited.append(app.focused.id if app.focused else None)
            await pilot.press(key)
        visited.append(app.focused.id if app.focused else None)
        assert visited == ["note-text", "note-confidence", "note-rating"]
        await pilot.press("3")  # a verdict key on the verdict field chooses that verdict
        assert app.screen.query_one("#note-rating", Select).value == 2


async def test_saving_a_note_is_not_counted_as_another_verdict(sqlite_db: Database) -> None:
    build(sqlite_db, verdict_on_first=False)
    app = app_for(sqlite_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot, lambda: isinstance(app.screen, NoteScreen))
        await pilot.press(*"the figures are from 2023", "ctrl+s")
        await settle(pilot, lambda: "the figures are from 2023" in screen_text(app))
        assert "2 verdicts" not in screen_text(app)
        await pilot.press("4")  # another verdict is one
        await settle(pilot, lambda: "2 verdicts" in screen_text(app))


async def test_the_conflict_dialog_starts_in_the_reason_field(sqlite_db: Database) -> None:
    ids = build(sqlite_db, verdict_on_first=False)
    app = app_for(sqlite_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        review.record_verdict(sqlite_db, ids["claims"][0], FALSE, "ana")  # not yet seen
        await pilot.press("5")
        await settle(pilot, lambda: isinstance(app.screen, ConflictScreen))
        assert app.focused is not None and app.focused.id == "conflict-reason"
        await pilot.press(*"kept the newer figures", "enter")
        await settle(pilot, lambda: not isinstance(app.screen, ConflictScreen))
        await settle(pilot)
    with sqlite_db.read() as session:
        verdict = verdict_db.current_verdicts(session, [ids["claims"][0]])[ids["claims"][0]]
    assert verdict.rating == "True" and "kept the newer figures" in (verdict.rationale or "")


async def test_at_120x40_every_claim_sentence_is_in_view(sqlite_db: Database) -> None:
    from verify.demo import load_demo

    load_demo(sqlite_db)
    app = app_for(sqlite_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        claims = app.screen.query_one(ClaimList)
        panel = app.screen.query_one(ClaimPanel)
        for position in range(claims.shown_count):
            row = claims.current
            assert row is not None
            await settle(
                pilot, lambda i=row.id: panel.detail is not None and panel.detail.row.id == i
            )
            width, height = panel.content_size
            lines = panel.shown.wrap(app.console, width)
            seen = " ".join(" ".join(line.plain for line in lines[:height]).split())
            assert " ".join(row.text.split()) in seen, (position, row.text)
            await pilot.press("down")


async def test_at_80x24_the_footer_keeps_help_and_quit_with_the_evidence_focused(
    sqlite_db: Database,
) -> None:
    build(sqlite_db)
    app = app_for(sqlite_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")
        await settle(pilot, lambda: app.focused is not None and app.focused.id == "evidence")
        footer = screen_text(app).splitlines()[-1]
        assert "Help" in footer and "Quit" in footer


async def test_help_describes_the_layout_on_screen(sqlite_db: Database) -> None:
    build(sqlite_db)
    wide = "Left, the claims"
    for size, expected, absent in (((80, 24), "stacked", wide), ((120, 40), wide, "stacked")):
        app = app_for(sqlite_db)
        async with app.run_test(size=size) as pilot:
            await loaded(pilot)
            await pilot.press("question_mark")
            await settle(pilot, lambda a=app: isinstance(a.screen, HelpScreen))
            text = " ".join(screen_text(app).split())
            assert expected in text and absent not in text


async def test_a_verdict_is_approved_by_its_author_when_the_config_says_self(
    sqlite_db: Database,
) -> None:
    ids = build(sqlite_db)  # ana's verdict on the first claim: the tester is not alone
    second = ids["claims"][1]
    app = VerifyApp(
        sqlite_db, settings(sqlite_db, approval="self"), poll_seconds=60, database_label="t"
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("down", "5")
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot, lambda: "approved by tester" in screen_text(app))
    with sqlite_db.read() as session:
        verdict = verdict_db.current_verdicts(session, [second])[second]
    assert (verdict.state, verdict.approved_by) == ("approved", "tester")
