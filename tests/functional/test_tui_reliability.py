"""Rating a publisher from the workbench: R on a passage, a level, enter."""

from __future__ import annotations

from sqlmodel import select

from db.models import AuditEvent, PublisherRating
from db.session import Database
from tests.support.tui_fixture import build, loaded, screen_text, settings, settle
from verify.tui.app import VerifyApp
from verify.tui.screens.reliability import ReliabilityScreen
from verify.tui.widgets.evidence_list import EvidenceList


def rating_of(db: Database, publisher: str) -> PublisherRating | None:
    with db.read() as session:
        return session.get(PublisherRating, publisher)


async def test_R_rates_the_highlighted_passages_publisher_and_its_passages_show_it(
    sqlite_db: Database,
) -> None:
    build(sqlite_db)
    app = VerifyApp(sqlite_db, settings(sqlite_db), poll_seconds=60, database_label="test.db")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("tab")
        await settle(pilot)
        evidence = app.screen.query_one(EvidenceList)
        row = evidence.current
        assert row is not None and row.publisher and row.reliability is None
        await pilot.press("R")
        await settle(pilot, lambda: isinstance(app.screen, ReliabilityScreen))
        assert row.publisher in screen_text(app)
        await pilot.press("down", "tab", *"their own count", "enter")
        await settle(pilot, lambda: rating_of(sqlite_db, row.publisher or "") is not None)
        await settle(
            pilot, lambda: evidence.current is not None and bool(evidence.current.reliability)
        )
        assert not isinstance(app.screen, ReliabilityScreen)
        shown = [r.reliability for r in evidence.rows if r.publisher == row.publisher]
        assert shown and set(shown) == {"official"}
        assert "official" in screen_text(app)
    rated = rating_of(sqlite_db, row.publisher)
    assert rated is not None and (rated.level, rated.note) == ("official", "their own count")
    with sqlite_db.read() as session:
        assert [e.action for e in session.exec(select(AuditEvent))][-1] == "rate"


async def test_escape_leaves_the_publisher_unrated(sqlite_db: Database) -> None:
    build(sqlite_db)
    app = VerifyApp(sqlite_db, settings(sqlite_db), poll_seconds=60, database_label="test.db")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("tab", "R")
        await settle(pilot, lambda: isinstance(app.screen, ReliabilityScreen))
        await pilot.press("escape")
        await settle(pilot)
        row = app.screen.query_one(EvidenceList).current
        assert row is not None and row.publisher
    assert rating_of(sqlite_db, row.publisher) is None
