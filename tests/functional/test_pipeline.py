"""The pipeline end to end on the bundled demo: import, extract, match, list, verdict."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from db import articles as article_db
from db import claims as claim_db
from db import links as link_db
from db.models import Claim
from db.schema import SCHEMA_VERSION
from db.session import Database, open_database
from tests.support.cli_run import run_cli
from tests.support.databases import postgres_url
from verify.demo import load_demo

DATA = Path(__file__).resolve().parents[1] / "data"

EXPECTED = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "demo_expected.json").read_text()
)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    """The demo loaded once per database kind; tests here only read it."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
        urls: Iterator[str] = iter([url])
    else:
        urls = postgres_url("demo")
        url = next(urls)
    database = open_database(url)
    load_demo(database)
    yield database
    database.dispose()
    for _ in urls:
        pass


def demo_claims(db: Database) -> list[Claim]:
    with db.read() as session:
        return claim_db.claims(session)


def claim_containing(claims: list[Claim], text: str) -> Claim:
    found = [c for c in claims if text in c.text or text in c.sentence]
    assert len(found) == 1, f"expected one claim containing {text!r}, found {len(found)}"
    return found[0]


def evidence_texts(db: Database, claim: Claim) -> list[str]:
    with db.read() as session:
        return [passage.text for _link, passage, _source in link_db.evidence(session, claim.id)]


def test_every_expected_claim_is_found_with_its_speaker_and_kind(demo: Database) -> None:
    claims = demo_claims(demo)
    for expected in EXPECTED["claims"]:
        claim = claim_containing(claims, expected["claim_contains"])
        assert claim.speaker == expected["speaker"], claim.text
        assert claim.kind == expected["kind"], claim.text


def test_page_furniture_and_opinion_never_become_claims(demo: Database) -> None:
    claims = demo_claims(demo)
    for text in EXPECTED["furniture"] + EXPECTED["opinions"]:
        assert not [c for c in claims if text in c.text], text


def test_summary_bullets_are_merged_into_the_body_claim(demo: Database) -> None:
    claims = demo_claims(demo)
    for pair in EXPECTED["summary_duplicates"]:
        assert not [c for c in claims if pair["bullet_contains"] in c.text]
        body = claim_containing(claims, pair["body_contains"])
        assert any(pair["bullet_contains"] in merged for merged in body.merged)


def test_known_evidence_is_among_each_claims_top_three(demo: Database) -> None:
    claims = demo_claims(demo)
    for expected in EXPECTED["claims"]:
        known = expected["supports"] + expected["contradicts"]
        if not known:
            continue
        top3 = evidence_texts(demo, claim_containing(claims, expected["claim_contains"]))[:3]
        assert any(k in passage for k in known for passage in top3), (
            expected["claim_contains"],
            top3,
        )


def test_a_same_words_other_subject_distractor_never_outranks_the_known_evidence(
    demo: Database,
) -> None:
    claims = demo_claims(demo)
    for expected in EXPECTED["claims"]:
        known = expected["supports"] + expected["contradicts"]
        if not known or not expected["distractors"]:
            continue
        ranked = evidence_texts(demo, claim_containing(claims, expected["claim_contains"]))
        best_known = min(i for i, p in enumerate(ranked) if any(k in p for k in known))
        for i, passage in enumerate(ranked):
            if any(d in passage for d in expected["distractors"]):
                assert i > best_known, (expected["claim_contains"], passage)


def test_nothing_from_an_html_pages_chrome_reaches_a_passage(demo: Database) -> None:
    with demo.read() as session:
        from sqlmodel import select

        from db.models import Passage

        texts = list(session.scalars(select(Passage.text)))
    for chrome in EXPECTED["html_chrome"]:
        assert not [t for t in texts if chrome in t], chrome


def test_loading_the_demo_again_changes_nothing(demo: Database) -> None:
    before = len(demo_claims(demo))
    summary = load_demo(demo)
    assert summary.sources_added == 0
    assert len(demo_claims(demo)) == before


def test_claims_json_follows_the_contract(demo: Database) -> None:
    run = run_cli("--db", demo.url, "claims", "--json")
    assert run.code == 0, run.err
    records = json.loads(run.out)
    assert records
    for record in records:
        assert set(record) >= {
            "id",
            "text",
            "speaker",
            "sentence",
            "start",
            "end",
            "kind",
            "checkworthiness",
            "status",
            "verdict",
        }
        assert 0.0 <= record["checkworthiness"] <= 1.0
        assert record["kind"] in ("quote", "statistic", "statement")


def test_a_claims_offsets_point_at_its_sentence_in_the_article(demo: Database) -> None:
    with demo.read() as session:
        article = article_db.articles(session)[0]
        for claim in claim_db.claims(session, article_id=article.id):
            assert article.text[claim.start : claim.end] in claim.sentence
            assert claim.text in " ".join(article.text[claim.start : claim.end].split())


def test_demo_without_tui_prints_each_claim_with_its_best_evidence(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'd.db'}"
    run = run_cli("--db", url, "demo", "--no-tui")
    assert run.code == 0, run.err
    assert "best evidence" in run.out
    assert "Open Cells Marenvia" in run.out
    assert run.out.count("\n[") >= 8


def test_a_verdict_is_recorded_with_analyst_and_time(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'v.db'}"
    assert run_cli("--db", url, "demo", "--no-tui").code == 0
    claim_id = json.loads(run_cli("--db", url, "claims", "--json").out)[0]["id"]
    run = run_cli(
        "--db",
        url,
        "--analyst",
        "ana",
        "verdict",
        str(claim_id),
        "mostly false",
        "--note",
        "Court records list detainees.",
        "--confidence",
        "0.8",
    )
    assert run.code == 0, run.err
    record = next(
        r for r in json.loads(run_cli("--db", url, "claims", "--json").out) if r["id"] == claim_id
    )
    assert record["verdict"]["rating"] == "Mostly false"
    assert record["verdict"]["rating_value"] == 2
    assert record["verdict"]["analyst"] == "ana"
    assert record["verdict"]["at"].endswith("Z")
    assert record["status"] == "reviewed"


def test_the_analyst_defaults_to_the_environment_then_the_login(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    assert run_cli("--db", url, "demo", "--no-tui").code == 0
    monkeypatch.setenv("VERIFY_ANALYST", "bo")
    claim_id = json.loads(run_cli("--db", url, "claims", "--json").out)[0]["id"]
    assert run_cli("--db", url, "verdict", str(claim_id), "1").code == 0
    record = json.loads(run_cli("--db", url, "claims", "--json").out)[0]
    assert record["verdict"]["analyst"] == "bo"
    assert record["verdict"]["rating"] == "False"


def test_an_unknown_rating_is_bad_usage_that_lists_the_scale(demo: Database) -> None:
    run = run_cli("--db", demo.url, "verdict", "1", "Pants on fire")
    assert run.code == 2
    assert "Mostly false" in run.err and len(run.err.strip().splitlines()) == 1


def test_every_command_accepts_the_database_from_the_environment(
    demo: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VERIFY_DB", demo.url)
    run = run_cli("article", "list")
    assert run.code == 0
    assert "Marenvia" in run.out


def test_rematching_after_new_evidence_keeps_every_analysts_label(tmp_path: Path) -> None:
    from verify.services.review import label_evidence

    url = f"sqlite:///{tmp_path / 'm.db'}"
    database = open_database(url)
    load_demo(database)
    with database.read() as session:
        claim = claim_db.claims(session)[0]
        labelled = [link for link, _, _ in link_db.evidence(session, claim.id)]
    for link, stance in zip(labelled[:3], ["supports", "contradicts", "irrelevant"], strict=True):
        label_evidence(database, link.id, stance, "ana")
    extra = tmp_path / "more.jsonl"
    extra.write_text(
        json.dumps(
            {
                "id": "X-1",
                "title": "More on the release",
                "text": claim.text + " Officials repeated this on Friday.",
            }
        )
        + "\n"
    )
    assert run_cli("--db", url, "evidence", "add", str(extra)).code == 0
    with database.read() as session:
        after = {link.passage_id: link.stance for link, _, _ in link_db.evidence(session, claim.id)}
        texts = [p.text for _, p, _ in link_db.evidence(session, claim.id)]
    for link, stance in zip(labelled[:3], ["supports", "contradicts", "irrelevant"], strict=True):
        assert after[link.passage_id] == stance
    assert any("Officials repeated this on Friday" in t for t in texts[:3])
    database.dispose()


def test_the_demos_own_database_from_an_older_verify_is_upgraded_and_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("VERIFY_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.delenv("VERIFY_DB", raising=False)
    own = tmp_path / "data" / "verify" / "demo.db"
    own.parent.mkdir(parents=True)
    shutil.copy(DATA / "schema-v1.sqlite", own)

    run = run_cli("demo", "--no-tui")

    assert run.code == 0, run.err
    assert f"schema version 1 -> {SCHEMA_VERSION}" in run.out
    assert "best evidence" in run.out


def test_a_database_the_user_names_for_the_demo_is_never_upgraded_behind_their_back(
    tmp_path: Path,
) -> None:
    path = tmp_path / "mine.db"
    shutil.copy(DATA / "schema-v1.sqlite", path)

    run = run_cli("--db", f"sqlite:///{path}", "demo", "--no-tui")

    assert run.code == 2 and "verify db upgrade" in run.err
