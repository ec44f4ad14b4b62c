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
from tests.support.cli_run import run_cli
from tests.support.databases import Logins, as_login, postgres_url
from verify.config import DEFAULT_SCALE
from verify.demo import load_demo
from verify.errors import NotAllowed
from verify.services.analysts import add_analyst, team_init
from verify.services.approval import approve
from verify.services.blind import set_blind
from verify.services.identity import analyst as who_am_i
from verify.services.review import label_evidence, record_verdict, undo_last

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


def test_psql_shows_an_analyst_no_other_verdict_on_a_claim_in_blind_review(team: Team) -> None:
    set_blind(team.owner, claim_article(team), True, who_am_i(team.owner))
    alice = team.db(team.alice)
    bob = team.db(team.bob)
    mine = (
        "SELECT count(*) FROM verdict WHERE claim_id = :c",
        "SELECT count(*) FROM audit_event WHERE claim_id = :c AND entity = 'verdict'",
    )
    try:
        record_verdict(alice, team.claim, FALSE, team.alice, rationale="Alice's reasons.")
        for name, seen in ((team.bob, 0), (team.ed, 0), (team.alice, 1)):
            sql = team.sql(name)
            with sql.connect() as conn:
                assert [conn.execute(text(q), {"c": team.claim}).scalar() for q in mine] == [
                    seen,
                    seen,
                ], name
                leaked = conn.execute(
                    text("SELECT count(*) FROM verdict WHERE rationale LIKE '%Alice%'")
                ).scalar()
                assert leaked == seen
            sql.dispose()
        # the claim of an article not under blind review is read whole
        record_verdict(alice, team.second_claim, TRUE, team.alice)
        with team.sql(team.bob).connect() as conn:
            second = conn.execute(
                text("SELECT count(*) FROM verdict WHERE claim_id = :c"), {"c": team.second_claim}
            ).scalar()
        assert second == (0 if same_article(team) else 1)
        # once bob's own verdict is in, two analysts have judged: both are read
        record_verdict(bob, team.claim, TRUE, team.bob)
        with team.sql(team.bob).connect() as conn:
            assert [conn.execute(text(q), {"c": team.claim}).scalar() for q in mine] == [2, 2]
    finally:
        alice.dispose()
        bob.dispose()


def claim_article(team: Team) -> int:
    with team.owner.read() as session:
        return int(
            session.execute(
                text("SELECT article_id FROM claim WHERE id = :c"), {"c": team.claim}
            ).scalar_one()
        )


def same_article(team: Team) -> bool:
    with team.owner.read() as session:
        return (
            session.execute(
                text("SELECT count(DISTINCT article_id) FROM claim WHERE id IN (:a, :b)"),
                {"a": team.claim, "b": team.second_claim},
            ).scalar_one()
            == 1
        )


def a_link(team: Team) -> int:
    with team.owner.read() as session:
        return int(
            session.execute(
                text("SELECT min(id) FROM evidence_link WHERE claim_id = :c"), {"c": team.claim}
            ).scalar_one()
        )


def link_label(team: Team, link: int) -> tuple[str | None, str | None]:
    with team.owner.read() as session:
        row = session.execute(
            text("SELECT stance, labelled_by FROM evidence_link WHERE id = :l"), {"l": link}
        ).one()
    return row[0], row[1]


def test_undoing_a_label_that_replaced_a_colleagues_puts_theirs_back(team: Team) -> None:
    link = a_link(team)
    alice, bob = team.db(team.alice), team.db(team.bob)
    try:
        label_evidence(alice, link, "supports", team.alice)
        label_evidence(bob, link, "contradicts", team.bob)
        assert link_label(team, link) == ("contradicts", team.bob)
        done = undo_last(bob, team.bob)
        assert done is not None and done.action == "label"
        assert link_label(team, link) == ("supports", team.alice)
        # put back once: bob's change is undone, and nothing more is his to put back
        sql = team.sql(team.bob)
        assert refused(
            sql,
            "UPDATE evidence_link SET stance = 'irrelevant', labelled_by = :a WHERE id = :l",
            a=team.alice,
            l=link,
        )
        sql.dispose()
    finally:
        alice.dispose()
        bob.dispose()


def test_a_forged_audit_trail_does_not_let_psql_label_in_a_colleagues_name(team: Team) -> None:
    link = a_link(team)
    bob = team.db(team.bob)
    try:
        label_evidence(bob, link, "contradicts", team.bob)
    finally:
        bob.dispose()
    sql = team.sql(team.bob)
    event = (
        "INSERT INTO audit_event (at, analyst, action, entity, entity_id, claim_id, before, "
        "after) VALUES (now(), :b, 'label', 'evidence_link', :l, :c, "
        "CAST(:before AS json), CAST(:after AS json))"
    )
    # an event whose outcome is not the link as it is: refused
    assert refused(
        sql,
        event,
        b=team.bob,
        l=link,
        c=team.claim,
        before='{"stance": null, "labelled_by": null}',
        after=f'{{"stance": "irrelevant", "labelled_by": "{team.alice}"}}',
    )
    # an event claiming a label alice never gave was replaced: accepted, but no restore
    assert not refused(
        sql,
        event,
        b=team.bob,
        l=link,
        c=team.claim,
        before=f'{{"stance": "irrelevant", "labelled_by": "{team.alice}"}}',
        after=f'{{"stance": "contradicts", "labelled_by": "{team.bob}"}}',
    )
    assert refused(
        sql,
        "UPDATE evidence_link SET stance = 'irrelevant', labelled_by = :a WHERE id = :l",
        a=team.alice,
        l=link,
    )
    sql.dispose()
    assert link_label(team, link) == ("contradicts", team.bob)


def test_an_upgrade_grants_the_team_the_tables_it_adds(old_postgres_url: str) -> None:
    """A team started on an older schema: the upgrade's new tables are the team's too."""
    from db.schema import UPGRADES
    from db.security import create_groups, grant

    engine = create_engine(old_postgres_url)
    try:
        for version in range(1, 7):  # to schema 7: no publisher_rating table yet
            with engine.begin() as conn:
                UPGRADES[version](conn)
                conn.execute(text("UPDATE schema_info SET version = :v"), {"v": version + 1})
        logins = Logins()
        alice = logins.name("alice")
        with engine.begin() as conn:  # what `team init` and `analyst add` did then
            create_groups(conn)
            grant(conn, alice, "analyst")
            conn.execute(
                text(
                    "INSERT INTO analyst (name, role, active, created_at) "
                    "VALUES (:n, 'analyst', true, now())"
                ),
                {"n": alice},
            )
    finally:
        engine.dispose()
    try:
        assert run_cli("--db", old_postgres_url, "db", "upgrade").code == 0
        as_alice = as_login(old_postgres_url, alice)
        rated = run_cli("--db", as_alice, "source", "rate", "Harbour Gazette", "press")
        assert rated.code == 0, rated.err
        listed = run_cli("--db", as_alice, "source", "list")
        assert "Harbour Gazette" in listed.out
    finally:
        logins.drop()


def test_an_editor_with_their_own_login_settles_a_disagreement(team: Team) -> None:
    from verify.services.adjudication import settle

    alice, bob, ed = team.db(team.alice), team.db(team.bob), team.db(team.ed)
    try:
        first = record_verdict(alice, team.claim, FALSE, team.alice)
        # no disagreement yet: an editor's own approved verdict is refused in SQL too
        assert refused(
            team.sql(team.ed),
            "INSERT INTO verdict (claim_id, rating, analyst, state, supersedes_id, "
            "approved_by, created_at) VALUES (:c, 'True', :e, 'approved', :v, :e, now())",
            c=team.claim,
            e=team.ed,
            v=first.id,
        )
        record_verdict(bob, team.claim, TRUE, team.bob)
        settled = settle(ed, team.claim, FALSE, team.ed, rationale="The register says so.")
        assert (settled.state, settled.analyst, settled.approved_by) == (
            "approved",
            team.ed,
            team.ed,
        )
    finally:
        for each in (alice, bob, ed):
            each.dispose()
