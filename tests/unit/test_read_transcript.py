"""Transcripts read as speech: turns, speakers' labels, timestamps, captions, stage
directions; on transcripts written for these tests (tests/data/transcripts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from verify.errors import InputError
from verify.read import read_article
from verify.read.transcript import (
    captions_to_text,
    find_turns,
    is_direction,
    label_at,
    looks_like_transcript,
)

TRANSCRIPTS = Path(__file__).resolve().parents[1] / "data" / "transcripts"
ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"


def said(doc_text: str, turn_spans: tuple[tuple[int, int], ...]) -> str:
    return " ".join(doc_text[a:b] for a, b in turn_spans)


@pytest.mark.parametrize(
    ("line", "name", "timestamp"),
    [
        ("HOLT: Good evening.", "HOLT", None),
        ("LESLEY STAHL: Mr. President, thank you.", "LESLEY STAHL", None),
        ("O'MALLEY: We did it in Maryland.", "O'MALLEY", None),
        ("MR. SCHWAB: Welcome.", "MR. SCHWAB", None),
        ("MODERATOR: Next question.", "MODERATOR", None),
        ("Q: How many?", "Q", None),
        ("A: Six.", "A", None),
        ("Q. How many?", "Q", None),
        ("A. Six.", "A", None),
        ("Interviewer: Welcome back.", "Interviewer", None),
        ("Lester Holt: Good evening.", "Lester Holt", None),
        ("Petra Lind (00:01:23): Thank you.", "Petra Lind", "00:01:23"),
        (">> ANNA BERG: Hello.", "ANNA BERG", None),
    ],
)
def test_a_speaker_label_opens_a_turn(line: str, name: str, timestamp: str | None) -> None:
    match = label_at(line)
    assert match is not None
    assert match.group("name") == name
    assert (find_turns(line)[0].timestamp) == timestamp


@pytest.mark.parametrize(
    "line",
    [
        "Topics: Ruritania, fishing, ports",
        "Photo: the harbour at dawn",
        "Note: this story has been updated.",
        "I: do not count as a speaker",
        "The minister said: we will reopen the harbour.",
        "A.Smith wrote the report.",
        "B. Six.",
    ],
)
def test_furniture_and_prose_with_a_colon_are_not_speaker_labels(line: str) -> None:
    assert label_at(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "(APPLAUSE)",
        "[CROSSTALK]",
        "(BEGIN VIDEO CLIP)",
        "[inaudible 00:03:10]",
        "(LAUGHTER) (APPLAUSE)",
    ],
)
def test_stage_directions_on_their_own_line_are_recognised(line: str) -> None:
    assert is_direction(line)
    assert find_turns(line)[0].direction


def test_a_plain_transcript_is_read_as_turns_with_lines_and_directions() -> None:
    doc = read_article(TRANSCRIPTS / "harbour-debate.txt")
    assert doc.kind == "transcript"
    speakers = [t.speaker for t in doc.turns if not t.direction]
    assert speakers[:4] == ["ANNA BERG", "BERG", "OKAFOR", "VOS"]
    directions = [doc.text[t.start : t.end] for t in doc.turns if t.direction]
    assert directions == ["(APPLAUSE)", "[CROSSTALK]", "(LAUGHTER)"]
    okafor = next(t for t in doc.turns if t.speaker == "OKAFOR")
    assert okafor.line == 9  # the line in the file, blank lines counted
    # a line without a label goes on with the turn above it
    assert said(doc.text, okafor.spans).endswith("has not closed once in ten years.")
    assert len(okafor.spans) == 2


def test_timestamped_turns_keep_their_timestamps() -> None:
    doc = read_article(TRANSCRIPTS / "service-timestamps.txt")
    stamps = [(t.speaker, t.timestamp) for t in doc.turns if not t.direction]
    assert stamps[:3] == [
        ("Interviewer", "00:00:02"),
        ("Petra Lind", "00:00:09"),
        ("Interviewer", "00:00:12"),
    ]
    assert any(t.direction for t in doc.turns)  # [inaudible 00:00:25]


@pytest.mark.parametrize("name", ["briefing.vtt", "briefing.srt"])
def test_captions_become_turns_with_voices_and_cue_times(name: str) -> None:
    doc = read_article(TRANSCRIPTS / name)
    assert doc.kind == "transcript"
    turns = [t for t in doc.turns if not t.direction]
    assert [t.speaker.lower() for t in turns if t.speaker] == [
        "tomas brandt",
        "reporter",
        "tomas brandt",
    ]
    assert [t.timestamp for t in turns] == ["00:00:01", "00:01:20", "00:01:24"]
    first = said(doc.text, turns[0].spans)
    # cues without a voice continue the turn; markup and cue numbers are gone
    assert "1,250 new applications in January, a rise of 15 per cent" in first
    assert "<v" not in doc.text and "-->" not in doc.text


def test_webvtt_markup_and_entities_are_removed() -> None:
    text = captions_to_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n"
        "<v.loud Ana Holm><i>Fish &amp; chips</i> cost 4 crowns.\n"
    )
    assert text == "Ana Holm (00:00:01): Fish & chips cost 4 crowns."


def test_an_article_is_not_taken_for_a_transcript() -> None:
    for path in sorted(ARTICLES.glob("*.txt")):
        assert read_article(path).kind == "article", path.name
        assert not looks_like_transcript(path.read_text())


def test_kind_overrides_the_shape(tmp_path: Path) -> None:
    path = tmp_path / "speech.txt"
    path.write_text(
        "Premier Holm: The budget grows by 4 per cent.\nIt is the largest since 2010.\n"
    )
    assert read_article(path, "transcript").turns
    assert read_article(path, "article").kind == "article"


def test_a_transcript_without_any_speaker_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "nobody.txt"
    path.write_text("The harbour reopened on Monday.\nIt had been closed for 21 days.\n")
    with pytest.raises(InputError, match=r"nobody\.txt:1: no speaker turns"):
        read_article(path, "transcript")


def test_captions_without_timings_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.srt"
    path.write_text("1\nHello there.\n")
    with pytest.raises(InputError, match=r"broken\.srt:1: no caption timings"):
        read_article(path)


def test_a_line_opening_with_an_initial_does_not_make_an_article_a_transcript() -> None:
    assert not looks_like_transcript(
        "A. Kovacs opened the harbour on Monday.\nBoats returned after three weeks.\n"
    )
