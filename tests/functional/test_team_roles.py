"""Who may do what in a team, on SQLite and PostgreSQL, and names that are one person.

Roles: analyst < editor < admin. ``team init`` makes the first admin; only an admin
manages the team; only editors approve, assign others' claims and switch blind review;
a draft is never approved; names are compared normalised. (Services are called with
each person's name here; how verify learns who is running it is tested with the CLI.)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import text

from db.session import Database
from tests.support.databases import Logins
from verify.config import DEFAULT_SCALE
from verify.demo import load_demo
from verify.errors import NotAllowed
from verify.services.analysts import add_analyst, remove_analyst, set_active, team, team_init
from verify.services.approval import approve
from verify.services.assignment import assign, take_next
from verify.services.audit import check_trail
from verify.services.blind import set_blind
from verify.services.review import record_verdict

FALSE, TRUE = DEFAULT_SCALE[0], DEFAULT_SCALE[4]


@dataclass
class Desk:
    db: Database
    boss: str
    ana: str
    ed: str
    claims: list[int]


@pytest.fixture
def desk(db: Database, logins: Logins) -> Iterator[Desk]:
    load_demo(db)
    with db.read() as session:
        claims = [r[0] for r in session.execute(text("SELECT id FROM claim ORDER BY id"))]
    boss, ana, ed = (logins.name(n) for n in ("boss", "ana", "ed"))
    team_init(db, boss)
    add_analyst(db, ana, "analyst", boss)
    add_analyst(db, ed, "editor", boss)
    yield Desk(db, boss, ana, ed, claims)


def test_team_init_makes_the_first_admin_once(desk: Desk) -> None:
    assert {(m.name, m.role) for m in team(desk.db)} == {
        (desk.boss, "admin"),
        (desk.ana, "analyst"),
        (desk.ed, "editor"),
    }
    with pytest.raises(NotAllowed, match="admin already"):
        team_init(desk.db, desk.ana)


def test_only_an_admin_adds_members_or_changes_roles(desk: Desk) -> None:
    with pytest.raises(NotAllowed, match="needs an admin") as raised:
        add_analyst(desk.db, desk.ana, "editor", desk.ana)
    assert "verify analyst add" not in str(raised.value)  # no recipe for getting round it
    with pytest.raises(NotAllowed):
        add_analyst(desk.db, desk.ed, "analyst", desk.ana)  # demoting the real editor
    with pytest.raises(NotAllowed):
        add_analyst(desk.db, desk.ana, "admin", desk.ed)
    assert {m.name: m.role for m in team(desk.db)}[desk.ed] == "editor"
    add_analyst(desk.db, desk.ana, "editor", desk.boss)
    assert {m.name: m.role for m in team(desk.db)}[desk.ana] == "editor"


def test_the_only_admin_cannot_be_removed_demoted_or_deactivated(desk: Desk) -> None:
    for change in (
        lambda: remove_analyst(desk.db, desk.boss, desk.boss),
        lambda: add_analyst(desk.db, desk.boss, "editor", desk.boss),
        lambda: set_active(desk.db, desk.boss, False, desk.boss),
    ):
        with pytest.raises(NotAllowed, match="only admin"):
            change()


def test_a_name_not_on_the_team_or_deactivated_records_nothing(desk: Desk) -> None:
    with pytest.raises(NotAllowed, match="not on the team"):
        record_verdict(desk.db, desk.claims[0], FALSE, "mallory")
    set_active(desk.db, desk.ana, False, desk.boss)
    with pytest.raises(NotAllowed, match="deactivated"):
        record_verdict(desk.db, desk.claims[0], FALSE, desk.ana)
    set_active(desk.db, desk.ana, True, desk.boss)
    assert record_verdict(desk.db, desk.claims[0], FALSE, desk.ana).analyst == desk.ana


@pytest.mark.parametrize("variant", ["{} ", "{}".upper(), "{}\u200b", " {}\u202e", "\uff45{}"])
def test_name_variants_are_one_person_for_the_no_self_approval_rule(
    desk: Desk, variant: str
) -> None:
    written = variant.format(desk.ed)
    if variant.startswith("\uff45"):  # a full-width "e" in front: the name with it
        written = "\uff45" + desk.ed[1:]
    elif variant == "{}".upper():
        written = desk.ed.upper()
    verdict = record_verdict(desk.db, desk.claims[0], FALSE, written)
    assert verdict.analyst == desk.ed
    with pytest.raises(NotAllowed, match="approval needs another analyst"):
        approve(desk.db, desk.claims[0], desk.ed)
    with pytest.raises(NotAllowed, match="approval needs another analyst"):
        approve(desk.db, desk.claims[0], written)


def test_a_draft_is_never_approved(desk: Desk) -> None:
    record_verdict(desk.db, desk.claims[0], FALSE, desk.ana, state="draft")
    with pytest.raises(NotAllowed, match="draft"):
        approve(desk.db, desk.claims[0], desk.ed)
    record_verdict(desk.db, desk.claims[0], FALSE, desk.ana)
    assert approve(desk.db, desk.claims[0], desk.ed).approved_by == desk.ed


def test_an_analyst_cannot_approve_assign_others_or_switch_blind_review(desk: Desk) -> None:
    record_verdict(desk.db, desk.claims[0], FALSE, desk.ed)
    with pytest.raises(NotAllowed, match="needs an editor"):
        approve(desk.db, desk.claims[0], desk.ana)
    with pytest.raises(NotAllowed, match="needs an editor"):
        set_blind(desk.db, 1, True, desk.ana)
    assign(desk.db, [desk.claims[1]], desk.ed, desk.ed)
    with pytest.raises(NotAllowed, match="needs an editor"):
        assign(desk.db, [desk.claims[1]], None, desk.ana)  # a colleague's claim
    with pytest.raises(NotAllowed, match="needs an editor"):
        assign(desk.db, [desk.claims[2]], desk.ed, desk.ana)
    with pytest.raises(NotAllowed, match="not on the team"):
        assign(desk.db, [desk.claims[2]], "nobody", desk.ed)
    assert assign(desk.db, [desk.claims[2]], desk.ana, desk.ana) == 1  # taking one
    assert assign(desk.db, [desk.claims[2]], None, desk.ana) == 1  # giving it back
    assert take_next(desk.db, desk.ana) is not None
    set_blind(desk.db, 1, True, desk.ed)


def test_the_audit_trail_checks_out_after_team_work(desk: Desk) -> None:
    record_verdict(desk.db, desk.claims[0], FALSE, desk.ana)
    approve(desk.db, desk.claims[0], desk.ed)
    assert check_trail(desk.db) == []


def test_a_changed_or_removed_audit_row_in_sqlite_is_reported(sqlite_db: Database) -> None:
    load_demo(sqlite_db)
    team_init(sqlite_db, "boss")
    add_analyst(sqlite_db, "ana", "analyst", "boss")
    for claim in (1, 2, 3):
        record_verdict(sqlite_db, claim, FALSE, "ana")
    assert check_trail(sqlite_db) == []
    path = sqlite_db.url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as raw:
        events = [r[0] for r in raw.execute("SELECT id FROM audit_event ORDER BY id")]
        raw.execute("UPDATE audit_event SET analyst = 'boss' WHERE id = ?", (events[-1],))
        raw.execute("DELETE FROM audit_event WHERE id = ?", (events[-3],))
    problems = check_trail(sqlite_db)
    assert any(f"event {events[-1]} was changed" in p for p in problems)
    assert any(f"event {events[-3]} removed" in p for p in problems)


def test_a_draft_is_never_published_in_claimreview(desk: Desk) -> None:
    import json

    from verify.config import Settings
    from verify.report import export

    record_verdict(desk.db, desk.claims[0], FALSE, desk.ana, state="draft")
    record_verdict(desk.db, desk.claims[1], FALSE, desk.ana)
    settings = Settings(
        database_url=desk.db.url,
        analyst=desk.ed,
        organisation_name="Example Fact Check",
        organisation_url="https://factcheck.example",
        claim_url="https://factcheck.example/{article_slug}#claim-{id}",
    )
    published = json.loads(export(desk.db, settings, "claimreview", include_unapproved=True))
    urls = [item["url"] for item in published]
    assert any(url.endswith(f"#claim-{desk.claims[1]}") for url in urls)
    assert not any(url.endswith(f"#claim-{desk.claims[0]}") for url in urls)


def test_a_verdict_is_never_recorded_as_approved_only_approved_by_an_editor(desk: Desk) -> None:
    claim = desk.claims[0]
    with pytest.raises(NotAllowed, match="an editor approves it"):
        record_verdict(desk.db, claim, FALSE, desk.ana, state="approved")
    with pytest.raises(NotAllowed, match="an editor approves it"):
        record_verdict(desk.db, claim, FALSE, desk.ed, state="approved")
    record_verdict(desk.db, claim, FALSE, desk.ana)
    approved = approve(desk.db, claim, desk.ed)
    assert (approved.state, approved.approved_by) == ("approved", desk.ed)
