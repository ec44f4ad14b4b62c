"""Words of a claim or sentence (verify.text), shared by extraction and matching."""

from __future__ import annotations

from verify.text import content_words, stem


def test_content_words_drop_stop_words_and_repeats_in_first_occurrence_order() -> None:
    assert content_words("The port said the port was closed, says the board.") == [
        "port",
        "closed",
        "board",
    ]


def test_the_stemmer_joins_a_word_and_its_derived_forms() -> None:
    assert stem("detained") == stem("detainees")
    assert stem("ruritania") == stem("ruritanian")
    assert stem("group") == stem("groups")
    assert stem("port") != stem("porter")
