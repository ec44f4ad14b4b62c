"""The Markdown export reads as a report, and untrusted text stays text when rendered."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from markdown_it import MarkdownIt

from tests.support.report_fixture import ReportData, build, parse_html
from verify.report import export
from verify.report.markdown import escape

NOW = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def report_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReportData]:
    data = build(f"sqlite:///{tmp_path_factory.mktemp('md') / 'report.db'}")
    yield data
    data.db.dispose()


@pytest.fixture(scope="module")
def text(report_db: ReportData) -> str:
    return export(report_db.db, report_db.settings, "md", now=NOW)


def _rendered(markdown: str) -> str:
    """HTML as a GitHub-like renderer makes it: raw HTML allowed, bare URLs linked."""
    return MarkdownIt("gfm-like").render(markdown)


def test_each_article_has_its_source_a_verdict_summary_and_its_claims(text: str) -> None:
    assert text.startswith("# Fact-check report\n")
    assert "Generated 2026-03-01 09:30 UTC by Lantern Fact Check." in text
    assert "## Pellandria's water minister declares the Korsa dam a success" in text
    assert (
        "**Source:** Harbour Post, 2026-02-14, [https://harbourpost.example/news/korsa-dam]"
        "(<https://harbourpost.example/news/korsa-dam>)"
    ) in text
    assert "3 of 4 claims have a verdict." in text
    summary = text.split("### Summary", 1)[1].split("### Claims", 1)[0]
    assert "| False | 1 |" in summary
    assert "| Misleading | 1 |" in summary
    assert "| No verdict | 1 |" in summary
    assert summary.index("| False |") < summary.index("| True |") < summary.index("| Misl")


def test_a_claim_shows_its_verdict_rationale_and_cited_evidence(text: str) -> None:
    claim = text.split("#### Claim 1: False", 1)[1].split("#### Claim 2", 1)[0]
    assert "**Claim:** The Korsa dam was finished entirely on budget." in claim
    assert "**Speaker:** Oda Varnek · **Kind:** quote" in claim
    assert "**Verdict:** **False** (1 on a scale of 1 to 5, confidence 85%, by ana," in claim
    assert "approved)" in claim
    assert "The ministry's statement does not mention the cost." in claim
    assert claim.index("**Contradicts** (labelled by ana") < claim.index("**Context**")
    assert (
        "[Annual audit of public works 2025](<https://audit.example/reports/2025-works>), "
        "Pellandria Audit Office, 2026-01-30"
    ) in claim
    assert "  > The Audit Office found that the Korsa dam cost 41 per cent" in claim
    assert "  >\n  > Overruns came from the spillway" in claim


def test_without_analyst_labels_the_top_three_machine_matches_are_cited(text: str) -> None:
    claim = text.split("#### Claim 2: True", 1)[1].split("#### Claim 3", 1)[0]
    assert "machine matches, not yet reviewed by an analyst" in claim
    assert claim.count("**Machine match**") == 3
    assert "Labour bulletin 4" not in claim
    assert "submitted, awaiting approval" in claim


def test_untrusted_text_cannot_inject_html_links_or_headings(text: str) -> None:
    page = parse_html(_rendered(text))
    tags = {node.tag for node in page.walk()}
    assert not tags & {"script", "img", "iframe", "b"}
    for node in page.walk():
        assert not any(name.startswith("on") for name in node.attrs), node
        if "href" in node.attrs:
            assert (node.attrs["href"] or "").startswith(("https://", "http://")), node
    linked = {a.text for a in page.find_all("a")}
    assert "click here" not in linked
    assert "lure" not in linked
    assert "post" not in linked
    headings = [n.text for n in page.walk() if n.tag in {"h1", "h2", "h3", "h4"}]
    assert not any(h.strip() == "heading" for h in headings)
    visible = page.text
    assert "<script>alert(1)</script>" in visible
    assert "[click here](javascript:alert(2))" in visible
    assert "**bold**" in visible
    assert "<b>Mallory</b> & co" in visible


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("# not a heading", "# not a heading"),
        ("- not a list", "- not a list"),
        ("1. not a list", "1. not a list"),
        ("> not a quote", "> not a quote"),
        ("=== not a rule", "=== not a rule"),
        ("`code` *em* _em_ ~~del~~", "`code` *em* _em_ ~~del~~"),
        ("![img](https://x.example/a.png)", "![img](https://x.example/a.png)"),
        ("<https://x.example> &amp; | a | b |", "<https://x.example> &amp; | a | b |"),
        ("back\\slash\\", "back\\slash\\"),
    ],
)
def test_escaped_text_renders_as_exactly_itself(source: str, shown: str) -> None:
    rendered = parse_html(MarkdownIt("commonmark").enable("table").render(escape(source)))
    assert [n.tag for n in rendered.walk()[1:]] == ["p"]
    assert rendered.text.strip() == shown


def test_only_web_urls_become_links(text: str) -> None:
    hostile = text.split("## A ", 1)[1]
    assert "**Source:** javascript:alert(4)\n" in hostile
    assert "](<javascript" not in text


def test_a_passage_shows_its_hints_confidence_and_figures_that_differ(text: str) -> None:
    claim = text.split("#### Claim 1: False", 1)[1].split("#### Claim 2", 1)[0]
    assert "numbers differ: entirely on budget against 41 per cent more" in claim
