"""Transcripts through the command line, as a user reads them in: our own transcripts,
and a real debate from ../shared/eval when it is there."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import jsonschema
import pytest

from tests.support.cli_run import run_cli

ROOT = Path(__file__).resolve().parents[2]
# benchmarks/debates.py reads the CheckThat! debates (a "benchmarks" package elsewhere on
# the path would shadow a plain import)
_spec = importlib.util.spec_from_file_location("debates", ROOT / "benchmarks" / "debates.py")
assert _spec is not None and _spec.loader is not None
debates = importlib.util.module_from_spec(_spec)
sys.modules["debates"] = debates
_spec.loader.exec_module(debates)

TRANSCRIPTS = Path(__file__).resolve().parents[1] / "data" / "transcripts"
SCHEMA = ROOT / "verify" / "report" / "verify-report.schema.json"


def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'verify.db'}"


def claims_json(db: str) -> list[dict]:
    run = run_cli("--db", db, "claims", "--json")
    assert run.code == 0, run.err
    return json.loads(run.out)


def test_a_transcript_is_recognised_and_its_claims_carry_speaker_turn_and_score(
    tmp_path: Path,
) -> None:
    db = db_url(tmp_path)
    run = run_cli("--db", db, "article", "add", str(TRANSCRIPTS / "harbour-debate.txt"))
    assert run.code == 0, run.err
    assert run.out.startswith("transcript 1: Kovar mayoral debate, transcript:")
    records = claims_json(db)
    assert records
    for record in records:
        assert record["speaker"] in {"Daniel Okafor", "Marta Vos", "Anna Berg"}
        assert record["turn"].startswith("line ")
        assert 0.0 <= record["checkworthiness"] <= 1.0


def test_export_json_gives_the_turn_and_follows_the_schema(tmp_path: Path) -> None:
    db = db_url(tmp_path)
    assert run_cli("--db", db, "article", "add", str(TRANSCRIPTS / "briefing.vtt")).code == 0
    run = run_cli("--db", db, "export", "--format", "json")
    assert run.code == 0, run.err
    document = json.loads(run.out)
    jsonschema.validate(document, json.loads(SCHEMA.read_text()))
    claims = document["articles"][0]["claims"]
    assert [(c["speaker"], c["turn"]) for c in claims] == [
        ("Tomas Brandt", "00:00:01"),
        ("Tomas Brandt", "00:01:24"),
    ]


def test_kind_article_reads_a_transcript_as_prose(tmp_path: Path) -> None:
    db = db_url(tmp_path)
    path = str(TRANSCRIPTS / "interview-qa.txt")
    run = run_cli("--db", db, "article", "add", path, "--kind", "article")
    assert run.code == 0, run.err
    assert run.out.startswith("article 1:")
    assert all(r["turn"] is None for r in claims_json(db))


def test_hosts_named_on_the_command_line_are_hosts(tmp_path: Path) -> None:
    db = db_url(tmp_path)
    path = str(TRANSCRIPTS / "harbour-debate.txt")
    run = run_cli("--db", db, "article", "add", path, "--hosts", "Anna Berg, Marta Vos")
    assert run.code == 0, run.err
    speakers = {r["speaker"] for r in claims_json(db)}
    assert "Daniel Okafor" in speakers and "Marta Vos" not in speakers


def test_a_bad_kind_is_refused_with_exit_code_2(tmp_path: Path) -> None:
    path = str(TRANSCRIPTS / "harbour-debate.txt")
    run = run_cli("--db", db_url(tmp_path), "article", "add", path, "--kind", "poem")
    assert run.code == 2


@pytest.mark.skipif(not debates.DATA.is_dir(), reason="../shared/eval is not here")
def test_a_real_debate_read_as_a_user_would_gives_speakers_and_no_hosts_claims(
    tmp_path: Path,
) -> None:
    lines = debates.read_debate(debates.DATA / "train" / "20161019_3pres.tsv")
    text, spans = debates.as_transcript(lines)
    path = tmp_path / "debate.txt"
    path.write_text(text, encoding="utf-8")
    db = db_url(tmp_path)
    run = run_cli("--db", db, "article", "add", str(path))
    assert run.code == 0, run.err
    assert run.out.startswith("transcript 1:")
    records = claims_json(db)
    spoken = [(spans[i], x) for i, x in enumerate(lines) if x.speaker != debates.STAGE]
    right = hosts = 0
    for record in records:
        middle = (record["start"] + record["end"]) // 2
        line = next(x for (a, b), x in spoken if a <= middle <= b)
        right += record["speaker"].split()[-1].upper() == line.speaker.split()[-1]
        hosts += line.speaker == "WALLACE"  # the moderator
    assert right >= 0.95 * len(records)
    assert hosts <= 0.05 * len(records)
    assert len(records) < 0.75 * len(spoken)  # talk and questions are not claims


def test_an_interviewee_given_on_the_command_line_answers_and_claims_show_turn_and_speaker(
    tmp_path: Path,
) -> None:
    db = db_url(tmp_path)
    path = str(TRANSCRIPTS / "interview-qa.txt")
    run = run_cli("--db", db, "article", "add", path, "--speaker", "Ilse Brandt")
    assert run.code == 0, run.err
    assert {r["speaker"] for r in claims_json(db)} == {"Ilse Brandt"}
    listing = run_cli("--db", db, "claims")
    assert listing.code == 0, listing.err
    assert "[line 4] Ilse Brandt: The contract is worth 80 million crowns" in listing.out


def test_an_interview_names_its_interviewee_in_its_title(tmp_path: Path) -> None:
    db = db_url(tmp_path)
    run = run_cli("--db", db, "article", "add", str(TRANSCRIPTS / "interview-dotted.txt"))
    assert run.code == 0, run.err
    assert run.out.startswith("transcript 1: Ferries for the islands")
    assert {r["speaker"] for r in claims_json(db)} == {"Ilse Brandt"}
