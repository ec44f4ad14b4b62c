"""Named entities: the names the matcher weighs when it compares a claim with evidence."""

from __future__ import annotations

from verify.extract.entities import named_entities, strip_titles


def test_a_name_may_hold_connectors() -> None:
    text = "Ana María de la Cruz wrote to the Ministry of Justice and the Bank of the Republic."
    assert named_entities(text) == [
        "Ana María de la Cruz",
        "Ministry of Justice",
        "Bank of the Republic",
    ]


def test_titles_are_stripped_and_a_possessive_ends_a_name() -> None:
    text = "Ruritania's Foreign Minister Petra Lind met President Tomas Varga and Mr Okafor."
    assert named_entities(text) == ["Ruritania", "Petra Lind", "Tomas Varga", "Okafor"]


def test_a_title_alone_is_not_a_name() -> None:
    assert named_entities("The Prime Minister met the Foreign Minister.") == []


def test_a_portfolio_between_title_and_name_is_dropped() -> None:
    assert named_entities("Minister for Justice Petra Lind spoke.") == ["Petra Lind"]


def test_common_words_at_the_start_of_a_sentence_are_not_names() -> None:
    text = "The Harbour Watch group counted boats. Despite this, It said so. Prisoners left."
    assert named_entities(text) == ["Harbour Watch"]


def test_a_sentence_initial_word_used_in_lower_case_elsewhere_is_not_a_name() -> None:
    assert named_entities("Crews waited. Two crews left Kovar.") == ["Kovar"]


def test_a_common_word_that_opens_a_name_stays() -> None:
    assert named_entities("New Kovar voted. The new plan failed. North Selm agreed.") == [
        "New Kovar",
        "North Selm",
    ]


def test_acronyms_are_names() -> None:
    assert named_entities("The ICRC and the UN sent staff to the US.") == ["ICRC", "UN", "US"]


def test_weekdays_and_months_are_not_names() -> None:
    assert named_entities("Kovar voted on Thursday, 4 May, as in March.") == ["Kovar"]
    assert named_entities("On Thursday Ana Holm met Deputy Mayor Jan Kral.") == [
        "Ana Holm",
        "Jan Kral",
    ]


def test_name_prefixes_and_hyphenated_adjectives() -> None:
    text = "Omar al-Rashid praised the Ruritanian-style reforms."
    assert named_entities(text) == ["Omar al-Rashid"]


def test_names_come_once_in_order_of_first_appearance() -> None:
    text = "Kovar and Valdoria traded. Valdoria gained; Kovar lost."
    assert named_entities(text) == ["Kovar", "Valdoria"]


def test_strip_titles_keeps_institutions_whole() -> None:
    assert strip_titles(["Speaker", "of", "the", "House"]) == ["Speaker", "of", "the", "House"]
    assert strip_titles(["Ministry", "of", "Justice"]) == ["Ministry", "of", "Justice"]
    assert strip_titles(["Acting", "President", "Ines", "Marlow"]) == ["Ines", "Marlow"]
