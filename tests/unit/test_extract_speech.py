"""Claims from speech: speakers resolved, hosts found, talk dropped, the learned score;
on transcripts written for these tests (tests/data/transcripts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from verify.extract import worthiness
from verify.extract.claims import ClaimCandidate
from verify.extract.hosts import SpokenTurn, find_hosts
from verify.extract.speech import extract_transcript_claims, is_talk
from verify.read import read_article

TRANSCRIPTS = Path(__file__).resolve().parents[1] / "data" / "transcripts"


def claims_of(name: str, hosts: tuple[str, ...] = ()) -> list[ClaimCandidate]:
    doc = read_article(TRANSCRIPTS / name)
    return extract_transcript_claims(doc.text, doc.turns, hosts)


def test_every_claim_carries_its_turns_speaker_with_surnames_resolved_to_full_names() -> None:
    claims = claims_of("harbour-debate.txt")
    by_start = {c.text.split()[0] + " " + c.text.split()[1]: c.speaker for c in claims}
    assert by_start["The storm"] == "Daniel Okafor"  # OKAFOR: introduced by the host
    assert by_start["It took"] == "Marta Vos"
    assert by_start["Unemployment in"] == "Daniel Okafor"
    assert {c.speaker for c in claims} <= {"Daniel Okafor", "Marta Vos", "Anna Berg"}


def test_a_label_stays_the_surname_when_two_people_share_it() -> None:
    text = (
        "HOST: Welcome. Tonight Hana Holm and her brother Erik Holm join us. Hana, how many?\n"
        "HOLM: The agency hired 40 inspectors in 2024.\n"
        "HOST: And the budget?\n"
        "HOLM: The budget rose by 3 per cent.\n"
    )
    from verify.read.transcript import find_turns

    claims = extract_transcript_claims(text, find_turns(text))
    assert {c.speaker for c in claims} == {"Holm"}


def test_the_hosts_questions_greetings_and_hand_overs_are_never_claims() -> None:
    claims = claims_of("harbour-debate.txt")
    texts = [c.text for c in claims]
    assert not any(t.endswith("?") for t in texts)
    assert not any(t.startswith(("Good evening", "Thank you both", "That's all")) for t in texts)
    assert not any("your response" in t for t in texts)


def test_a_hosts_factual_statement_is_kept_with_the_host_as_speaker() -> None:
    claims = claims_of("harbour-debate.txt")
    fund = [c for c in claims if c.text.startswith("The reserve fund held 12 million")]
    assert [c.speaker for c in fund] == ["Anna Berg"]


def test_talk_is_not_a_claim() -> None:
    texts = [c.text for c in claims_of("harbour-debate.txt")]
    for talk in ("That is not true.", "Let me finish.", "Look,", "Thank you, Anna."):
        assert talk not in texts
    assert "Thank you for having me." not in [c.text for c in claims_of("service-timestamps.txt")]


@pytest.mark.parametrize(
    ("sentence", "talk"),
    [
        ("Right.", True),
        ("Well, thank you for having me tonight, Anna.", True),
        ("It was not...", True),
        ("And we will...", True),
        ("I do not support amnesty for anyone...", False),
        ("And I have supported --", True),
        ("Everybody knows that?", True),
        ("(APPLAUSE)", True),
        ("Yes, I voted against the war in 2003.", False),
        ("Thank you, and we cut taxes by 20 percent.", False),
        ("Well, the economy is booming.", False),
    ],
)
def test_back_channel_greetings_fragments_and_questions_are_talk(sentence: str, talk: bool) -> None:
    assert is_talk(sentence) is talk


def test_pure_opinion_is_kept_only_as_opinion_with_a_low_score() -> None:
    claims = claims_of("harbour-debate.txt")
    opinions = [c for c in claims if c.kind == "opinion"]
    assert opinions and all(c.checkworthiness <= worthiness.OPINION_CAP for c in opinions)
    facts = [c for c in claims if c.kind == "statistic"]
    assert min(c.checkworthiness for c in facts) > max(c.checkworthiness for c in opinions)


def test_claims_carry_the_turns_timestamp_or_line() -> None:
    stamped = claims_of("service-timestamps.txt")
    assert [c.turn for c in stamped] == ["00:00:18", "00:00:31"]
    lined = claims_of("harbour-debate.txt")
    assert lined[0].turn == "line 9"


def test_claims_offsets_point_at_their_sentence() -> None:
    doc = read_article(TRANSCRIPTS / "harbour-debate.txt")
    for claim in extract_transcript_claims(doc.text, doc.turns):
        assert doc.text[claim.start : claim.end] == claim.sentence


def test_roles_q_and_a_the_questioner_is_a_host() -> None:
    claims = claims_of("interview-qa.txt")
    assert claims and {c.speaker for c in claims} == {"A"}
    assert any("80 million crowns" in c.text for c in claims)


def test_hosts_given_by_name_replace_the_ones_found() -> None:
    found = {c.speaker for c in claims_of("harbour-debate.txt")}
    assert "Marta Vos" in found
    given = {c.speaker for c in claims_of("harbour-debate.txt", ("Marta Vos",))}
    assert "Marta Vos" not in given  # her remarks are now a host's, none checkable enough


def test_the_host_is_the_one_who_asks_in_short_turns() -> None:
    turns = [
        SpokenTurn("KEMP", ["Senator Dahl, what is your plan?"]),
        SpokenTurn("DAHL", ["We will cut the deficit by half.", "It is 40 billion today."] * 3),
        SpokenTurn("KEMP", ["Governor Ives, your response?"]),
        SpokenTurn("IVES", ["The deficit was 30 billion when I came in.", "It grew."] * 3),
        SpokenTurn("KEMP", ["Thank you. Next question, on schools. Senator?"]),
    ]
    assert find_hosts(turns) == {"KEMP"}
    assert find_hosts(turns, ["Dahl"]) == {"DAHL"}
    assert find_hosts([SpokenTurn("MODERATOR", ["Hello."]), *turns[1:2]]) == {"MODERATOR"}


def test_the_model_ranks_a_checkable_figure_above_talk_and_opinion() -> None:
    figure = worthiness.checkworthiness(
        "Unemployment fell from 9 per cent to 6 per cent last year.", {"quantity"}
    )
    opinion = worthiness.checkworthiness(
        "I think it is a wonderful day for all of us.", {"opinion"}
    )
    assert figure > 0.5 > opinion


def test_the_shipped_model_is_small_and_read_with_plain_python() -> None:
    path = Path(worthiness.__file__).with_name(worthiness.MODEL_FILE)
    assert path.stat().st_size < 3 * 1024 * 1024
    worthiness.model.cache_clear()
    model = worthiness.model()
    assert len(model.weights) == 1 << worthiness.BITS
    assert any(w > 0 for w in model.weights) and any(w < 0 for w in model.weights)


def test_an_interviews_answers_are_the_interviewee_named_in_its_title() -> None:
    doc = read_article(TRANSCRIPTS / "interview-dotted.txt")
    claims = extract_transcript_claims(doc.text, doc.turns, title=doc.title)
    assert claims and {c.speaker for c in claims} == {"Ilse Brandt"}
    assert any("80 million crowns" in c.text for c in claims)
    assert not any(c.text.endswith("?") for c in claims)  # Q. asks: a host


def test_an_interviewee_given_by_name_answers() -> None:
    doc = read_article(TRANSCRIPTS / "interview-qa.txt")
    claims = extract_transcript_claims(doc.text, doc.turns, interviewee="Ilse Brandt")
    assert {c.speaker for c in claims} == {"Ilse Brandt"}


def test_the_guest_a_question_greets_by_surname_answers() -> None:
    text = (
        "Q: Ms Lind, thank you for joining us. How many ferries?\n"
        "A: The contract buys six ferries for 80 million crowns.\n"
        "Q: And when?\n"
        "A: The first arrives in March 2027, as Petra Lind promised in 2025.\n"
    )
    from verify.read.transcript import find_turns

    claims = extract_transcript_claims(text, find_turns(text))
    assert {c.speaker for c in claims} == {"Petra Lind"}


@pytest.mark.parametrize(
    ("intro", "name"),
    [
        ("In conversation with Jane Roe\nBy Anna Berg", "Jane Roe"),
        ("Jane Roe's first interview since the election", "Jane Roe"),
        ("Transcript: Jane Roe on the ferry contract\nInterviewed by Anna Berg", "Jane Roe"),
        ("Finance Minister Jane Roe spoke to Anna Berg in Kovar.", None),
    ],
)
def test_the_interviewee_is_found_in_the_introduction(intro: str, name: str | None) -> None:
    from verify.extract.speech import find_interviewee
    from verify.read.transcript import find_turns

    text = intro + "\nQ: How many ferries?\nA: Six ferries.\n"
    assert find_interviewee(text, find_turns(text)) == name


def test_shipped_weights_read_back_as_written_to_float16_precision() -> None:
    written = [0.0, 1.5, -0.25, 3.0e-3, -7.0]
    read = worthiness.decode_weights(worthiness.encode_weights(written))
    assert len(read) == 5
    assert list(read) == [read[i] for i in range(5)] == read[:]
    assert read[1] == 1.5 and read[-1] == -7.0 and read[2] == -0.25
    assert abs(read[3] - 3.0e-3) < 1e-5
    with pytest.raises(IndexError):
        read[5]
