"""Publishers' reliability: rated with `verify source rate`, listed with `verify source
list`, shown beside their passages and in the reports, audited; matching uses it only to
break near-ties. Every publisher and sentence is invented."""

from __future__ import annotations

import json
from pathlib import Path

from db.session import Database
from tests.support.cli_run import run_cli
from verify.evidence.ingest import import_paths
from verify.evidence.search import search_evidence
from verify.match.reliability import NEAR_TIE, break_near_ties

CLAIM = "The Tarn river bridge at Kessel carries nine thousand lorries a day."


def two_sources(folder: Path) -> list[Path]:
    """Two sources saying the same thing in the same words: a tie for any query."""
    body = "The Tarn river bridge at Kessel carries nine thousand lorries a day, the count found."
    blog = folder / "blog.txt"
    blog.write_text(f"title: Bridge notes\npublisher: Kessel Blog (fictional)\n---\n{body}\n")
    office = folder / "office.txt"
    office.write_text(
        f"title: Bridge notes\npublisher: Veloria Bridges Office (fictional)\n---\n{body}\n"
    )
    return [blog, office]


def test_a_rating_is_set_listed_and_audited(db: Database, tmp_path: Path) -> None:
    import_paths(db, two_sources(tmp_path))
    run = run_cli(
        "--db",
        db.url,
        "--analyst",
        "ana",
        "source",
        "rate",
        "Veloria Bridges Office (fictional)",
        "official",
        "--note",
        "the roads authority",
    )
    assert run.code == 0, run.err
    assert "Veloria Bridges Office (fictional): official (1 sources)" in run.out
    listed = run_cli("--db", db.url, "source", "list").out.splitlines()
    assert listed == [
        "-\t1 sources\tKessel Blog (fictional)",
        "official\t1 sources\tVeloria Bridges Office (fictional)\tthe roads authority",
    ]
    log = run_cli("--db", db.url, "log").out
    assert "rate" in log and "ana" in log
    bad = run_cli("--db", db.url, "source", "rate", "Kessel Blog (fictional)", "gossip")
    assert bad.code == 2 and len(bad.err.splitlines()) == 1


def test_a_near_tie_goes_to_the_better_rated_publisher_and_nothing_is_hidden(
    db: Database, tmp_path: Path
) -> None:
    import_paths(db, two_sources(tmp_path))
    for publisher, level in (
        ("Kessel Blog (fictional)", "primary"),
        ("Veloria Bridges Office (fictional)", "unverified"),
    ):
        assert run_cli("--db", db.url, "source", "rate", publisher, level).code == 0
    first = search_evidence(db, CLAIM, top_k=5)
    assert [r.source.publisher for r in first][:1] == ["Kessel Blog (fictional)"]
    assert first[0].source.reliability == "primary"
    for publisher, level in (
        ("Kessel Blog (fictional)", "unverified"),
        ("Veloria Bridges Office (fictional)", "primary"),
    ):
        assert run_cli("--db", db.url, "source", "rate", publisher, level).code == 0
    second = search_evidence(db, CLAIM, top_k=5)
    assert [r.source.publisher for r in second][:1] == ["Veloria Bridges Office (fictional)"]
    assert {r.passage_id for r in first} == {r.passage_id for r in second}


def test_a_rating_never_lifts_a_passage_over_one_clearly_better() -> None:
    items = [("a", 80.0, "unverified"), ("b", 80.0 - 2 * NEAR_TIE, "primary")]
    assert break_near_ties(items, lambda i: i[1], lambda i: i[2]) == items
    close = [("a", 80.0, "press"), ("b", 80.0 - NEAR_TIE / 2, "official")]
    assert [i[0] for i in break_near_ties(close, lambda i: i[1], lambda i: i[2])] == ["b", "a"]


def test_the_rating_shows_beside_cited_evidence_in_the_reports(
    db: Database, tmp_path: Path
) -> None:
    import_paths(db, two_sources(tmp_path)[1:])
    article = tmp_path / "kessel.txt"
    article.write_text(
        "Kessel bridge under strain\n\nThe minister of transport, Ilse Varga, said on Monday "
        "that the Tarn river bridge at Kessel carries nine thousand lorries a day.\n",
        encoding="utf-8",
    )
    assert run_cli("--db", db.url, "article", "add", str(article)).code == 0
    run_cli("--db", db.url, "source", "rate", "Veloria Bridges Office (fictional)", "monitor")
    markdown = run_cli("--db", db.url, "export", "--format", "md").out
    assert "Veloria Bridges Office (fictional) (independent monitor)" in markdown
    html = run_cli("--db", db.url, "export", "--format", "html").out
    assert '<span class="reliability">(independent monitor)</span>' in html
    data = json.loads(run_cli("--db", db.url, "export", "--format", "json").out)
    assert data["articles"][0]["claims"][0]["evidence"][0]["source"]["reliability"] == "monitor"
