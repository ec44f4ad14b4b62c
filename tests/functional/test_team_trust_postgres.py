"""On PostgreSQL the database itself holds the team's rules, against an analyst with psql.

Each analyst is a real login role connecting in their own name (the test server trusts
127.0.0.1, so roles log in by name; production uses peer, password or certificate
authentication). What verify refuses, the database refuses too when the same analyst
types the SQL themselves.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError

from db.session import Database, open_database
from tests.support.databases import Logins, as_login, postgres_url
from verify.config import DEFAULT_SCALE
from verify.demo import load_demo
from verify.errors import NotAllowed
from verify.services.analysts import add_analyst, team_init
from verify.services.approval import approve
from verify.services.identity import analyst as who_am_i
from verify.services.review import record_verdict

FALSE, TRUE = DEFAULT_SCALE[0], DEFAULT_SCALE[4]


@dataclass
class Team:
    url: str
    owner: Database
    alice: str
    bob: str
    ed: str
    claim: int
    second_claim: int

    def db(self, name: str) -> Database:
        return open_database(as_login(self.url, name))

    def sql(self, name: str) -> Engine:
        """A plain connection as ``name``: what the analyst gets from psql."""
        return create_engine(as_login(self.url, name), isolation_level="AUTOCOMMIT")


@pytest.fixture
def team(logins: Logins) -> Iterator[Team]:
    for url in postgres_url("trust"):
        owner = open_database(url)
        load_demo(owner)
        with owner.read() as session:
            ids = [r[0] for r in session.execute(text("SELECT id FROM claim ORDER BY id"))]
        team_init(owner, who_am_i(owner))
        names = [logins.name(n) for n in ("alice", "bob", "ed")]
        for name, role in zip(names, ("analyst", "analyst", "editor"), strict=True):
            add_analyst(owner, name, role, who_am_i(owner))
        yield Team(url, owner, *names, ids[0], ids[1])
        owner.dispose()


def refused(engine: Engine, statement: str, **params: object) -> bool:
    """Whether the database refuses ``statement`` run by ``engine``'s login."""
    try:
        with engine.begin() as conn:
            result = conn.execute(text(statement), params)
            if result.returns_rows is False and result.rowcount == 0:
                return True  # no row it may touch
    except DBAPIError:
        return True
    return False


def test_each_analyst_is_their_database_login(team: Team) -> None:
    alice = team.db(team.alice)
    try:
        assert who_am_i(alice) == team.alice
        assert who_am_i(alice, team.alice.upper() + " \u200b") == team.alice
        with pytest.raises(NotAllowed, match="names someone else"):
            who_am_i(alice, team.bob)
    finally:
        alice.dispose()


def test_an_analyst_cannot_forge_a_verdict_in_another_name(team: Team) -> None:
    alice = team.db(team.alice)
    try:
        record_verdict(alice, team.claim, FALSE, team.alice)
        with pytest.raises(DBAPIError):
            record_verdict(alice, team.claim, TRUE, team.bob)
    finally:
        alice.dispose()
    sql = team.sql(team.alice)
    assert refused(
        sql,
        "INSERT INTO verdict (claim_id, rating, analyst, state, created_at) "
        "VALUES (:c, 'True', :b, 'submitted', now())",
        c=team.claim,
        b=team.bob,
    )
    assert refused(sql, "UPDATE verdict SET rating = 'True'")
    sql.dispose()


def test_only_an_editor_approves_and_never_a_draft_nor_their_own(team: Team) -> None:
    alice, ed = team.db(team.alice), team.db(team.ed)
    try:
        draft = record_verdict(alice, team.claim, FALSE, team.alice, state="draft")
        with pytest.raises(NotAllowed, match="draft"):
            approve(ed, team.claim, team.ed)
        forge = (
            "INSERT INTO verdict (claim_id, rating, rating_value, analyst, state, "
            "supersedes_id, approved_by, created_at) VALUES (:c, 'False', 1, :a, 'approved', "
            ":v, :e, now())"
        )
        assert refused(team.sql(team.ed), forge, c=team.claim, a=team.alice, v=draft.id, e=team.ed)
        submitted = record_verdict(alice, team.claim, FALSE, team.alice)
        assert refused(
            team.sql(team.bob), forge, c=team.claim, a=team.alice, v=submitted.id, e=team.bob
        )
        record_verdict(ed, team.second_claim, TRUE, team.ed)
        with pytest.raises(NotAllowed, match="approval needs another analyst"):
            approve(ed, team.second_claim, team.ed)
        approved = approve(ed, team.claim, team.ed)
        assert (approved.analyst, approved.approved_by) == (team.alice, team.ed)
    finally:
        alice.dispose()
        ed.dispose()


def test_an_analyst_cannot_change_roles_assignments_or_blind_review_in_sql(team: Team) -> None:
    sql = team.sql(team.bob)
    assert refused(sql, "UPDATE analyst SET role = 'admin' WHERE name = :b", b=team.bob)
    assert refused(
        sql,
        "INSERT INTO analyst (name, role, active, created_at) "
        "VALUES ('mallory', 'admin', true, now())",
    )
    assert refused(sql, "DELETE FROM analyst WHERE name = :e", e=team.ed)
    assert refused(sql, "UPDATE article SET blind = true")
    assert refused(
        sql, "UPDATE claim SET assigned_to = :a WHERE id = :c", a=team.alice, c=team.claim
    )
    # taking an unassigned claim for oneself is allowed
    assert not refused(
        sql, "UPDATE claim SET assigned_to = :b WHERE id = :c", b=team.bob, c=team.claim
    )
    assert refused(
        team.sql(team.alice), "UPDATE claim SET assigned_to = NULL WHERE id = :c", c=team.claim
    )
    sql.dispose()


def test_the_audit_trail_is_insert_only_even_for_the_owner(team: Team) -> None:
    bob = team.sql(team.bob)
    assert refused(bob, "UPDATE audit_event SET analyst = 'someone'")
    assert refused(bob, "DELETE FROM audit_event")
    assert refused(
        bob,
        "INSERT INTO audit_event (at, analyst, action, entity) "
        "VALUES (now(), :a, 'verdict', 'verdict')",
        a=team.alice,
    )
    owner = create_engine(team.url, isolation_level="AUTOCOMMIT")
    assert refused(owner, "UPDATE audit_event SET analyst = 'someone'")
    assert refused(owner, "DELETE FROM audit_event")
    assert refused(owner, "TRUNCATE audit_event")
    owner.dispose()
    bob.dispose()


def test_psql_with_ones_own_login_cannot_rewrite_history(team: Team) -> None:
    url = make_url(as_login(team.url, team.bob))
    schema = team.url.rsplit("%3D", 1)[1]
    run = subprocess.run(
        [
            "psql",
            "-h",
            url.host or "127.0.0.1",
            "-p",
            str(url.port or 5432),
            "-U",
            team.bob,
            "-d",
            url.database or "test",
            "-v",
            "ON_ERROR_STOP=1",
            "-c",
            f"SET search_path = {schema}; DELETE FROM audit_event;",
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode != 0 and "permission denied" in run.stderr
