"""Attribution: who asserted each sentence, read in article order."""

from __future__ import annotations

import pytest

from verify.extract.speakers import attribute, quote_spans


def _speakers(*sentences: str) -> list[str | None]:
    return [a.speaker for a in attribute(list(sentences), " ".join(sentences))]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("The Harbour Watch group says there are 412 boats in port.", "Harbour Watch"),
        ("Ruritania's Foreign Minister Petra Lind said that talks would resume.", "Petra Lind"),
        (
            "Despite protests, Ruritania's government maintains it does not keep prisoners.",
            "Ruritania's government",
        ),
        ("The government maintains it does not keep political prisoners.", "the government"),
        (
            "The ferry sails on Monday, according to the Kovar Port Authority.",
            "Kovar Port Authority",
        ),
        (
            "Fuel rose 3 per cent, according to figures from the Statistics Office.",
            "Statistics Office",
        ),
        ("Prices rose, the ministry said, adding that subsidies would follow.", "the ministry"),
        (
            "The closure was needed, Daniel Okafor said, adding that repairs had ended.",
            "Daniel Okafor",
        ),
        (
            "The non-governmental monitor Harbour Watch says 412 boats are stranded.",
            "Harbour Watch",
        ),
        ("Harbour Watch, a monitoring group, says 412 boats are stranded.", "Harbour Watch"),
        ("Petra Lind, the foreign minister, said talks would resume.", "Petra Lind"),
        ("The mayor, Anna Berg, said the vote showed broad support.", "Anna Berg"),
        (
            "Interior Minister Tomas Varga told the Kovar Herald that no one was arrested.",
            "Tomas Varga",
        ),
        ('"We never asked for help," said Tomas Brandt, who chairs the union.', "Tomas Brandt"),
        ('"I have never seen anything like it," says fisherman Jonas Holt.', "Jonas Holt"),
        (
            "In a statement, the Ruritanian Red Cross said 40 volunteers were sent.",
            "Ruritanian Red Cross",
        ),
        ("Police said three people were arrested.", "Police"),
        (
            "Lucian Moreth, the foreign minister of neighbouring Estravia, told reporters so.",
            "Lucian Moreth",
        ),
        (
            "Detainees will go free within a day, the head of the National Chamber says.",
            "the head of the National Chamber",
        ),
        ("Prisoners will be freed, said the chamber's speaker, Tomas Ardeleno.", "Tomas Ardeleno"),
        (
            "The government of Marenvia has long denied holding prisoners.",
            "the government of Marenvia",
        ),
        ("The minister called the vote a farce.", "the minister"),
        ('"There is no crisis," insisted Deputy Mayor Jan Kral.', "Jan Kral"),
        ("The figures were confirmed by the Health Ministry.", "Health Ministry"),
        ("The minister, speaking in Kovar, said the port would reopen.", "the minister"),
        ("Hospitals have 300 empty beds, says the Health Ministry.", "Health Ministry"),
        (
            "The government rejected the criticism, saying it had spent 200 million crowns.",
            "the government",
        ),
        (
            "A spokesperson for the Ministry of Justice said no inmates were freed.",
            "Ministry of Justice",
        ),
        (
            "The country's parliament speaker says boats will sail on Monday.",
            "the country's parliament speaker",
        ),
    ],
)
def test_the_speaker_is_the_subject_of_the_attribution(sentence: str, speaker: str) -> None:
    assert _speakers(sentence) == [speaker]


@pytest.mark.parametrize(
    "sentence",
    [
        "The harbour reopened on Monday after three weeks.",
        "The brother of Mayor Anna Berg did not say how many boats had left.",
        "The ministry has not said how many were freed.",
        'It was the first sign of change since the council said it was "in charge".',
        "The figures, which the ministry said were accurate, show a rise.",
        "Opposition parties and press groups have called for jailed reporters to be freed.",
    ],
)
def test_the_outlets_own_statement_has_no_speaker(sentence: str) -> None:
    assert _speakers(sentence) == [None]


def test_mr_surname_resolves_to_the_full_name_given_earlier() -> None:
    assert _speakers(
        "Daniel Okafor opened the quay.",
        "Crews cheered.",
        '"The wall is rebuilt," Mr Okafor said.',
    ) == [None, None, "Daniel Okafor"]


def test_mr_surname_prefers_the_person_already_quoted() -> None:
    assert (
        _speakers(
            "Daniel Okafor said the wall was rebuilt.",
            "His sister, Mayor Grace Okafor, opened the quay.",
            '"Every section was inspected," Mr Okafor said.',
        )[2]
        == "Daniel Okafor"
    )


def test_a_pronoun_subject_is_the_previous_speaker() -> None:
    assert _speakers(
        "Ruritania's Foreign Minister Petra Lind said that boats would return.",
        'She said if confirmed, it would be "a relief for both coasts".',
    ) == ["Petra Lind", "Petra Lind"]


def test_a_definite_reference_is_the_body_named_before() -> None:
    assert _speakers(
        "The Harbour Watch group says 412 boats are in port.",
        "The group says most crews are unpaid.",
    ) == ["Harbour Watch", "Harbour Watch"]


def test_a_bare_quotation_after_a_quoted_speaker_is_theirs() -> None:
    speakers = [
        a.speaker
        for a in attribute(
            ['"We were not consulted," Mr Sandak said.', '"That is a fact."'],
            "Opposition leader Piotr Sandak spoke.",
            new_blocks=[True, False],
        )
    ]
    assert speakers == ["Piotr Sandak", "Piotr Sandak"]


def test_a_quotation_split_over_sentences_belongs_to_who_closes_it() -> None:
    results = attribute(
        ['"This budget protects every school.', 'It keeps fares low," Ms Berg said.'],
        "The mayor, Anna Berg, spoke.",
        new_blocks=[True, False],
    )
    assert [a.speaker for a in results] == ["Anna Berg", "Anna Berg"]


def test_a_spokesperson_speaks_for_the_body_named_before() -> None:
    assert _speakers(
        "The Valdorian Red Cross says it has opened 15 shelters.",
        "A spokesman for the group said clean water was running low.",
    ) == ["Valdorian Red Cross", "Valdorian Red Cross"]


def test_a_role_named_beside_a_person_is_that_person_elsewhere() -> None:
    assert _speakers(
        "Prisoners will be freed, the speaker of the National Chamber says.",
        "They will go home today, the speaker of the National Chamber, Tomas Ardeleno, said.",
    ) == ["Tomas Ardeleno", "Tomas Ardeleno"]


def test_quoted_words_are_not_attribution() -> None:
    assert _speakers('The sign read "the mayor said no".') == [None]


def test_quote_spans_cover_straight_and_curly_marks() -> None:
    sentence = 'He called it “a relief” and "a start".'
    spans, still_open = quote_spans(sentence)
    assert [sentence[a:b] for a, b in spans] == ["“a relief”", '"a start"']
    assert not still_open
    spans, still_open = quote_spans('"We rebuilt the wall.')
    assert still_open


def _article_speakers(article: str) -> dict[str, str | None]:
    """First words of each sentence -> its speaker, for a whole article of paragraphs."""
    sentences = [line for line in article.split("\n") if line.strip()]
    found = attribute(sentences, article)
    return {" ".join(s.split()[:3]): a.speaker for s, a in zip(sentences, found, strict=True)}


def test_a_role_is_the_person_a_caption_names_with_that_title() -> None:
    speakers = _article_speakers(
        "Finance Minister Jane Roe at the budget briefing in Kovar.\n"
        "The country's finance minister said fuel duty would rise by 4 per cent.\n"
        "The minister said the duty had not risen since 2019.\n"
    )
    assert speakers["The country's finance"] == "Jane Roe"
    assert speakers["The minister said"] == "Jane Roe"


def test_a_role_is_the_person_named_beside_it_later_in_an_apposition() -> None:
    speakers = _article_speakers(
        "The spokeswoman for the ministry said 120 million crowns would be raised.\n"
        "Road repairs come first, said Ana Diaz, a spokeswoman for the Finance Ministry.\n"
    )
    assert speakers["The spokeswoman for"] == "Ana Diaz"


def test_a_role_is_the_person_named_after_it() -> None:
    speakers = _article_speakers(
        "The port's director said 40 boats were stranded.\n"
        "The port director, Piet Arendse, has run the harbour since 2015.\n"
    )
    assert speakers["The port's director"] == "Piet Arendse"


def test_a_role_is_the_person_a_later_ms_surname_brings_in() -> None:
    speakers = _article_speakers(
        "The country's finance minister said fuel duty would rise by 4 per cent.\n"
        "Opposition leader Marta Kess said families would pay.\n"
        '"We have no choice," Ms Roe said.\n'
    )
    assert speakers["The country's finance"] == "Roe"
    assert speakers["Opposition leader Marta"] == "Marta Kess"


def test_a_role_is_the_named_person_who_speaks_of_the_same_announcement() -> None:
    speakers = _article_speakers(
        "The head of the island council says the ferry subsidy will double next year.\n"
        "Piet Arendse announced the ferry subsidy plan on Friday in Lund.\n"
        "The subsidy will double because ferry fares rose, Piet Arendse said.\n"
        "Harbour workers went on strike, union leader Tomas Brandt said.\n"
    )
    assert speakers["The head of"] == "Piet Arendse"


def test_a_role_stays_a_role_when_nothing_links_it_to_a_person() -> None:
    speakers = _article_speakers(
        "The country's finance minister said fuel duty would rise by 4 per cent.\n"
        "Opposition leader Marta Kess said the harbour would close in June.\n"
    )
    assert speakers["The country's finance"] == "the country's finance minister"


def test_a_role_two_people_fit_stays_a_role() -> None:
    speakers = _article_speakers(
        "The minister said the port would reopen in March.\n"
        "Finance Minister Jane Roe and Foreign Minister Petra Lind met in Kovar.\n"
    )
    assert speakers["The minister said"] == "the minister"


def test_a_spokeswoman_is_not_a_later_mr_surname() -> None:
    speakers = _article_speakers(
        "The spokeswoman for the ministry said 120 million crowns would be raised.\n"
        '"Roads come first," Mr Brandt said.\n'
    )
    assert speakers["The spokeswoman for"] == "the spokeswoman for the ministry"
