"""The workbench's "checked before" strip: the earlier verdicts and published fact-checks
of the claim in front of the analyst, opened with enter, filtered with
is:checked-before, adopted as a draft that cites them, and undone."""

from __future__ import annotations

from pathlib import Path

from db import verdicts as verdict_db
from db.session import Database
from tests.functional.test_checked_before import FIRST, MOSTLY_FALSE, SECOND, article, claim_id
from tests.support import archives
from tests.support.archives import HOSPITAL, LEVY
from tests.support.tui_fixture import loaded, screen_text, settings, settle
from verify.services.article import import_article
from verify.services.factchecks import add_factchecks
from verify.services.review import record_verdict
from verify.tui.app import VerifyApp
from verify.tui.screens.earlier import EarlierScreen
from verify.tui.widgets.checked_strip import CheckedStrip
from verify.tui.widgets.claim_list import ClaimList


def desk(db: Database, folder: Path) -> int:
    """Two articles, a team verdict on the first, an archive; the restated claim's id."""
    import_article(db, article(folder, "first.txt", FIRST))
    record_verdict(db, claim_id(db, "Harbour minister"), MOSTLY_FALSE, "ana", rationale="9.5m")
    import_article(db, article(folder, "second.txt", SECOND))
    add_factchecks(db, [archives.graph(folder / "archive.jsonld", LEVY, HOSPITAL)])
    return claim_id(db, "Edda Lunn repeated")


def newest_verdict(db: Database, claim: int):  # type: ignore[no-untyped-def]
    with db.read() as session:
        return verdict_db.current_verdicts(session, [claim]).get(claim)


async def test_the_strip_shows_opens_filters_and_adopts_an_earlier_verdict(
    sqlite_db: Database, tmp_path: Path
) -> None:
    restated = desk(sqlite_db, tmp_path)
    app = VerifyApp(sqlite_db, settings(sqlite_db), poll_seconds=60, database_label="test.db")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        claims = app.screen.query_one(ClaimList)
        strip = app.screen.query_one(CheckedStrip)
        assert claims.current is not None and claims.current.id == restated
        assert strip.display and len(strip.entries) == 2
        text = screen_text(app)
        assert "Checked before (2)" in text and "✓ Mostly false · by ana, article 1" in text

        await pilot.press("down")  # the claim never checked: no strip
        await settle(pilot, lambda: not strip.display)
        await pilot.press("up")
        await settle(pilot, lambda: strip.display)

        await pilot.press("b", "enter")
        await settle(pilot, lambda: isinstance(app.screen, EarlierScreen))
        opened = screen_text(app)
        assert "Earlier team verdict" in opened and "Rationale: 9.5m" in opened
        await pilot.press("escape")
        await settle(pilot, lambda: not isinstance(app.screen, EarlierScreen))

        await pilot.press("d")  # adopt the highlighted entry: ana's verdict
        await settle(pilot)
        verdict = newest_verdict(sqlite_db, restated)
        assert (verdict.rating, verdict.state, verdict.analyst) == (
            "Mostly false",
            "draft",
            "tester",
        )
        assert verdict.rationale.startswith("Adopted from ana's verdict 'Mostly false' on claim")

        await pilot.press("u")
        await settle(pilot)
        assert newest_verdict(sqlite_db, restated) is None

        await pilot.press("slash", *"is:checked-before", "enter")
        await settle(pilot)
        assert claims.shown_count == 1 and claims.current is not None
        assert claims.current.id == restated


async def test_a_published_rating_off_the_scale_is_not_adopted_silently(
    sqlite_db: Database, tmp_path: Path
) -> None:
    import_article(sqlite_db, article(tmp_path, "first.txt", FIRST))
    odd = {**LEVY, "rating": "Four Pinocchios"}
    add_factchecks(sqlite_db, [archives.single(tmp_path / "odd.json", odd)])
    app = VerifyApp(sqlite_db, settings(sqlite_db), poll_seconds=60, database_label="test.db")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("b", "d")
        await settle(pilot)
        said = [n.message for n in app._notifications]
        assert any("'Four Pinocchios' is not on your scale" in m for m in said), said
        first = app.screen.query_one(ClaimList).current
        assert first is not None and newest_verdict(sqlite_db, first.id) is None
