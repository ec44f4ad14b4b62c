"""The workbench, driven as an analyst would: verdicts, labels, notes, undo, moving."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlmodel import select

from db import verdicts as verdict_db
from db.models import EvidenceLink
from db.session import Database
from tests.support.tui_fixture import ANALYST, build, loaded, screen_text, settings, settle
from verify.services.article import import_article
from verify.tui.app import VerifyApp
from verify.tui.screens.note import NoteScreen
from verify.tui.screens.source import SourceScreen
from verify.tui.widgets.claim_list import ClaimList
from verify.tui.widgets.evidence_list import EvidenceList


def app_for(db: Database, **extra: Any) -> VerifyApp:
    return VerifyApp(db, settings(db, **extra), poll_seconds=60, database_label="test.db")


def verdict_of(db: Database, claim_id: int) -> Any:
    with db.read() as session:
        return verdict_db.current_verdicts(session, [claim_id]).get(claim_id)


def labels(db: Database) -> dict[int, str | None]:
    with db.read() as session:
        return {link.id: link.stance for link in session.exec(select(EvidenceLink))}


def current_claim(app: VerifyApp) -> int:
    row = app.screen.query_one(ClaimList).current
    assert row is not None
    return row.id


async def test_a_verdict_key_saves_the_verdict_at_once_with_analyst_and_time(
    sqlite_db: Database,
) -> None:
    ids = build(sqlite_db)
    app = app_for(sqlite_db)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("down", "3")
        await settle(pilot)
        screen = screen_text(app)
        assert "▸Mixed" in screen  # the verdict bar marks it
        assert "● Mixed" in screen  # the list and the claim show it
        assert f"{ANALYST} " in screen
    verdict = verdict_of(sqlite_db, ids["claims"][1])
    assert (verdict.rating, verdict.rating_value, verdict.analyst) == ("Mixed", 3, ANALYST)
    assert verdict.created_at is not None


async def test_every_verdict_key_of_the_scale_is_on_screen(sqlite_db: Database) -> None:
    build(sqlite_db)
    app = app_for(sqlite_db)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await loaded(pilot)
        bar = screen_text(app).split("\n")[-2]
        for rating in app.settings.scale:
            assert f"{rating.key} " in bar and rating.name in bar


async def test_changing_a_verdict_keeps_my_note_and_confidence(sqlite_db: Database) -> None:
    ids = build(sqlite_db, verdict_on_first=False)
    app = app_for(sqlite_db)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot, lambda: isinstance(app.screen, NoteScreen))
        await pilot.press(*"Only 1,500 to 2,000 jobs.")
        app.screen.query_one("#note-confidence").value = "80%"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert "Only 1,500 to 2,000 jobs." in screen_text(app)
    verdict = verdict_of(sqlite_db, ids["claims"][0])
    assert (verdict.rating, verdict.rationale, verdict.confidence) == (
        "Mostly false",
        "Only 1,500 to 2,000 jobs.",
        0.8,
    )


async def test_a_note_without_a_verdict_asks_for_one(sqlite_db: Database) -> None:
    ids = build(sqlite_db, verdict_on_first=False)
    app = app_for(sqlite_db)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("n")
        await settle(pilot, lambda: isinstance(app.screen, NoteScreen))
        await pilot.press(*"why", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NoteScreen)
        assert "Choose a verdict first" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, NoteScreen)
    assert verdict_of(sqlite_db, ids["claims"][0]) is None


async def test_one_key_labels_the_highlighted_passage_and_moves_to_the_next(
    sqlite_db: Database,
) -> None:
    ids = build(sqlite_db)
    app = app_for(sqlite_db)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("tab", "c")
        await settle(pilot)
        evidence = app.screen.query_one(EvidenceList)
        assert evidence.highlighted == 1
        await pilot.press("x")
        await settle(pilot)
        assert "CONTRADICTS" in screen_text(app) or "CONTEXT" in screen_text(app)
    stored = labels(sqlite_db)
    assert stored[ids["links"][0]] == "contradicts" and stored[ids["links"][1]] == "context"


async def test_the_same_label_key_again_takes_the_label_off(sqlite_db: Database) -> None:
    ids = build(sqlite_db)
    app = app_for(sqlite_db)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("tab", "s", "up", "s")
        await settle(pilot)
    assert labels(sqlite_db)[ids["links"][0]] is None


async def test_undo_takes_back_label_and_verdicts_one_step_at_a_time(
    sqlite_db: Database,
) -> None:
    ids = build(sqlite_db, verdict_on_first=False)
    first = ids["claims"][0]
    app = app_for(sqlite_db)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("1", "5", "tab", "s")
        await settle(pilot)
        assert verdict_of(sqlite_db, first).rating == "True"
        await pilot.press("u")
        await settle(pilot)
        assert labels(sqlite_db)[ids["links"][0]] is None
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert verdict_of(sqlite_db, first).rating == "False"
        await pilot.press("u")
        await settle(pilot)
        assert verdict_of(sqlite_db, first) is None
        assert "○ none yet" in screen_text(app)
        await pilot.press("u")
        await settle(pilot)
        assert "Nothing left to undo" in screen_text(app)


async def test_undo_goes_to_the_claim_it_changed(sqlite_db: Database) -> None:
    ids = build(sqlite_db, verdict_on_first=False)
    app = app_for(sqlite_db)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("down", "down", "4", "up", "up")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert current_claim(app) == ids["claims"][2]
    assert verdict_of(sqlite_db, ids["claims"][2]) is None


async def test_brackets_jump_to_the_next_and_previous_claim_without_a_verdict(
    sqlite_db: Database,
) -> None:
    ids = build(sqlite_db)  # the first claim has a verdict
    app = app_for(sqlite_db)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("right_square_bracket")
        assert current_claim(app) == ids["claims"][1]
        await pilot.press("2", "right_square_bracket")
        assert current_claim(app) == ids["claims"][2]
        await pilot.press("left_square_bracket")
        assert current_claim(app) == ids["claims"][-1]  # wraps past the judged ones
        await pilot.press("tab", "K")  # from the evidence: previous claim, any
        assert current_claim(app) == ids["claims"][-2]
        await pilot.press("J")
        assert current_claim(app) == ids["claims"][-1]
        await settle(pilot)


async def test_the_filter_narrows_the_list_by_status_or_words(sqlite_db: Database) -> None:
    build(sqlite_db)
    app = app_for(sqlite_db)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        claims = app.screen.query_one(ClaimList)
        await pilot.press("slash", *"is:done", "enter")
        assert claims.shown_count == 1
        assert "1 shown" in screen_text(app)
        box = app.screen.query_one("#filter")
        await pilot.press("slash")
        box.value = "port fees"
        await pilot.press("enter")
        assert claims.shown_count == 2
        await pilot.press("slash")
        box.value = "is:todo Brandt"
        await pilot.press("enter")
        assert claims.shown_count == 2
        await pilot.press("escape")
        assert claims.shown_count == 7
        await settle(pilot)


async def test_enter_on_a_passage_opens_its_whole_source_at_that_place(
    sqlite_db: Database,
) -> None:
    build(sqlite_db)
    app = app_for(sqlite_db)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        for _ in range(5):
            await pilot.press("down")
        await settle(pilot)
        await pilot.press("tab", "enter")
        await settle(pilot, lambda: isinstance(app.screen, SourceScreen))
        area = app.screen.query_one("#source-text")
        assert (
            area.selected_text == "Item 5: the council noted that 1,200 letters were posted "
            "to Old Quay households."
        )
        assert "Council minutes, 3 March" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, SourceScreen)


async def test_everything_is_kept_after_quitting_and_reopening(sqlite_db: Database) -> None:
    ids = build(sqlite_db, verdict_on_first=False)
    app = app_for(sqlite_db)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("4", "tab", "s")
        await pilot.press("ctrl+q")
    assert verdict_of(sqlite_db, ids["claims"][0]).rating == "Mostly true"
    assert labels(sqlite_db)[ids["links"][0]] == "supports"
    again = app_for(sqlite_db)
    async with again.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        await settle(pilot)
        screen = screen_text(again)
        assert "● Mostly true" in screen and "SUPPORTS" in screen


async def test_a_note_on_a_passage_is_kept_and_can_be_undone(sqlite_db: Database) -> None:
    ids = build(sqlite_db)
    app = app_for(sqlite_db)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("tab", "N")
        await settle(pilot, lambda: isinstance(app.screen, NoteScreen))
        await pilot.press(*"says 2,000", "ctrl+s")
        await settle(pilot)
        assert "✎ says 2,000" in screen_text(app)
        with sqlite_db.read() as session:
            assert session.get(EvidenceLink, ids["links"][0]).note == "says 2,000"
        await pilot.press("u")
        await settle(pilot)
    with sqlite_db.read() as session:
        assert session.get(EvidenceLink, ids["links"][0]).note is None


async def test_an_editor_approves_another_analysts_verdict_with_A_and_u_takes_it_back(
    sqlite_db: Database,
) -> None:
    from verify.services.analysts import add_analyst, team_init

    ids = build(sqlite_db)
    team_init(sqlite_db, "admin")
    add_analyst(sqlite_db, "ana", "analyst", by="admin")
    add_analyst(sqlite_db, ANALYST, "editor", by="admin")
    first = ids["claims"][0]
    app = app_for(sqlite_db)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await loaded(pilot)
        assert current_claim(app) == first
        await pilot.press("A")
        await settle(pilot, lambda: f"approved by {ANALYST}" in screen_text(app))
        approved = verdict_of(sqlite_db, first)
        assert (approved.state, approved.approved_by, approved.analyst, approved.rating) == (
            "approved",
            ANALYST,
            "ana",
            "Mostly false",
        )
        await pilot.press("u")
        await settle(pilot, lambda: "approved by" not in screen_text(app))
    restored = verdict_of(sqlite_db, first)
    assert (restored.state, restored.approved_by, restored.analyst) == ("submitted", None, "ana")


async def test_approving_without_the_editor_role_says_why_and_changes_nothing(
    sqlite_db: Database,
) -> None:
    from verify.services.analysts import add_analyst, team_init

    ids = build(sqlite_db)
    team_init(sqlite_db, "admin")
    add_analyst(sqlite_db, ANALYST, "analyst", by="admin")
    before = verdict_of(sqlite_db, ids["claims"][0])
    app = app_for(sqlite_db)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("A")
        await settle(pilot, lambda: "needs an editor" in screen_text(app))
    after = verdict_of(sqlite_db, ids["claims"][0])
    assert (after.id, after.state) == (before.id, "submitted")


async def test_the_filter_takes_speaker_and_worthy_and_sorts_by_check_worthiness(
    sqlite_db: Database,
) -> None:
    build(sqlite_db)
    app = app_for(sqlite_db, worthy=0.8)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        claims = app.screen.query_one(ClaimList)
        box = app.screen.query_one("#filter")
        await pilot.press("slash")
        box.value = "speaker:brandt"
        await pilot.press("enter")
        assert claims.shown_count == 3
        await pilot.press("slash")
        box.value = "worthy:"  # the config's threshold, 0.8 here
        await pilot.press("enter")
        assert sorted(round(row.checkworthiness, 2) for row in claims.shown_rows) == [
            0.81,
            0.88,
            0.92,
        ]
        await pilot.press("slash")
        box.value = "worthy:0.7 sort:worthy"
        await pilot.press("enter")
        assert [round(row.checkworthiness, 2) for row in claims.shown_rows] == [
            0.92,
            0.88,
            0.81,
            0.74,
        ]
        await pilot.press("escape")
        assert claims.shown_count == 7
        await settle(pilot)


async def test_a_transcripts_claim_shows_its_speaker_and_turn(sqlite_db: Database) -> None:
    transcript = Path(__file__).resolve().parents[1] / "data" / "transcripts"
    import_article(sqlite_db, transcript / "service-timestamps.txt", match=False)
    app = app_for(sqlite_db)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await loaded(pilot)
        await settle(pilot, lambda: "00:00:18" in screen_text(app))
        assert "Petra Lind · 00:00:18 · statistic" in screen_text(app)
        await settle(pilot)


async def test_a_passage_shows_its_hints_confidence_and_figures_that_differ(
    sqlite_db: Database,
) -> None:
    build(sqlite_db, figures=True)
    app = app_for(sqlite_db)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        shown = screen_text(app)
        assert "hint: contradicts 66%" in shown
        assert "numbers differ: 4,000 against 1,500 to 2,000" in shown
        await settle(pilot)


async def test_the_filter_finds_claims_with_a_contradicting_hint_or_figures_that_differ(
    sqlite_db: Database,
) -> None:
    build(sqlite_db, figures=True)
    app = app_for(sqlite_db)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        claims = app.screen.query_one(ClaimList)
        await pilot.press("slash", *"numbers:differ", "enter")
        assert claims.shown_count == 1
        box = app.screen.query_one("#filter")
        await pilot.press("slash")
        box.value = "hint:contradicts"
        await pilot.press("enter")
        assert claims.shown_count == 3
        await pilot.press("escape")
        assert claims.shown_count == 7
        await settle(pilot)
