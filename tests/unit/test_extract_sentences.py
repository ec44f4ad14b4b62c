"""Sentences and blocks: what claim extraction can rely on from the splitter."""

from __future__ import annotations

from verify.extract.sentences import Sentence, split_block, split_blocks, split_sentences


def _texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_every_sentence_points_back_into_the_whole_text() -> None:
    text = (
        "Kovar harbour will reopen on Monday.  The port closed in April.\n"
        "\n"
        "   Harbour Watch counts 412 boats in port. Most crews are unpaid.   \n"
    )
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Kovar harbour will reopen on Monday.",
        "The port closed in April.",
        "Harbour Watch counts 412 boats in port.",
        "Most crews are unpaid.",
    ]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()


def test_a_title_with_a_full_stop_does_not_end_a_sentence() -> None:
    assert _texts("Mr. Okafor met Dr. Lind in Kovar. They agreed.") == [
        "Mr. Okafor met Dr. Lind in Kovar.",
        "They agreed.",
    ]


def test_a_numbered_abbreviation_does_not_end_a_sentence() -> None:
    assert _texts("Boats from the No. 5 dock left first. The rest followed.") == [
        "Boats from the No. 5 dock left first.",
        "The rest followed.",
    ]


def test_a_decimal_does_not_end_a_sentence() -> None:
    assert _texts("Fuel rose 3.5 per cent in April. Bread rose 1.2 per cent.") == [
        "Fuel rose 3.5 per cent in April.",
        "Bread rose 1.2 per cent.",
    ]


def test_initials_of_a_country_do_not_end_a_sentence() -> None:
    assert _texts("The U.N. envoy arrived on Monday. She left on Friday.") == [
        "The U.N. envoy arrived on Monday.",
        "She left on Friday.",
    ]


def test_each_line_is_a_block_of_its_own_even_without_a_full_stop() -> None:
    text = "Kovar harbour to reopen\nUpdated 2 hours ago\nThe harbour will reopen on Monday."
    assert [s.text for s in split_sentences(text)] == [
        "Kovar harbour to reopen",
        "Updated 2 hours ago",
        "The harbour will reopen on Monday.",
    ]
    blocks = split_blocks(text)
    assert [text[b.start : b.end] for b in blocks] == [b.text for b in blocks]
    assert len(blocks) == 3


def test_a_paragraph_wrapped_at_a_fixed_width_is_one_block() -> None:
    text = (
        "Kovar harbour reopens\n"
        "\n"
        "The Harbour Watch group says there are 412 fishing boats stuck\n"
        "in port, including 37 from the No. 5 dock, and that crews have not\n"
        "been paid since April. The port authority disagrees.\n"
        "\n"
        "The port authority said repairs had finished ahead of schedule and that\n"
        "the harbour would reopen on Monday.\n"
    )
    sentences = split_sentences(text)
    assert [" ".join(s.text.split()) for s in sentences] == [
        "Kovar harbour reopens",
        "The Harbour Watch group says there are 412 fishing boats stuck in port, including 37 "
        "from the No. 5 dock, and that crews have not been paid since April.",
        "The port authority disagrees.",
        "The port authority said repairs had finished ahead of schedule and that the harbour "
        "would reopen on Monday.",
    ]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text


def test_a_line_that_runs_on_in_lower_case_continues_the_paragraph() -> None:
    text = (
        "The port authority said on Monday that the repairs had finished early\n"
        "and under budget.\n"
        "Crews returned.\n"
    )
    assert len(split_blocks(text)) == 2


def test_a_quotation_stays_whole_with_its_attribution() -> None:
    text = '"We rebuilt the wall. We inspected it twice," Mr Okafor said. Work ends today.'
    assert _texts(text) == [
        '"We rebuilt the wall. We inspected it twice," Mr Okafor said.',
        "Work ends today.",
    ]


def test_a_repeated_sentence_gets_its_own_offsets() -> None:
    text = "The port is open. The port is open. It was closed."
    sentences = split_sentences(text)
    assert [s.start for s in sentences] == [0, 18, 36]


def test_split_block_offsets_are_into_the_text_it_was_given() -> None:
    text = "Title line\nFirst sentence here. Second one here."
    start = text.index("First")
    assert split_block(text, start, len(text)) == [
        Sentence("First sentence here.", start, start + 20),
        Sentence("Second one here.", start + 21, len(text)),
    ]


def test_empty_text_has_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences("  \n\n \t\n") == []
