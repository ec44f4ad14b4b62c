"""The analyst's day from the command line: correct claims, queues, disagreements, show,
label, match, a solo ClaimReview export, and the CLI's consistency."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from db.session import open_database
from tests.support.cli_run import run_cli
from tests.support.tui_fixture import _article_text, build


@pytest.fixture
def url(tmp_path: Path) -> str:
    database_url = f"sqlite:///{tmp_path / 'day.db'}"
    db = open_database(database_url)
    build(db, verdict_on_first=False)
    db.dispose()
    return database_url


def claims(url: str, *flags: str) -> list[dict]:
    run = run_cli("--db", url, *flags, "claims", "--json")
    assert run.code == 0, run.err
    return json.loads(run.out)


def test_claims_are_edited_split_merged_added_dropped_logged_and_undone(url: str) -> None:
    ids = [c["id"] for c in claims(url)]
    text, _ = _article_text()

    edit = run_cli("--db", url, "claim", "edit", str(ids[2]), "--speaker", "Tomas Veld MP")
    split = run_cli("--db", url, "claim", "split", str(ids[0]), "--at", "within two years")
    merge = run_cli("--db", url, "claim", "merge", str(ids[5]), str(ids[6]))
    drop = run_cli("--db", url, "claim", "drop", str(ids[4]))
    wanted = "She added that the plan had been approved unanimously by the council."
    assert run_cli("--db", url, "claim", "drop", str(ids[1])).code == 0
    add = run_cli("--db", url, "claim", "add", "1", "--text", wanted)

    for run in (edit, split, merge, drop, add):
        assert run.code == 0, run.err
    assert "the second part is claim" in split.out and "passages" in split.out
    now = {c["id"]: c for c in claims(url)}
    added = [c for c in now.values() if c["id"] not in ids and c["text"] == wanted]
    assert added and text[added[0]["start"] : added[0]["end"]] == wanted
    assert ids[4] not in now and ids[6] not in now
    listing = run_cli("--db", url, "claims").out
    assert "hidden: 2 marked not a claim, 1 merged" in listing
    log = run_cli("--db", url, "log").out
    for action in ("claim_edit", "claim_split", "claim_merge", "claim_drop", "claim_add"):
        assert action in log

    for _ in range(6):
        assert run_cli("--db", url, "undo").out.startswith("undone:")
    assert [c["id"] for c in claims(url)] == ids
    assert run_cli("--db", url, "undo").out.strip() == "nothing to undo"


def test_queue_and_the_claims_assignee_column_with_flags_after_the_command(url: str) -> None:
    ids = [c["id"] for c in claims(url)]
    assert run_cli("--db", url, "assign", str(ids[0]), str(ids[1]), "--to", "bob").code == 0

    listing = run_cli("claims", "--db", url, "--analyst", "bob")
    queue = run_cli("--db", url, "queue", "--analyst", "bob")
    everyone = run_cli("queue", "--db", url)

    assert listing.code == 0, listing.err
    assert "assignee" in listing.out.splitlines()[0]
    assert [line.split()[2] for line in listing.out.splitlines()[1:3]] == ["bob", "bob"]
    assert queue.out.startswith("bob: 2 open, 0 done")
    assert f"{ids[1]:>5}" in queue.out
    assert "unassigned open claims: 5" in everyone.out


def test_two_analysts_disagree_and_an_editor_settles_it(url: str) -> None:
    first = claims(url)[0]["id"]
    assert run_cli("--db", url, "analyst", "add", "eve", "--role", "editor").code == 0
    ana = run_cli("--db", url, "--analyst", "ana", "verdict", str(first), "1", "--note", "no")
    ben = run_cli("--db", url, "--analyst", "ben", "verdict", str(first), "5", "--note", "yes")
    assert ana.code == ben.code == 0

    listed = run_cli("--db", url, "disagreements")
    data = json.loads(run_cli("--db", url, "disagreements", "--json").out)
    refused = run_cli("--db", url, "--analyst", "ana", "settle", str(first), "2")
    settled = run_cli("--db", url, "--analyst", "eve", "settle", str(first), "2", "--note", "x")

    assert "ana: False" in listed.out and "ben: True" in listed.out and "why: no" in listed.out
    assert [v["analyst"] for v in data[0]["verdicts"]] == ["ana", "ben"]
    assert refused.code == 1 and "not an editor" in refused.err
    assert settled.code == 0, settled.err
    assert "no disagreements" in run_cli("--db", url, "disagreements").out
    assert "settle" in run_cli("--db", url, "log").out


def test_show_lists_evidence_with_link_ids_and_label_uses_them(url: str) -> None:
    first = claims(url)[0]["id"]
    shown = json.loads(run_cli("--db", url, "show", str(first), "--json").out)
    link = shown["evidence"][0]["link_id"]

    labelled = run_cli("--db", url, "label", str(link), "contradicts", "--note", "off by half")
    text = run_cli("--db", url, "show", str(first))

    assert labelled.code == 0, labelled.err
    assert shown["text"].startswith("Mayor Ilse Brandt said") and shown["verdicts"] == []
    assert [e["score"] for e in shown["evidence"]] == sorted(
        (e["score"] for e in shown["evidence"]), reverse=True
    )
    assert f"link {link}" in text.out and "contradicts (tester" not in text.out
    assert "contradicts" in text.out and "note: off by half" in text.out
    assert run_cli("--db", url, "show", "999").code == 2


def test_match_prints_each_claims_passages_and_best_score(url: str, tmp_path: Path) -> None:
    evidence = tmp_path / "minutes.txt"
    evidence.write_text(
        "Council minutes. The council voted seven to two on the harbour plan.\n", "utf-8"
    )
    assert run_cli("--db", url, "evidence", "add", str(evidence), "--no-match").code == 0

    run = run_cli("--db", url, "match")

    lines = run.out.splitlines()
    assert run.code == 0 and lines[-1] == "matched 7 claims"
    assert all(" passages  best " in line for line in lines[:-1]) and len(lines) == 8


def test_confidence_takes_a_percentage_and_rating_numbers_are_the_tui_keys(url: str) -> None:
    first = claims(url)[0]["id"]
    run = run_cli("--db", url, "verdict", str(first), "6", "--confidence", "70%")
    assert run.code == 0, run.err
    verdict = claims(url)[0]["verdict"]
    assert (verdict["rating"], verdict["confidence"]) == ("Misleading", 0.7)
    bad = run_cli("--db", url, "verdict", str(first), "1", "--confidence", "170%")
    assert bad.code == 2 and "between 0 and 1" in bad.err
    assert run_cli("--db", url, "verdict", str(first), "1", "--confidence", "0.7").code == 0


def test_empty_results_say_so(tmp_path: Path) -> None:
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    assert run_cli("--db", empty, "article", "list").out.startswith("no articles yet")
    assert run_cli("--db", empty, "claims").out.strip() == "no claims"
    assert "no claims to match" in run_cli("--db", empty, "match").out


def test_a_database_in_a_missing_folder_is_refused_in_one_line(tmp_path: Path) -> None:
    run = run_cli("--db", f"sqlite:///{tmp_path / 'missing' / 'dir' / 'x.db'}", "claims")
    assert run.code == 2 and len(run.err.strip().splitlines()) == 1
    assert "does not exist" in run.err
    assert not (tmp_path / "missing").exists()


def test_an_unreachable_postgresql_is_a_failure_exit_1() -> None:
    run = run_cli("--db", "postgresql+psycopg://postgres@127.0.0.1:9/none", "claims")
    assert run.code == 1 and len(run.err.strip().splitlines()) == 1
    assert run.err.startswith("verify: cannot open database")


def test_a_folder_import_reports_the_files_it_skipped_and_why(url: str, tmp_path: Path) -> None:
    folder = tmp_path / "evidence"
    folder.mkdir()
    (folder / "minutes.txt").write_text("Council minutes. The vote was seven to two.\n", "utf-8")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8")
    (folder / ".draft.txt").write_text("private", "utf-8")

    run = run_cli("--db", url, "evidence", "add", str(folder), "--no-match")

    assert run.code == 0, run.err
    assert "skipped 2 files:" in run.out
    assert f'{folder / "photo.jpg"}: unsupported file type ".jpg"' in run.out
    assert f"{folder / '.draft.txt'}: hidden file" in run.out


def test_a_solo_analyst_exports_claimreview_after_approving_their_own_verdict(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        '[organisation]\nname = "Lantern"\nurl = "https://lantern.example"\n'
        'claim_url = "https://lantern.example/{article_slug}#claim-{id}"\n',
        "utf-8",
    )
    monkeypatch.setenv("VERIFY_CONFIG", str(config))
    ids = [c["id"] for c in claims(url)][:5]
    for claim_id in ids:
        assert run_cli("--db", url, "--analyst", "solo", "verdict", str(claim_id), "2").code == 0

    refused = run_cli("--db", url, "export", "--format", "claimreview")
    approved = run_cli("--db", url, "--analyst", "solo", "approve", str(ids[0]))
    exported = run_cli("--db", url, "export", "--format", "claimreview")

    assert refused.code == 1
    assert refused.err.strip() == (
        "verify: 0 of 5 verdicts approved; --include-unapproved to export them"
    )
    assert approved.code == 0, approved.err
    assert "self_approval" in run_cli("--db", url, "log").out
    [review] = json.loads(exported.out)
    assert (
        review["url"]
        == f"https://lantern.example/harbour-plan-divides-vallmark-s-council#claim-{ids[0]}"
    )
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "Ilse Brandt"}
