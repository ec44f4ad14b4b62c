"""Two analysts on one database: changes show up, and nothing is overwritten silently."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from db import claims as claim_db
from db import verdicts as verdict_db
from db.session import Database
from tests.support.tui_fixture import ANALYST, build, loaded, screen_text, settings, settle
from verify.config import DEFAULT_SCALE
from verify.services import review
from verify.tui.app import VerifyApp
from verify.tui.screens.conflict import ConflictScreen

TRUE = DEFAULT_SCALE[4]


def app_for(db: Database, poll: float) -> VerifyApp:
    return VerifyApp(db, settings(db), poll_seconds=poll, database_label="test.db")


def verdict_of(db: Database, claim_id: int) -> Any:
    with db.read() as session:
        return verdict_db.current_verdicts(session, [claim_id]).get(claim_id)


async def test_another_analysts_verdict_on_my_claim_appears_within_seconds(
    sqlite_db: Database,
) -> None:
    ids = build(sqlite_db)
    app = app_for(sqlite_db, poll=0.2)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        review.record_verdict(sqlite_db, ids["claims"][0], TRUE, "ben", rationale="new data")
        await settle(pilot, lambda: "● True" in screen_text(app), timeout=5)
        assert "ben changed the verdict" in screen_text(app)
        assert "your next change asks first" in screen_text(app)


async def test_saving_over_a_change_i_have_not_seen_asks_and_keeps_theirs(
    sqlite_db: Database,
) -> None:
    ids = build(sqlite_db)
    first = ids["claims"][0]
    app = app_for(sqlite_db, poll=60)  # no polling: the change is unseen
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        review.record_verdict(sqlite_db, first, TRUE, "ben")
        await pilot.press("1")
        await settle(pilot, lambda: isinstance(app.screen, ConflictScreen))
        assert "ben recorded True" in screen_text(app)
        await pilot.press("escape")  # keep theirs (typing goes to the reason)
        await settle(pilot)
        assert not isinstance(app.screen, ConflictScreen)
        assert "● True" in screen_text(app)
    verdict = verdict_of(sqlite_db, first)
    assert (verdict.rating, verdict.analyst) == ("True", "ben")


async def test_overriding_another_analysts_verdict_needs_a_reason_that_is_kept(
    sqlite_db: Database,
) -> None:
    ids = build(sqlite_db)
    first = ids["claims"][0]
    app = app_for(sqlite_db, poll=0.2)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        review.record_verdict(sqlite_db, first, TRUE, "ben")
        await settle(pilot, lambda: "ben changed the verdict" in screen_text(app))
        await pilot.press("1")
        await settle(pilot, lambda: isinstance(app.screen, ConflictScreen))
        await pilot.press("o")
        assert isinstance(app.screen, ConflictScreen)  # no reason yet
        await pilot.press(*"figures", "enter")
        await settle(pilot, lambda: not isinstance(app.screen, ConflictScreen))
        await settle(pilot)
    verdict = verdict_of(sqlite_db, first)
    assert (verdict.rating, verdict.analyst) == ("False", ANALYST)
    assert "figures" in verdict.rationale


async def test_after_keeping_theirs_my_next_verdict_saves_without_asking(
    sqlite_db: Database,
) -> None:
    ids = build(sqlite_db)
    first = ids["claims"][0]
    app = app_for(sqlite_db, poll=60)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        review.record_verdict(sqlite_db, first, TRUE, "ben")
        await pilot.press("1")
        await settle(pilot, lambda: isinstance(app.screen, ConflictScreen))
        await pilot.press("escape")  # keep theirs (typing goes to the reason)
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        assert not isinstance(app.screen, ConflictScreen)
    assert verdict_of(sqlite_db, first).rating == "Mixed"


async def test_t_takes_the_next_unassigned_claim_and_goes_to_it(tmp_path: Path) -> None:
    from db.session import open_database
    from verify.config import load_settings
    from verify.demo import load_demo
    from verify.services.assignment import assign

    url = f"sqlite:///{tmp_path / 't.db'}"
    db = open_database(url)
    load_demo(db)
    with db.read() as session:
        claims = claim_db.claims(session)
    assign(db, [claims[0].id, claims[1].id], "bo", "bo")
    app = VerifyApp(db, load_settings(db=url, analyst="ana"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.5)
        await pilot.press("t")
        for _ in range(40):
            await pilot.pause(0.1)
            with db.read() as session:
                mine = [c.id for c in claim_db.claims(session) if c.assigned_to == "ana"]
            if mine:
                break
        assert mine == [claims[2].id]
        await pilot.pause(0.3)
        assert app.screen.claims.current.id == claims[2].id
    db.dispose()


async def test_overriding_another_analysts_label_needs_a_reason_kept_in_the_audit_trail(
    sqlite_db: Database,
) -> None:
    from sqlmodel import select

    from db.models import AuditEvent, EvidenceLink

    ids = build(sqlite_db)
    link_id = ids["links"][0]
    app = app_for(sqlite_db, poll=60)  # no polling: ben's label is unseen
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        review.label_evidence(sqlite_db, link_id, "supports", "ben")
        await pilot.press("enter", "c")
        await settle(pilot, lambda: isinstance(app.screen, ConflictScreen))
        await pilot.press("o")
        assert isinstance(app.screen, ConflictScreen)  # no reason yet
        await pilot.press(*"the office counts jobs over five years", "enter")
        await settle(pilot, lambda: not isinstance(app.screen, ConflictScreen))
        await settle(pilot)
    with sqlite_db.read() as session:
        link = session.get(EvidenceLink, link_id)
        assert (link.stance, link.labelled_by) == ("contradicts", ANALYST)
        event = session.exec(
            select(AuditEvent)
            .where(AuditEvent.entity_id == link_id, AuditEvent.analyst == ANALYST)
            .order_by(AuditEvent.id.desc())
        ).first()
    assert (
        event is not None
        and "the office counts jobs over five years" in (event.after["override_reason"])
    )
    assert "ben" in event.after["override_reason"]


async def test_in_blind_review_another_analysts_verdict_is_neither_shown_nor_announced(
    sqlite_db: Database,
) -> None:
    from sqlalchemy import text

    ids = build(sqlite_db, verdict_on_first=False)
    first = ids["claims"][0]
    with sqlite_db.write() as session:
        session.execute(text("UPDATE article SET blind = 1"))
    from verify.services import browse

    point = browse.last_event_id(sqlite_db)
    app = app_for(sqlite_db, poll=0.2)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await loaded(pilot)
        review.record_verdict(sqlite_db, first, TRUE, "ben", rationale="the secret ledger")
        # a later change by ben that is announced: once it is, the verdict had its chance
        review.label_evidence(sqlite_db, ids["links"][0], "supports", "ben")
        await settle(pilot, lambda: "ben relabelled evidence" in screen_text(app), timeout=5)
        shown = screen_text(app)
        assert "changed the verdict" not in shown and "● True" not in shown
        assert "secret ledger" not in shown
    # what the workbench polls: ben's verdict is not among the changes shown to me
    assert [c.action for c in browse.changes_since(sqlite_db, point, viewer=ANALYST)] == ["label"]
    assert [c.action for c in browse.changes_since(sqlite_db, point)] == ["verdict", "label"]
