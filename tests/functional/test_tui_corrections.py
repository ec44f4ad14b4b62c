"""Correcting the machine from the workbench, and settling disagreements, with keys.

`e` edits a claim, `S` splits it, `M` merges it with the next, `D` marks it not a
claim, `+` adds a missed one by selecting its words in the article; `u` undoes each,
and the list follows. "Disagreements" in the palette shows analysts' sides and lets
an editor settle.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import select
from textual.command import CommandPalette
from textual.document._document import Selection
from textual.widgets import Input, TextArea

from db import claims as claim_db
from db import verdicts as verdict_db
from db.models import AuditEvent, Claim
from db.session import Database
from tests.support.tui_fixture import build, loaded, screen_text, settings, settle
from verify.config import DEFAULT_SCALE
from verify.services import review
from verify.services.analysts import add_analyst, team_init
from verify.services.browse import article_text
from verify.tui.app import VerifyApp
from verify.tui.screens.correct import EditClaimScreen, SpanScreen, SplitScreen
from verify.tui.screens.disagreements import DisagreementsScreen
from verify.tui.screens.note import NoteScreen
from verify.tui.widgets.claim_list import ClaimList

FALSE, TRUE = DEFAULT_SCALE[0], DEFAULT_SCALE[4]


def app_for(db: Database, analyst: str = "tester") -> VerifyApp:
    return VerifyApp(db, settings(db, analyst), poll_seconds=60, database_label="test.db")


def shown(db: Database, article_id: int) -> list[Claim]:
    with db.read() as session:
        return [
            c
            for c in session.exec(
                select(Claim).where(Claim.article_id == article_id).order_by(Claim.ordinal)
            )
            if c.status not in claim_db.HIDDEN_STATUSES
        ]


def article_of(db: Database, claim_id: int) -> int:
    with db.read() as session:
        claim = session.get(Claim, claim_id)
        assert claim is not None
        return claim.article_id


def listed(app: VerifyApp) -> list[int]:
    return [r.id for r in app.screen.query_one(ClaimList).rows]


def said(app: VerifyApp) -> str:
    return " ".join(n.message for n in app._notifications)


async def test_e_edits_the_claims_text_and_speaker(sqlite_db: Database) -> None:
    ids = build(sqlite_db)
    app = app_for(sqlite_db)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("down", "e")
        await settle(pilot, lambda: isinstance(app.screen, EditClaimScreen))
        app.screen.query_one("#edit-text", TextArea).text = "The tram line cost 40 million."
        app.screen.query_one("#edit-speaker", Input).value = "Mayor Lund"
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: "edited" in said(app).lower() or "Edited" in said(app))
        assert "The tram line cost 40 million." in screen_text(app)
    with sqlite_db.read() as session:
        claim = session.get(Claim, ids["claims"][1])
        assert claim is not None
        assert (claim.text, claim.speaker) == ("The tram line cost 40 million.", "Mayor Lund")


async def test_s_splits_a_claim_and_u_puts_the_list_back(sqlite_db: Database) -> None:
    ids = build(sqlite_db)
    article = article_of(sqlite_db, ids["claims"][0])
    before = [c.id for c in shown(sqlite_db, article)]
    app = app_for(sqlite_db)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("S")
        await settle(pilot, lambda: isinstance(app.screen, SplitScreen))
        await pilot.press("enter")  # at the word the cursor starts on, mid-claim
        await settle(pilot, lambda: len(listed(app)) == len(before) + 1)
        assert len(shown(sqlite_db, article)) == len(before) + 1
        await pilot.press("u")
        await settle(pilot, lambda: listed(app) == before)
    assert [c.id for c in shown(sqlite_db, article)] == before


async def test_m_merges_with_the_next_claim_and_d_drops_one_each_undone(
    sqlite_db: Database,
) -> None:
    ids = build(sqlite_db, verdict_on_first=False)
    article = article_of(sqlite_db, ids["claims"][0])
    before = [c.id for c in shown(sqlite_db, article)]
    app = app_for(sqlite_db)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("M")
        await settle(pilot, lambda: len(listed(app)) == len(before) - 1)
        assert before[1] not in listed(app)
        await pilot.press("u")
        await settle(pilot, lambda: listed(app) == before)
        await pilot.press("down", "D")
        await settle(pilot, lambda: before[1] not in listed(app))
        assert "not a claim" in screen_text(app)  # the header counts what is hidden
        await pilot.press("u")
        await settle(pilot, lambda: listed(app) == before)
    assert [c.id for c in shown(sqlite_db, article)] == before


async def test_plus_adds_the_claim_selected_in_the_article_with_its_exact_offsets(
    sqlite_db: Database,
) -> None:
    ids = build(sqlite_db)
    article = article_of(sqlite_db, ids["claims"][0])
    text = article_text(sqlite_db, article)
    words = "Harbour plan divides Vallmark's council"  # the headline: no claim yet
    start = text.find(words)
    assert start >= 0
    app = app_for(sqlite_db)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await loaded(pilot)
        count = len(listed(app))
        await pilot.press("plus")
        await settle(pilot, lambda: isinstance(app.screen, SpanScreen))
        span = app.screen
        assert isinstance(span, SpanScreen)
        area = span.query_one("#span-text", TextArea)
        sentence_end = start + len(words)
        area.selection = Selection(span.location(start), span.location(sentence_end))
        await pilot.press("enter")
        await settle(pilot, lambda: len(listed(app)) == count + 1)
    with sqlite_db.read() as session:
        added = session.scalar(select(Claim).order_by(Claim.id.desc()).limit(1))
        assert added is not None
        assert (added.start, added.end) == (start, sentence_end)
        assert added.text == text[start:sentence_end]


def two_analysts_disagree(db: Database) -> dict[str, list[int]]:
    ids = build(db, verdict_on_first=False)
    team_init(db, "eve")
    add_analyst(db, "ana", "analyst", "eve")
    add_analyst(db, "ben", "analyst", "eve")
    first = ids["claims"][0]
    review.label_evidence(db, ids["links"][0], "contradicts", "ana")
    review.record_verdict(db, first, FALSE, "ana", rationale="the office says 2,000 at most")
    review.record_verdict(db, first, TRUE, "ben", rationale="the mayor's own figure")
    return ids


async def test_an_editor_settles_a_disagreement_from_the_palette(sqlite_db: Database) -> None:
    ids = two_analysts_disagree(sqlite_db)
    first = ids["claims"][0]
    app = app_for(sqlite_db, "eve")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"disagreements", "enter")
        await settle(pilot, lambda: isinstance(app.screen, DisagreementsScreen))
        await settle(pilot, lambda: "the mayor's own figure" in screen_text(app))
        screen = screen_text(app)
        assert "ana" in screen and "ben" in screen
        assert "the office says 2,000 at most" in screen
        assert "contradicts" in screen  # ana's cited evidence
        await pilot.press("2")
        await settle(pilot, lambda: isinstance(app.screen, NoteScreen))
        await pilot.press(*"both figures are partial", "ctrl+s")
        await settle(pilot, lambda: "settled" in said(app))
        await settle(pilot, lambda: "No disagreements" in screen_text(app))
        await pilot.press("escape")
    verdict = review_current(sqlite_db, first)
    assert (verdict.rating, verdict.state, verdict.analyst) == ("Mostly false", "approved", "eve")
    with sqlite_db.read() as session:
        event = session.scalar(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1))
    assert event is not None and event.action == "settle"


def review_current(db: Database, claim_id: int) -> Any:
    with db.read() as session:
        return verdict_db.current_verdicts(session, [claim_id])[claim_id]
