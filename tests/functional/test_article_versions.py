"""Article versions: an updated article keeps its verdicts on unchanged claims, flags the
changed ones with their old text, keeps the removed ones, and says which version a
report covers. On SQLite and on PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from db.schema import SCHEMA_VERSION, upgrade
from db.session import open_database
from tests.support.cli_run import run_cli
from tests.support.databases import Logins, as_login, postgres_url
from verify.services.analysts import add_analyst, team_init

DATA = Path(__file__).resolve().parents[1] / "data"
URL = "https://news.example/budget"

HEAD = "City budget grows\n\n"
BRIDGE = (
    "The city council approved a budget of 4.2 million pounds for the new bridge in 2023, "
    "officials said."
)
JOBS = "Mayor Ann Holt said unemployment in the district fell to 4.1 percent last year."
JOBS_FIXED = "Mayor Ann Holt said unemployment in the district fell to 4.3 percent last year."
HARBOUR = "The harbour reopened in March after repairs costing 900,000 pounds."
BURGLARY = "Police recorded 1,200 burglaries in the city in 2022, a rise of 8 percent."
SCHOOL = "The school roof will be replaced in 2025 at a cost of 2 million pounds, the council said."
EVIDENCE = (
    "Council minutes, 14 March 2023: the council approved 4.2 million pounds for the new "
    "bridge. District unemployment stood at 4.3 percent at the end of last year.\n"
)


def write(path: Path, *sentences: str) -> Path:
    path.write_text(HEAD + "\n".join(sentences) + "\n")
    return path


def claims(url: str, *extra: str) -> dict[str, dict]:
    run = run_cli("--db", url, "claims", "--json", *extra)
    assert run.code == 0, run.err
    return {r["text"]: r for r in json.loads(run.out)}


@pytest.fixture
def first_version(db_url: str, tmp_path: Path) -> str:
    """Version 1 imported from URL, with verdicts on three claims and a labelled link."""
    evidence = tmp_path / "minutes.txt"
    evidence.write_text("Council minutes\n\n" + EVIDENCE)
    assert run_cli("--db", db_url, "evidence", "add", str(evidence)).code == 0
    one = write(tmp_path / "v1.txt", BRIDGE, JOBS, HARBOUR, BURGLARY)
    added = run_cli("--db", db_url, "article", "add", str(one), "--url", URL)
    assert added.code == 0, added.err
    found = claims(db_url)
    for claim, rating in ((BRIDGE, "True"), (JOBS, "Mostly true"), (HARBOUR, "False")):
        assert run_cli("--db", db_url, "verdict", str(found[claim]["id"]), rating).code == 0
    shown = json.loads(run_cli("--db", db_url, "show", str(found[BRIDGE]["id"]), "--json").out)
    link = shown["evidence"][0]["link_id"]
    labelled = run_cli("--db", db_url, "label", str(link), "supports", "--note", "minutes")
    assert labelled.code == 0, labelled.err
    return db_url


def test_the_same_url_again_makes_version_2_keeping_unchanged_claims_whole(
    first_version: str, tmp_path: Path
) -> None:
    url = first_version
    before = claims(url)
    bridge_before = json.loads(
        run_cli("--db", url, "show", str(before[BRIDGE]["id"]), "--json").out
    )
    two = write(tmp_path / "v2.txt", BRIDGE, JOBS_FIXED, BURGLARY, SCHOOL)
    run = run_cli("--db", url, "article", "add", str(two), "--url", URL)
    assert run.code == 0, run.err
    assert run.out.strip() == (
        "article 1 version 2: City budget grows: 2 unchanged, 1 changed, 1 new, 1 removed"
    )
    after = claims(url)
    assert set(after) == {BRIDGE, JOBS_FIXED, BURGLARY, SCHOOL}
    # unchanged: same claim, same verdict, same labelled evidence and note
    assert after[BRIDGE]["id"] == before[BRIDGE]["id"]
    assert after[BRIDGE]["verdict"]["rating"] == "True"
    assert after[BRIDGE]["changed_in"] is None
    bridge = json.loads(run_cli("--db", url, "show", str(after[BRIDGE]["id"]), "--json").out)
    assert bridge["evidence"][0]["label"] == "supports"
    assert bridge["evidence"][0]["note"] == "minutes"
    assert bridge["verdicts"] == bridge_before["verdicts"]
    assert bridge["version_note"] is None
    # changed: same claim, verdict kept, flagged, the old text reachable
    jobs = after[JOBS_FIXED]
    assert jobs["id"] == before[JOBS]["id"] and jobs["verdict"]["rating"] == "Mostly true"
    assert jobs["changed_in"] == 2 and jobs["previous_text"] == JOBS
    shown = run_cli("--db", url, "show", str(jobs["id"])).out
    assert f"changed in version 2 since the verdict; was: {JOBS}" in shown
    # new: a claim of its own, no verdict
    assert after[SCHOOL]["verdict"] is None and after[SCHOOL]["id"] not in {
        r["id"] for r in before.values()
    }
    # removed: kept, out of the list, verdict kept for the record
    assert "1 removed from the article" in run_cli("--db", url, "claims").out
    harbour = run_cli("--db", url, "show", str(before[HARBOUR]["id"]), "--json")
    removed = json.loads(harbour.out)
    assert removed["status"] == "removed" and removed["version_note"] == "removed in version 2"
    assert [v["rating"] for v in removed["verdicts"]] == ["False"]
    assert removed["context"] == HARBOUR
    # the article is at version 2, its claims in the new order
    assert [r["text"] for r in claims(url).values()] == [BRIDGE, JOBS_FIXED, BURGLARY, SCHOOL]


def test_article_versions_lists_each_version_and_the_audit_trail_records_them(
    first_version: str, tmp_path: Path
) -> None:
    url = first_version
    two = write(tmp_path / "v2.txt", BRIDGE, JOBS_FIXED, BURGLARY, SCHOOL)
    assert run_cli("--db", url, "article", "add", str(two), "--url", URL).code == 0
    listed = run_cli("--db", url, "article", "versions", "1")
    assert listed.code == 0, listed.err
    lines = [line.split("\t") for line in listed.out.strip().splitlines()]
    assert [line[0] for line in lines] == ["1", "2"]
    assert lines[0][-1] == "4 new"
    assert lines[1][-1] == "2 unchanged, 1 changed, 1 new, 1 removed"
    log = run_cli("--db", url, "log").out
    assert " article_version " in log and '"version": 2' in log
    found = claims(url)
    jobs = run_cli("--db", url, "log", "--claim", str(found[JOBS_FIXED]["id"])).out
    assert " claim_changed " in jobs and JOBS in jobs and JOBS_FIXED in jobs
    assert " claim_removed " in log


def test_reports_say_which_version_they_cover(first_version: str, tmp_path: Path) -> None:
    url = first_version
    two = write(tmp_path / "v2.txt", BRIDGE, JOBS_FIXED, BURGLARY, SCHOOL)
    assert run_cli("--db", url, "article", "add", str(two), "--url", URL).code == 0

    def export(fmt: str) -> str:
        run = run_cli("--db", url, "export", "--format", fmt)
        assert run.code == 0, run.err
        return run.out

    data = json.loads(export("json"))["articles"][0]
    assert data["article_version"] == 2
    assert [c["text"] for c in data["removed_claims"]] == [HARBOUR]
    assert data["removed_claims"][0]["verdict"]["rating"] == "False"
    jobs = next(c for c in data["claims"] if c["text"] == JOBS_FIXED)
    assert jobs["changed_in"] == 2 and jobs["previous_text"] == JOBS
    assert jobs["changed_since_verdict"] is True
    markdown = export("md")
    assert "**Version:** version 2 of " in markdown
    assert "changed in version 2 since the verdict; was: " in markdown
    assert "### Removed from the article" in markdown and "removed in version 2" in markdown
    html = export("html")
    assert "version 2 of " in html and "Removed from the article" in html
    rows = list(csv.DictReader(io.StringIO(export("csv").lstrip("\ufeff"))))
    assert {r["article_version"] for r in rows} == {"2"}
    changed = next(r for r in rows if r["claim"] == JOBS_FIXED)
    assert changed["claim_change"].startswith("changed in version 2 since the verdict")


def test_update_by_id_makes_a_version_of_an_article_without_a_url(
    db_url: str, tmp_path: Path
) -> None:
    one = write(tmp_path / "v1.txt", BRIDGE, JOBS)
    assert run_cli("--db", db_url, "article", "add", str(one)).code == 0
    two = write(tmp_path / "v2.txt", BRIDGE, JOBS_FIXED)
    run = run_cli("--db", db_url, "article", "add", "--update", "1", str(two))
    assert run.code == 0, run.err
    assert "article 1 version 2" in run.out and "1 unchanged, 1 changed" in run.out
    assert len(run_cli("--db", db_url, "article", "list").out.strip().splitlines()) == 1


def test_the_same_content_again_changes_nothing(first_version: str, tmp_path: Path) -> None:
    url = first_version
    one = write(tmp_path / "again.txt", BRIDGE, JOBS, HARBOUR, BURGLARY)
    run = run_cli("--db", url, "article", "add", str(one), "--url", URL)
    assert run.code == 0 and "already stored" in run.out and "version 1" in run.out
    assert len(run_cli("--db", url, "article", "versions", "1").out.strip().splitlines()) == 1


def test_a_version_of_an_unknown_article_is_one_line_and_exit_2(
    db_url: str, tmp_path: Path
) -> None:
    one = write(tmp_path / "v1.txt", BRIDGE)
    run = run_cli("--db", db_url, "article", "add", "--update", "9", str(one))
    assert run.code == 2 and run.err.strip() == "verify: no article with id 9"
    listed = run_cli("--db", db_url, "article", "versions", "9")
    assert listed.code == 2 and len(listed.err.strip().splitlines()) == 1


def _schema_10(url: str) -> None:
    """Bring a schema-1 database to schema 10, as the release before versions left it."""
    engine = create_engine(url)
    assert upgrade(engine, to=10)[1] == 10
    engine.dispose()


def test_an_older_sqlite_database_upgrades_to_versions_keeping_verdicts(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    shutil.copy(DATA / "schema-v1.sqlite", path)
    url = f"sqlite:///{path}"
    _schema_10(url)
    refused = run_cli("--db", url, "claims")
    assert refused.code == 2 and "verify db upgrade" in refused.err
    run = run_cli("--db", url, "db", "upgrade")
    assert run.code == 0 and f"10 -> {SCHEMA_VERSION}" in run.out
    listed = run_cli("--db", url, "article", "versions", "1")
    assert listed.code == 0 and listed.out.startswith("1\t")
    records = json.loads(run_cli("--db", url, "claims", "--json").out)
    assert records[0]["verdict"]["rating"] == "Mostly true"
    assert records[0]["changed_in"] is None


def test_an_older_postgres_database_upgrades_to_versions_keeping_verdicts(
    old_postgres_url: str,
) -> None:
    url = old_postgres_url
    _schema_10(url)
    run = run_cli("--db", url, "db", "upgrade")
    assert run.code == 0 and f"10 -> {SCHEMA_VERSION}" in run.out, run.err
    listed = run_cli("--db", url, "article", "versions", "1")
    assert listed.code == 0 and listed.out.startswith("1\t")
    records = json.loads(run_cli("--db", url, "claims", "--json").out)
    assert records[0]["verdict"]["rating"] == "Mostly true"


def _team(url: str, logins: Logins) -> str:
    """A team on ``url`` whose analyst's login is returned (the owner is the admin)."""
    owner = open_database(url, check_schema=False)  # the team may predate this schema
    me = owner.engine.url.username or "postgres"
    team_init(owner, me)
    alice = logins.name("alice")
    add_analyst(owner, alice, "analyst", me)
    owner.dispose()
    return alice


def _analyst_updates_an_article(url: str, alice: str, tmp_path: Path) -> None:
    mine = as_login(url, alice)
    one = write(tmp_path / "v1.txt", BRIDGE, JOBS, HARBOUR)
    added = run_cli("--db", mine, "article", "add", str(one), "--url", URL)
    assert added.code == 0, added.err
    found = claims(mine)
    assert run_cli("--db", mine, "verdict", str(found[JOBS]["id"]), "False").code == 0
    two = write(tmp_path / "v2.txt", BRIDGE, JOBS_FIXED)
    run = run_cli("--db", mine, "article", "add", str(two), "--url", URL)
    assert run.code == 0, run.err
    assert "1 unchanged, 1 changed, 0 new, 1 removed" in run.out
    assert claims(mine)[JOBS_FIXED]["verdict"]["rating"] == "False"
    log = run_cli("--db", mine, "log").out.splitlines()
    assert [line.split()[1] for line in log if " article_version " in line] == [alice]


def test_an_analyst_with_their_own_postgres_login_adds_a_version(
    logins: Logins, tmp_path: Path
) -> None:
    for url in postgres_url("versions"):
        open_database(url).dispose()
        _analyst_updates_an_article(url, _team(url, logins), tmp_path)


def test_a_team_made_before_versions_may_add_versions_after_the_upgrade(
    old_postgres_url: str, logins: Logins, tmp_path: Path
) -> None:
    url = old_postgres_url
    _schema_10(url)
    alice = _team(url, logins)
    run = run_cli("--db", url, "db", "upgrade")
    assert run.code == 0, run.err
    _analyst_updates_an_article(url, alice, tmp_path)


def test_postgres_refuses_a_version_recorded_in_another_name(
    logins: Logins, tmp_path: Path
) -> None:
    for url in postgres_url("versions"):
        open_database(url).dispose()
        alice = _team(url, logins)
        one = write(tmp_path / "v1.txt", BRIDGE)
        assert run_cli("--db", as_login(url, alice), "article", "add", str(one)).code == 0
        engine = create_engine(as_login(url, alice))
        with pytest.raises(DBAPIError), engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO article_version (article_id, number, title, text, sha256,"
                    " imported_at, imported_by, summary)"
                    " VALUES (1, 2, 't', 'x', 'y', now(), 'someone_else', '{}')"
                )
            )
        engine.dispose()
