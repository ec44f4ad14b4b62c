"""Claim extraction end to end, on our own fictional news pages (tests/data/articles)."""

from __future__ import annotations

from pathlib import Path

import pytest

from verify.extract.claims import ClaimCandidate, extract_claims, score

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"

# For each article: every check-worthy sentence (by its opening words), its speaker, its kind,
# and how many summary lines (standfirst, bullets) or repeats are merged into it. In order.
EXPECTED: dict[str, list[tuple[str, str | None, str, int]]] = {
    "harbour-reopening.txt": [
        ("The government says no vessels", "the government", "statement", 0),
        (
            "The harbour at Kovar will reopen",
            "the speaker of Ruritania's parliament",
            "statement",
            2,
        ),
        ("The closure was a necessary safety", "Daniel Okafor", "statement", 0),
        ('"The breakwater has been rebuilt', "Daniel Okafor", "quote", 0),
        ("Mr. Okafor did not say", None, "statement", 0),
        ("The Harbour Watch group says", "Harbour Watch", "statistic", 1),
        ("The group says most of the stranded", "Harbour Watch", "statement", 0),
        ("Despite complaints from fishing crews", "Ruritania's government", "statement", 0),
        ("Fuel prices in the port rose", "National Statistics Office", "statistic", 0),
        ("Ruritania's Foreign Minister Petra Lind", "Petra Lind", "statement", 0),
        ("She said if confirmed", "Petra Lind", "quote", 0),
        ('"We never asked for special treatment,"', "Tomas Brandt", "quote", 0),
    ],
    "council-budget.txt": [
        ("Councillors will meet residents", None, "statement", 0),
        ("The Kovar city council has approved", None, "statistic", 1),
        ("The mayor, Anna Berg, said", "Anna Berg", "statement", 0),
        ('"This budget protects every school', "Anna Berg", "quote", 1),
        ("Marta Vos, the council's treasurer", "Marta Vos", "statistic", 0),
        ("The opposition Green Harbour Party says", "Green Harbour Party", "statistic", 1),
        ("The party says two branch libraries", "Green Harbour Party", "statistic", 0),
        (
            "A spokesperson for the city's library",
            "a spokesperson for the city's library service",
            "statement",
            0,
        ),
        ("Residents packed the public gallery", None, "statement", 0),
        ("The budget now goes to the regional auditor", None, "statement", 0),
        ("The decision was unanimous", "Anna Berg", "statement", 0),
    ],
    "valdoria-referendum.txt": [
        ("Voters in Valdoria have backed", None, "statistic", 0),
        ("Turnout was 3.5 per cent lower", "the commission", "statistic", 0),
        ("The commission's chair, Dr. Ines Marlow", "Ines Marlow", "quote", 0),
        ("Opposition leader Piotr Sandak said", "Piotr Sandak", "statement", 0),
        ("He added that his party", "Piotr Sandak", "statistic", 0),
        ("The commission denies any wrongdoing", "the commission", "statement", 0),
        ("Valdoria has held four referendums", None, "statistic", 0),
        ('"We were not consulted', "Piotr Sandak", "quote", 0),
        ('"That is a fact, not an opinion."', "Piotr Sandak", "quote", 0),
        ("Dr Marlow said the lists", "Ines Marlow", "statement", 0),
        ("It is a proud day for our democracy", "Ines Marlow", "statement", 0),
    ],
}

FURNITURE = {
    "harbour-reopening.txt": [
        "Ruritania to reopen Kovar harbour after three-week closure",
        "2 hours agoMon 4 May 2026 at 9:15am",
        "Daniel Okafor announced the reopening at a press conference",
        "In short:",
        "Northwire/CPA",
        "Related stories:",
        "Fishing crews protest slow repairs in Kovar",
        "Valdoria and Ruritania sign new fishing pact",
        "Topics: Ruritania, fishing, ports",
    ],
    "council-budget.txt": [
        "Kovar council approves budget despite protest",
        "By Jane Doe",
        "Jane Doe, Chief Reporter",
        "Updated 18 minutes ago",
        "Key points:",
        "Photo: Councillors vote",
        "Share this article",
        "What happens next?",
        "Read more:",
        "Kovar libraries face uncertain future",
    ],
    "valdoria-referendum.txt": [
        "Valdoria votes to keep its electoral commission",
        "Published 12 March 2026",
        "Image source, Northwire",
        "Image caption, Voters queue",
        "Critics said the vote was rushed",
        "Why does it matter?",
        "Reporting by Ilse Brandt",
        "Few voters will miss such a long campaign",
    ],
}


def _article(name: str) -> str:
    return (ARTICLES / name).read_text(encoding="utf-8")


def _claims(name: str) -> list[ClaimCandidate]:
    return extract_claims(_article(name))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_check_worthy_sentence_is_a_claim_and_nothing_else(name: str) -> None:
    claims = _claims(name)
    openings = [opening for opening, *_ in EXPECTED[name]]
    assert len(claims) == len(openings), [c.text for c in claims]
    for claim, opening in zip(claims, openings, strict=True):
        assert claim.text.startswith(opening)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_page_furniture_is_never_a_claim(name: str) -> None:
    text = _article(name)
    claims = _claims(name)
    for line in FURNITURE[name]:
        where = text.index(line)
        assert not any(c.start <= where < c.end for c in claims), line
        assert not any(line in c.text or line in " ".join(c.merged) for c in claims), line


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_claim_has_its_speaker(name: str) -> None:
    claims = _claims(name)
    assert [(c.text[:40], c.speaker) for c in claims] == [
        (c.text[:40], speaker) for c, (_, speaker, _, _) in zip(claims, EXPECTED[name], strict=True)
    ]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_claim_has_its_kind(name: str) -> None:
    claims = _claims(name)
    assert [(c.text[:40], c.kind) for c in claims] == [
        (c.text[:40], kind) for c, (_, _, kind, _) in zip(claims, EXPECTED[name], strict=True)
    ]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_summary_lines_are_merged_into_the_body_claim_they_restate(name: str) -> None:
    claims = _claims(name)
    assert [(c.text[:40], len(c.merged)) for c in claims] == [
        (c.text[:40], merged) for c, (*_, merged) in zip(claims, EXPECTED[name], strict=True)
    ]
    texts = [c.text for c in claims]
    assert len(set(texts)) == len(texts)


def test_the_merged_texts_are_the_standfirst_and_bullet_that_restate_the_claim() -> None:
    claim = next(c for c in _claims("harbour-reopening.txt") if c.text.startswith("The harbour at"))
    assert claim.merged == (
        "The speaker of Ruritania's parliament says the harbour at Kovar will reopen to fishing "
        "boats on Monday.",
        "Kovar harbour will reopen to fishing boats on Monday, the speaker of Ruritania's "
        "parliament says.",
    )


PARAPHRASED = """Lunesia to pardon jailed protesters
The head of Lunesia's assembly says all protesters jailed since last year's vote will be pardoned.
Posted 3h ago3 hours agoFri 13 Mar 2026 at 6:05am
Key points:
Protesters jailed after last year's election will be pardoned this month, the assembly head says.
Oren Vask called the amnesty "a hand held out to every family", but gave no figures.
Rights groups say at least 300 people remain behind bars for political reasons.
All protesters imprisoned since the disputed election last year will receive pardons before \
the end of March, the president of Lunesia's National Assembly said on Thursday.
"This is a hand held out to every family that has waited for a child to come home," \
Mr Vask said.
The human rights group Veyra Watch says 312 people are being held for political reasons.
Oren Vask is the president of Lunesia's National Assembly.
"""


def test_paraphrased_summary_lines_are_merged_into_the_body_sentence_they_restate() -> None:
    claims = extract_claims(PARAPHRASED)
    merged = {c.text[:30]: len(c.merged) for c in claims}
    assert merged == {
        "All protesters imprisoned sinc": 2,
        '"This is a hand held out to ev': 1,
        "The human rights group Veyra W": 1,
        "Oren Vask is the president of ": 0,
    }
    assert claims[1].speaker == "Oren Vask"


def test_a_bullet_without_a_body_counterpart_stays_a_claim() -> None:
    texts = [c.text for c in _claims("council-budget.txt")]
    assert "Councillors will meet residents in every district next month." in texts


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_offsets_point_at_the_sentence_in_the_article(name: str) -> None:
    text = _article(name)
    for claim in _claims(name):
        assert text[claim.start : claim.end] == claim.sentence
        assert claim.text == " ".join(claim.sentence.split())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_claims_come_back_in_article_order(name: str) -> None:
    starts = [c.start for c in _claims(name)]
    assert starts == sorted(starts)


def test_a_dateline_before_the_first_paragraph_is_not_part_of_the_claim() -> None:
    claim = next(c for c in _claims("council-budget.txt") if "48 million" in c.text)
    assert claim.sentence.startswith("The Kovar city council has approved")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_scores_are_between_zero_and_one_and_explained(name: str) -> None:
    for claim in _claims(name):
        assert 0.0 <= claim.checkworthiness <= 1.0
        assert all(isinstance(v, float) for v in claim.features.values())


def test_numbers_negation_and_a_named_body_score_higher_than_a_vague_sentence() -> None:
    strong, strong_features = score(
        "The Harbour Watch group says there are no fewer than 412 boats stuck in port.",
        "Harbour Watch",
        True,
        0,
    )
    vague, _ = score("Things have changed a lot around here lately.", None, False, 0)
    assert strong > vague
    assert {"quantity", "absolute_or_negation", "named_entity", "attribution"} <= set(
        strong_features
    )


def test_the_outlets_own_opinion_is_not_a_claim() -> None:
    text = (
        "The harbour reopened on Monday after 21 days of repairs.\n"
        "It is a great day for our town.\n"
        "It is a day of cautious hope for crews who have waited far too long.\n"
        "Few people in Kovar will take such promises on trust.\n"
    )
    assert [c.text for c in extract_claims(text)] == [
        "The harbour reopened on Monday after 21 days of repairs."
    ]


def test_an_attributed_opinion_is_kept_with_a_low_score_and_marked() -> None:
    text = (
        "The harbour reopened on Monday after 21 days of repairs.\n"
        '"It is a wonderful day for everyone here," said Mayor Anna Berg.\n'
    )
    claims = extract_claims(text)
    assert [(c.speaker, c.kind) for c in claims] == [(None, "statistic"), ("Anna Berg", "quote")]
    assert "opinion" in claims[1].features
    assert claims[1].checkworthiness < claims[0].checkworthiness


def test_valdoria_opinion_lines_are_scored_low_or_dropped() -> None:
    claims = _claims("valdoria-referendum.txt")
    proud = next(c for c in claims if c.text.startswith("It is a proud day"))
    assert "opinion" in proud.features
    assert proud.checkworthiness < 0.3
    assert not any("trust its promises" in c.text for c in claims)


def test_an_opinion_word_in_a_name_is_not_an_opinion() -> None:
    text = "Great Britain sent 40 observers.\nA great deal of damage was done to the quay.\n"
    claims = extract_claims(text)
    assert len(claims) == 2
    assert not any("opinion" in c.features for c in claims)


def test_questions_are_not_claims() -> None:
    text = "Will the harbour reopen on Monday?\nThe harbour reopens on Monday, officials said.\n"
    assert [c.text for c in extract_claims(text)] == [
        "The harbour reopens on Monday, officials said."
    ]


def test_a_title_given_on_import_is_not_a_claim() -> None:
    text = "Kovar harbour reopens on Monday.\nThe harbour reopened after 21 days of repairs.\n"
    claims = extract_claims(text, title="Kovar harbour reopens on Monday.")
    assert [c.text for c in claims] == ["The harbour reopened after 21 days of repairs."]


def test_a_pull_quote_repeating_a_sentence_is_not_a_second_claim() -> None:
    claims = _claims("council-budget.txt")
    repeated = [c for c in claims if "protects every school" in c.text]
    assert len(repeated) == 1
    assert repeated[0].merged == ('"This budget protects every school in the city."',)


def test_a_first_paragraph_that_restates_a_later_one_is_merged_into_it() -> None:
    text = (
        "Kovar harbour reopens\n"
        "The harbour at Kovar will reopen on Monday, the port authority says.\n"
        "The harbour at Kovar will reopen to fishing boats on Monday after three weeks of "
        "repairs, the port authority says.\n"
    )
    claims = extract_claims(text)
    assert len(claims) == 1
    assert claims[0].merged == (
        "The harbour at Kovar will reopen on Monday, the port authority says.",
    )


def test_a_first_paragraph_with_its_own_facts_stays_a_claim() -> None:
    text = (
        "Kovar harbour reopens\n"
        "The Kovar council approved a 48 million crown budget by seven votes to two on Tuesday.\n"
        "The budget, approved by seven votes to two, cuts library funding by a fifth.\n"
    )
    assert len(extract_claims(text)) == 2


def test_lines_that_talk_to_the_reader_are_not_claims() -> None:
    text = (
        "The harbour reopened on Monday after 21 days of repairs.\n"
        "Sign up to our newsletter for the latest news from Kovar.\n"
        "Editor's note: This story has been updated to correct the date.\n"
        "www.example.org/news/kovar-harbour-reopens\n"
    )
    assert [c.text for c in extract_claims(text)] == [
        "The harbour reopened on Monday after 21 days of repairs."
    ]


def test_an_empty_article_has_no_claims() -> None:
    assert extract_claims("") == []
    assert extract_claims("Kovar harbour reopens\nUpdated 2 hours ago\n") == []


def test_a_time_span_alone_does_not_make_a_statistic() -> None:
    text = (
        "Detainees in large numbers will walk free over the next 24 hours, the speaker of "
        "Ruritania's parliament, Anna Vell, said on Monday.\n"
        "The monitor Harbour Watch says 412 detainees are held in Ruritania.\n"
    )
    kinds = [c.kind for c in extract_claims(text)]
    assert kinds == ["statement", "statistic"]
