"""Who is who through the command line, and blind review from the side.

SQLite: the analyst is the operating-system user; ``--analyst`` names someone else only
in single-user mode on one's own file. PostgreSQL: each analyst connects as their own
login role (real roles here) and is ``current_user``, whatever ``--analyst`` says.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text

from db.session import open_database
from tests.support.cli_run import run_cli
from tests.support.databases import Logins, as_login, postgres_url
from verify.config import DEFAULT_SCALE
from verify.demo import load_demo
from verify.services.analysts import add_analyst, team_init
from verify.services.identity import os_login
from verify.services.review import record_verdict

FALSE = DEFAULT_SCALE[0]
RATIONALE = "the ledger shows otherwise"


@pytest.fixture
def own_file(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'own.db'}"
    database = open_database(url)
    load_demo(database)
    database.dispose()
    return url


def test_on_ones_own_sqlite_file_without_a_team_analyst_names_anyone(own_file: str) -> None:
    run = run_cli("--db", own_file, "--analyst", "ana", "verdict", "1", "False")
    assert run.code == 0 and "by ana" in run.out


def test_once_there_is_a_team_analyst_may_only_name_oneself(
    own_file: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    me = os_login()
    assert run_cli("--db", own_file, "team", "init").code == 0
    for way in ("flag", "environment"):
        if way == "flag":
            run = run_cli("--db", own_file, "--analyst", "alice", "verdict", "1", "False")
        else:
            monkeypatch.setenv("VERIFY_ANALYST", "alice")
            monkeypatch.setenv("USER", "alice")
            monkeypatch.setenv("LOGNAME", "alice")
            run = run_cli("--db", own_file, "verdict", "1", "False")
        assert run.code == 1 and "names someone else" in run.err and run.out == ""
    monkeypatch.delenv("VERIFY_ANALYST")
    variant = f" {me.upper()}\u200b"
    run = run_cli("--db", own_file, "--analyst", variant, "verdict", "1", "False")
    assert run.code == 0 and f"by {me}" in run.out
    log = run_cli("--db", own_file, "log", "--claim", "1").out
    assert "alice" not in log


def test_a_second_team_init_and_role_changes_by_non_admins_are_refused(own_file: str) -> None:
    database = open_database(own_file)
    team_init(database, "boss")  # someone else is the admin: this user is not on the team
    database.dispose()
    again = run_cli("--db", own_file, "team", "init")
    assert again.code == 1 and "admin already" in again.err
    promote = run_cli("--db", own_file, "analyst", "add", os_login(), "--role", "editor")
    assert promote.code == 1 and "verify analyst add" not in promote.err
    verdict = run_cli("--db", own_file, "verdict", "1", "False")
    assert verdict.code == 1 and "not on the team" in verdict.err


@dataclass
class PgTeam:
    url: str
    alice: str
    bob: str
    ed: str

    def as_(self, name: str) -> str:
        return as_login(self.url, name)


@pytest.fixture
def pg_team(logins: Logins) -> Iterator[PgTeam]:
    for url in postgres_url("cli"):
        owner = open_database(url)
        load_demo(owner)
        me = owner.engine.url.username or "postgres"
        team_init(owner, me)
        names = [logins.name(n) for n in ("alice", "bob", "ed")]
        for name, role in zip(names, ("analyst", "analyst", "editor"), strict=True):
            add_analyst(owner, name, role, me)
        owner.dispose()
        yield PgTeam(url, *names)


def test_on_postgres_the_analyst_is_the_database_login(pg_team: PgTeam) -> None:
    as_bob = pg_team.as_(pg_team.bob)
    forged = run_cli("--db", as_bob, "--analyst", pg_team.alice, "verdict", "1", "False")
    assert forged.code == 1 and "names someone else" in forged.err
    own = run_cli("--db", as_bob, "verdict", "1", "False")
    assert own.code == 0 and f"by {pg_team.bob}" in own.out
    approve = run_cli("--db", as_bob, "approve", "1")
    assert approve.code == 1 and "needs an editor" in approve.err
    promote = run_cli("--db", as_bob, "analyst", "add", pg_team.bob, "--role", "editor")
    assert promote.code == 1 and "needs an admin" in promote.err
    demote = run_cli("--db", as_bob, "analyst", "add", pg_team.ed, "--role", "analyst")
    assert demote.code == 1
    blind = run_cli("--db", as_bob, "article", "blind", "1", "on")
    assert blind.code == 1 and "needs an editor" in blind.err
    approved = run_cli("--db", pg_team.as_(pg_team.ed), "approve", "1")
    assert approved.code == 0, approved.err
    assert approved.out.strip() == f"claim 1: False by {pg_team.bob} approved by {pg_team.ed}"


def test_blind_review_holds_on_every_path_for_a_second_analyst(pg_team: PgTeam) -> None:
    as_alice, as_bob = pg_team.as_(pg_team.alice), pg_team.as_(pg_team.bob)
    assert run_cli("--db", pg_team.as_(pg_team.ed), "article", "blind", "1", "on").code == 0
    rated = run_cli("--db", as_alice, "verdict", "1", "Mostly true", "--note", RATIONALE)
    assert rated.code == 0
    seen: list[str] = []
    for args in (
        ("log",),
        ("log", "--claim", "1"),
        ("claims", "--json"),
        ("claims",),
        ("agreement",),
        *(("export", "--format", fmt) for fmt in ("md", "html", "json", "csv")),
    ):
        run = run_cli("--db", as_bob, *args)
        assert run.code == 0, (args, run.err)
        seen.append(run.out)
    for out in seen:
        assert "Mostly true" not in out and RATIONALE not in out
    # the database itself withholds alice's verdict event from bob (row-level security)
    assert pg_team.alice not in seen[1] and "verdict" not in seen[1]
    # a conflict message on the claim does not show it either
    stale = run_cli(
        "--db", as_bob, "verdict", "1", "False", "--expect-version", "1"
    )  # blind: no conflict on verdicts, bob's own is stored
    assert stale.code == 0
    # alice, with her own verdict in, sees both once two are in
    mine = json.loads(run_cli("--db", as_alice, "claims", "--json").out)[0]["verdict"]
    assert mine["analyst"] == pg_team.bob
    log = run_cli("--db", as_bob, "log", "--claim", "1").out
    assert "Mostly true" in log  # two verdicts are in: blind review is over for claim 1


def test_blind_review_hides_the_rating_from_an_editor_on_sqlite_exports(own_file: str) -> None:
    me = os_login()
    database = open_database(own_file)
    record_verdict(database, 1, DEFAULT_SCALE[3], "ana", rationale=RATIONALE)
    team_init(database, me)
    add_analyst(database, "ana", "analyst", me)
    with database.write() as session:
        session.execute(text("UPDATE article SET blind = 1"))
    database.dispose()
    for fmt in ("md", "html", "json", "csv"):
        run = run_cli("--db", own_file, "export", "--format", fmt)
        assert run.code == 0 and "Mostly true" not in run.out and RATIONALE not in run.out
    log = run_cli("--db", own_file, "log", "--claim", "1")
    assert "Mostly true" not in log.out and RATIONALE not in log.out
    approve = run_cli("--db", own_file, "approve", "1")
    assert approve.code != 0 and "Mostly true" not in approve.err + approve.out


def test_log_verify_names_a_changed_or_removed_event_on_sqlite(own_file: str) -> None:
    import sqlite3

    assert run_cli("--db", own_file, "team", "init").code == 0
    for claim in ("1", "2", "3"):
        assert run_cli("--db", own_file, "verdict", claim, "False").code == 0
    intact = run_cli("--db", own_file, "log", "--verify")
    assert intact.code == 0 and "intact" in intact.out
    with sqlite3.connect(own_file.removeprefix("sqlite:///")) as raw:
        last = raw.execute("SELECT max(id) FROM audit_event").fetchone()[0]
        raw.execute("UPDATE audit_event SET analyst = 'someone' WHERE id = ?", (last,))
        raw.execute("DELETE FROM audit_event WHERE id = ?", (last - 1,))
    broken = run_cli("--db", own_file, "log", "--verify")
    assert broken.code == 1
    assert f"event {last} was changed" in broken.out
    assert f"event {last - 1} removed" in broken.out


def test_a_deactivated_analyst_is_refused_by_postgres_itself(pg_team: PgTeam) -> None:
    from sqlalchemy import create_engine
    from sqlalchemy.exc import DBAPIError

    owner = open_database(pg_team.url)
    from verify.services.analysts import set_active

    set_active(owner, pg_team.bob, False, owner.engine.url.username or "postgres")
    owner.dispose()
    run = run_cli("--db", pg_team.as_(pg_team.bob), "verdict", "1", "False")
    assert run.code != 0 and len(run.err.splitlines()) == 1 and "deactivated" in run.err
    engine = create_engine(pg_team.as_(pg_team.bob))
    with pytest.raises(DBAPIError), engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO verdict (claim_id, rating, analyst, state, created_at) "
                "VALUES (1, 'False', current_user, 'submitted', now())"
            )
        )
    engine.dispose()


def test_an_analyst_with_their_own_postgres_login_imports_and_labels(
    pg_team: PgTeam, tmp_path: Path
) -> None:
    as_alice = pg_team.as_(pg_team.alice)
    (tmp_path / "note.txt").write_text("The ferry levy raised 9.5 million crowns last year.\n")
    (tmp_path / "story.txt").write_text(
        "Ferry levy row\n\nHarbour minister Edda Lunn said the levy raised 12 million crowns.\n"
    )
    evidence = run_cli("--db", as_alice, "evidence", "add", str(tmp_path / "note.txt"))
    assert evidence.code == 0, evidence.err
    article = run_cli("--db", as_alice, "article", "add", str(tmp_path / "story.txt"))
    assert article.code == 0, article.err
    assert run_cli("--db", as_alice, "assign", "--next").code == 0
    assert run_cli("--db", as_alice, "undo").code in (0, 1)
