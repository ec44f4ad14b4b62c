"""Page furniture: lines of a scraped page that are never claims."""

from __future__ import annotations

import pytest

from verify.extract import furniture
from verify.extract.furniture import (
    BYLINE,
    CAPTION,
    CREDIT,
    HEADING,
    LABEL,
    RELATED,
    STAMP,
    TITLE,
    dateline_prefix,
    find_furniture,
    line_kind,
)


@pytest.mark.parametrize(
    "line",
    [
        "Updated 2 hours ago",
        "2 hours agoMon 4 May 2026 at 9:15am",
        "Posted Thu 8 Jan 2026 at 8:10pm, updated Fri 9 Jan 2026 at 6:02am",
        "Published 12 March 2026",
        "Monday 4 May 2026 09.14 BST",
        "Last updated: 4 May 2026, 9:15 a.m. GMT",
        "May 4, 2026",
        "2026-05-04T09:15:00Z",
        "18 minutes ago",
    ],
)
def test_a_time_stamp_or_dateline_is_furniture(line: str) -> None:
    assert line_kind(line) == STAMP


@pytest.mark.parametrize(
    "line",
    [
        "By Jane Doe",
        "By Jane Doe and Piotr Sandak",
        "Reporting by Ilse Brandt; Editing by Tomas Varga",
    ],
)
def test_a_byline_is_furniture(line: str) -> None:
    assert line_kind(line) == BYLINE


def test_a_name_with_a_job_title_is_a_byline() -> None:
    assert line_kind("Jane Doe, Chief Reporter") in (BYLINE, HEADING)
    assert furniture.is_byline("Jane Doe, Chief Reporter")


@pytest.mark.parametrize(
    "line",
    [
        "Daniel Okafor spoke at a press conference in Kovar on Sunday. (Northwire: Ilse Brandt)",
        "Crews wait on the quay. (Supplied)",
        "Photo: Councillors vote in the Kovar town hall. (Supplied)",
        "Photo: Councillors vote in the Kovar town hall.",
        "Image: The rebuilt breakwater at dawn.",
        "Image caption, Voters queue outside a polling station in Port Selm.",
        "Image source, Northwire",
        "The rebuilt breakwater at dawn. Photograph: Ilse Brandt/Northwire",
    ],
)
def test_a_photo_caption_or_credit_is_furniture(line: str) -> None:
    assert line_kind(line) == CAPTION


@pytest.mark.parametrize(
    "line", ["Reuters/AP/AFP", "Northwire/CPA", "AP", "- Reuters", "with wires"]
)
def test_a_wire_credit_alone_on_a_line_is_furniture(line: str) -> None:
    assert line_kind(line) in (CREDIT, HEADING)
    assert furniture.is_wire_credit(line)


@pytest.mark.parametrize(
    "line",
    [
        "In short:",
        "Key points:",
        "Key points",
        "Related stories:",
        "Read more",
        "Read more: Kovar libraries face uncertain future",
        "Share this article",
        "Topics: Ruritania, fishing, ports",
        "Advertisement",
        "Loading...",
        "What we know so far:",
        "https://example.org/news/kovar-harbour",
        "Sign up to our newsletter for the latest news from Kovar.",
        "Editor's note: This story has been updated.",
    ],
)
def test_a_section_label_is_furniture(line: str) -> None:
    assert line_kind(line) == LABEL


@pytest.mark.parametrize(
    "line",
    ["Critics said the vote was rushed", "What the budget means for libraries", "Jane Doe"],
)
def test_a_line_without_a_final_stop_is_a_heading(line: str) -> None:
    assert line_kind(line) == HEADING


@pytest.mark.parametrize(
    "line",
    [
        "The harbour was closed on 3 May.",
        "Fuel prices rose 3.5 per cent in April, according to the National Statistics Office.",
        '"We never asked for special treatment," said Tomas Brandt.',
        'Mr Okafor called it "a new beginning"',
        "Why does it matter?",
        "By the end of the year, two branch libraries will close.",
        "Reuters reported that the harbour had reopened.",
        "The ferry leaves at 9:15am on Monday 4 May.",
    ],
)
def test_a_sentence_of_the_story_is_not_furniture(line: str) -> None:
    assert line_kind(line) is None


def test_the_first_short_line_without_a_full_stop_is_the_title() -> None:
    lines = ["Ruritania to reopen Kovar harbour", "The harbour will reopen on Monday."]
    layout = find_furniture(lines)
    assert layout.furniture == {0: TITLE}


def test_a_first_line_that_is_a_sentence_is_not_a_title() -> None:
    lines = ["The harbour will reopen on Monday.", "Crews are waiting."]
    assert find_furniture(lines).furniture == {}


def test_a_line_equal_to_the_given_title_is_the_title() -> None:
    lines = ["Intro line.", "Kovar harbour reopens.", "The harbour reopened on Monday."]
    layout = find_furniture(lines, title="Kovar harbour reopens.")
    assert layout.furniture == {1: TITLE}


def test_lines_after_related_stories_are_links_until_the_story_resumes() -> None:
    lines = [
        "Kovar harbour reopens",
        "The harbour reopened on Monday after three weeks of repairs.",
        "Related stories:",
        "Fishing crews protest slow repairs in Kovar",
        "Valdoria and Ruritania sign new fishing pact.",
        "The port authority said the repairs cost less than expected this spring.",
    ]
    layout = find_furniture(lines)
    assert layout.furniture == {0: TITLE, 2: LABEL, 3: RELATED, 4: RELATED}


def test_lines_after_a_summary_label_are_bullets_and_the_top_story_line_is_the_standfirst() -> None:
    lines = [
        "Kovar harbour reopens",
        "The harbour at Kovar reopens on Monday, the speaker says.",
        "Updated 2 hours ago",
        "In short:",
        "Kovar harbour reopens on Monday.",
        "Crews have waited three weeks",
        "The harbour at Kovar reopens on Monday, the speaker of parliament says.",
    ]
    layout = find_furniture(lines)
    assert layout.furniture == {0: TITLE, 2: STAMP, 3: LABEL}
    assert layout.standfirst == {1}
    assert {4, 5} <= layout.bullets  # a bullet may lack a final stop


def test_a_dateline_at_the_start_of_a_paragraph_is_cut_off() -> None:
    line = "KOVAR, May 6 (Northwire) - The council approved the budget."
    assert line[dateline_prefix(line) :] == "The council approved the budget."
    line = "PORT SELM, Valdoria — Voters backed the commission."
    assert line[dateline_prefix(line) :] == "Voters backed the commission."


def test_an_ordinary_first_word_is_not_a_dateline() -> None:
    assert dateline_prefix("Kovar - the harbour reopened.") == 0
    assert dateline_prefix("The council - all nine members - voted.") == 0


def test_a_bullet_glyph_is_cut_off() -> None:
    line = "• Kovar harbour reopens on Monday."
    assert line[furniture.bullet_prefix(line) :] == "Kovar harbour reopens on Monday."
    assert furniture.bullet_prefix("Kovar harbour reopens.") == 0


def test_an_article_and_a_document_tell_a_title_line_by_one_rule() -> None:
    from verify.read.plain import title_line

    for first in ("Ruritania to reopen Kovar harbour", "The harbour will reopen on Monday."):
        is_title = find_furniture([first, "The harbour will reopen on Monday."]).furniture
        as_document = title_line(f"{first}\nThe harbour will reopen on Monday.")[0]
        assert bool(is_title) == (as_document is not None)


def test_a_sentence_ending_inside_quotes_is_not_a_title() -> None:
    lines = ['He said: "The harbour will reopen."', "Crews are waiting."]
    assert find_furniture(lines).furniture == {}
