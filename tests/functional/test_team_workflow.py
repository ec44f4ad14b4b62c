"""Team mode: conflicts, roles and approval, assignment, blind review, audit, upgrades."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from db import claims as claim_db
from db.schema import SCHEMA_VERSION
from db.session import open_database
from tests.support.cli_run import run_cli
from tests.support.databases import PG_URL, Logins
from verify.config import DEFAULT_SCALE
from verify.demo import load_demo
from verify.services.agreement import cohen_kappa
from verify.services.analysts import add_analyst, team_init
from verify.services.assignment import take_next
from verify.services.blind import set_blind, visible_verdicts
from verify.services.identity import login
from verify.services.review import record_verdict

FALSE, TRUE = DEFAULT_SCALE[0], DEFAULT_SCALE[4]

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def demo_url(db_url: str) -> Iterator[str]:
    database = open_database(db_url)
    load_demo(database)
    database.dispose()
    yield db_url


def claim_ids(url: str, who: str = "ana") -> list[int]:
    return [
        r["id"] for r in json.loads(run_cli("--db", url, "--analyst", who, "claims", "--json").out)
    ]


def claim_record(url: str, claim_id: int, who: str = "ana") -> dict:
    records = json.loads(run_cli("--db", url, "--analyst", who, "claims", "--json").out)
    return next(r for r in records if r["id"] == claim_id)


def test_a_stale_verdict_is_refused_with_exit_3_naming_the_other_analyst(demo_url: str) -> None:
    claim = claim_ids(demo_url)[0]
    version = claim_record(demo_url, claim)["version"]
    first = run_cli(
        "--db",
        demo_url,
        "--analyst",
        "ana",
        "verdict",
        str(claim),
        "False",
        "--expect-version",
        str(version),
    )
    assert first.code == 0, first.err
    second = run_cli(
        "--db",
        demo_url,
        "--analyst",
        "bo",
        "verdict",
        str(claim),
        "True",
        "--expect-version",
        str(version),
    )
    assert second.code == 3
    lines = second.err.strip().splitlines()
    assert len(lines) == 1 and "ana" in lines[0] and "'False'" in lines[0]
    assert claim_record(demo_url, claim)["verdict"]["rating"] == "False"


def test_approval_needs_an_editor_other_than_the_author(demo_url: str, logins: Logins) -> None:
    claim = claim_ids(demo_url)[0]
    database = open_database(demo_url)
    me = login(database)  # who runs the command line: the OS user, or the database login
    ana = logins.name("ana")
    team_init(database, me)
    add_analyst(database, ana, "analyst", me)
    record_verdict(database, claim, FALSE, ana)
    database.dispose()
    ok = run_cli("--db", demo_url, "approve", str(claim))
    assert ok.code == 0, ok.err
    assert ok.out.strip() == f"claim {claim}: False by {ana} approved by {me}"
    assert run_cli("--db", demo_url, "verdict", str(claim), "Mixed").code == 0
    own = run_cli("--db", demo_url, "approve", str(claim))
    assert own.code == 1 and "another analyst" in own.err
    verdict = claim_record(demo_url, claim, me)["verdict"]
    assert (verdict["state"], verdict["analyst"]) == ("submitted", me)


def test_two_analysts_taking_the_next_claim_never_get_the_same_one(demo_url: str) -> None:
    database = open_database(demo_url)
    taken = [take_next(database, name) for name in ("ana", "bo", "ana", "bo")]
    database.dispose()
    assert None not in taken and len(set(taken)) == 4
    record = claim_record(demo_url, taken[1])
    assert record["assigned_to"] == "bo"


def test_assign_and_unassign_claims_by_id(demo_url: str) -> None:
    ids = claim_ids(demo_url)[:2]
    run = run_cli("--db", demo_url, "assign", *map(str, ids), "--to", "cy")
    assert run.code == 0 and "2 claims assigned to cy" in run.out
    assert claim_record(demo_url, ids[0])["assigned_to"] == "cy"
    assert run_cli("--db", demo_url, "assign", str(ids[0]), "--unassign").code == 0
    assert claim_record(demo_url, ids[0])["assigned_to"] is None


def test_in_blind_review_analysts_see_only_their_own_verdict_until_both_are_in(
    demo_url: str, logins: Logins
) -> None:

    database = open_database(demo_url)
    me, ana, bo = login(database), logins.name("ana"), logins.name("bo")
    team_init(database, me)
    for name in (ana, bo):
        add_analyst(database, name, "analyst", me)
    claim = claim_ids(demo_url, me)[0]
    assert run_cli("--db", demo_url, "article", "blind", "1", "on").code == 0
    with database.read() as session:
        claims = claim_db.claims(session, ids=[claim])
    record_verdict(database, claim, FALSE, ana)
    assert claim not in visible_verdicts(database, claims, bo)
    assert visible_verdicts(database, claims, ana)[claim].rating == "False"
    record_verdict(database, claim, TRUE, bo)
    assert visible_verdicts(database, claims, ana)[claim].analyst == bo
    database.dispose()


def test_agreement_prints_percent_and_kappa_per_article(demo_url: str) -> None:
    ids = claim_ids(demo_url)[:4]
    for claim, (a, b) in zip(
        ids,
        [("False", "False"), ("True", "True"), ("False", "Mixed"), ("Mixed", "Mixed")],
        strict=True,
    ):
        run_cli("--db", demo_url, "--analyst", "ana", "verdict", str(claim), a)
        run_cli("--db", demo_url, "--analyst", "bo", "verdict", str(claim), b)
    run = run_cli("--db", demo_url, "agreement")
    assert run.code == 0
    assert "ana / bo: 4 claims, 75% agreement" in run.out
    percent, kappa = cohen_kappa([("F", "F"), ("T", "T"), ("F", "M"), ("M", "M")])
    assert percent == 75 and kappa == pytest.approx(0.6363, abs=1e-3)
    assert f"kappa {kappa:.2f}" in run.out


def test_cohens_kappa_matches_a_worked_example() -> None:
    # 50 items: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no -> p_o 0.7, p_e 0.5, kappa 0.4
    pairs = [("y", "y")] * 20 + [("y", "n")] * 5 + [("n", "y")] * 10 + [("n", "n")] * 15
    percent, kappa = cohen_kappa(pairs)
    assert percent == pytest.approx(70) and kappa == pytest.approx(0.4)


def test_every_change_lands_in_the_audit_log(demo_url: str) -> None:
    claim = claim_ids(demo_url)[0]
    run_cli("--db", demo_url, "--analyst", "ana", "verdict", str(claim), "False")
    run_cli("--db", demo_url, "--analyst", "ana", "assign", str(claim))
    whole = run_cli("--db", demo_url, "log")
    assert whole.code == 0
    assert " import " in whole.out
    one = run_cli("--db", demo_url, "log", "--claim", str(claim)).out.strip().splitlines()
    assert [line.split()[2] for line in one] == ["verdict", "assign"]
    assert '"rating": "False"' in one[0]


def test_an_older_sqlite_database_upgrades_without_losing_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copy(DATA / "schema-v1.sqlite", path)
    url = f"sqlite:///{path}"
    refused = run_cli("--db", url, "claims")
    assert refused.code == 2 and "verify db upgrade" in refused.err
    run = run_cli("--db", url, "db", "upgrade")
    assert run.code == 0 and f"-> {SCHEMA_VERSION}" in run.out
    records = json.loads(run_cli("--db", url, "claims", "--json").out)
    assert len(records) == 12
    assert records[0]["verdict"]["rating"] == "Mostly true"
    assert records[0]["verdict"]["analyst"] == "ana"
    assert run_cli("--db", url, "--analyst", "bo", "verdict", "2", "False").code == 0
    assert "up to date" in run_cli("--db", url, "db", "upgrade").out
    # the upgrade indexed the old claims: their verdicts count as "checked before"
    found = run_cli("--db", url, "factchecks", "search", records[0]["text"], "--json")
    assert json.loads(found.out)["results"][0]["claim_id"] == records[0]["id"]


def test_an_older_postgres_database_upgrades_without_losing_data(old_postgres_url: str) -> None:
    run = run_cli("--db", old_postgres_url, "db", "upgrade")
    assert run.code == 0, run.err
    records = json.loads(run_cli("--db", old_postgres_url, "claims", "--json").out)
    assert len(records) == 12 and records[0]["verdict"]["rating"] == "Mostly true"
    search = run_cli("--db", old_postgres_url, "evidence", "search", "harbour reopened", "--json")
    assert json.loads(search.out)["results"]
    found = run_cli("--db", old_postgres_url, "factchecks", "search", records[0]["text"], "--json")
    assert json.loads(found.out)["results"][0]["claim_id"] == records[0]["id"]


def test_a_backup_of_a_live_database_is_a_consistent_private_copy(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'live.db'}"
    database = open_database(url)
    load_demo(database)
    target = tmp_path / "copy.db"
    run = run_cli("--db", url, "db", "backup", str(target))
    assert run.code == 0, run.err
    assert (os.stat(target).st_mode & 0o777) == 0o660
    copy = sqlite3.connect(target)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with database.read() as session:
        from db.evidence import counts

        expected = counts(session)["passages"]
    assert copy.execute("SELECT count(*) FROM passage").fetchone()[0] == expected
    copy.close()
    database.dispose()


def test_backup_of_a_postgres_database_points_to_pg_dump() -> None:
    run = run_cli("--db", f"{PG_URL}", "db", "backup", f"/tmp/{uuid.uuid4().hex}.db")
    assert run.code == 2 and "pg_dump" in run.err


def test_the_workbench_views_respect_blind_review(demo_url: str, logins: Logins) -> None:
    from verify.services import browse

    database = open_database(demo_url)
    me, ana, bo = login(database), logins.name("ana"), logins.name("bo")
    team_init(database, me)
    for name in (ana, bo):
        add_analyst(database, name, "analyst", me)
    claim = claim_ids(demo_url, me)[0]
    set_blind(database, 1, True, me)
    record_verdict(database, claim, FALSE, ana)
    try:
        row = browse.claim_rows(database, ids=[claim], viewer=bo)[0]
        assert row.rating is None
        view = browse.claim_view(database, claim, viewer=bo)
        assert view is not None and view.detail.verdict is None
        assert browse.claim_rows(database, ids=[claim], viewer=ana)[0].rating == "False"
        record_verdict(database, claim, TRUE, bo)
        view = browse.claim_view(database, claim, viewer=ana)
        assert view is not None and view.detail.verdict is not None
        assert view.detail.verdict.analyst == bo
    finally:
        database.dispose()
