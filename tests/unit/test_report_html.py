"""The HTML export: self-contained, inert whatever the evidence says, and it renders."""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.support.report_fixture import (
    HOSTILE_CLAIM,
    HOSTILE_EVIDENCE,
    Node,
    ReportData,
    build,
    parse_html,
)
from verify.report import export
from verify.report.htmlreport import PALETTE, colours, whole_words

NOW = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def report_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReportData]:
    data = build(f"sqlite:///{tmp_path_factory.mktemp('html') / 'report.db'}")
    yield data
    data.db.dispose()


@pytest.fixture(scope="module")
def text(report_db: ReportData) -> str:
    return export(report_db.db, report_db.settings, "html", now=NOW)


@pytest.fixture(scope="module")
def page(text: str) -> Node:
    return parse_html(text)


def _claim(page: Node, claim_id: int) -> Node:
    sections = page.find_all("section", "claim")
    return next(n for n in sections if n.attrs["id"] == f"claim-{claim_id}")


def test_script_event_handlers_and_javascript_urls_in_evidence_come_out_inert(
    page: Node,
) -> None:
    for node in page.walk():
        assert node.tag not in {"script", "iframe", "img", "object", "embed", "b"}, node.tag
        for name, value in node.attrs.items():
            assert not name.startswith("on"), (node.tag, name)
            assert "javascript:" not in (value or "").lower(), (node.tag, name, value)
        if "href" in node.attrs:
            assert (node.attrs["href"] or "").startswith(("https://", "http://"))


def test_untrusted_text_is_shown_as_the_text_it_is(page: Node, report_db: ReportData) -> None:
    hostile = _claim(page, report_db.claim_ids["hostile"])
    assert hostile.find("blockquote", "claim-text").find("p").text == HOSTILE_CLAIM
    assert hostile.find("span", "speaker").text == "<b>Mallory</b> & co"
    assert hostile.find("blockquote", "passage").text == HOSTILE_EVIDENCE
    assert hostile.find("p", "note").text == "Analyst's note: <script>alert('note')</script>"
    source = hostile.find(cls="source-title")
    assert source.tag == "span"  # its URL is javascript:, so no link
    assert source.text == '"><img src=x onerror=alert(5)>'
    assert hostile.find("span", "raw-url").text == "(javascript:alert(4))"
    titles = [n.text for n in page.find_all("h2")]
    assert "A <script>alert('title')</script> [post](javascript:x)" in titles


def test_the_page_fetches_nothing_and_runs_nothing(text: str, page: Node) -> None:
    assert not page.find_all("link")
    assert not [n for n in page.walk() if "src" in n.attrs]
    styles = page.find_all("style")
    assert len(styles) == 1
    assert "url(" not in styles[0].text
    assert "@import" not in styles[0].text
    policy = next(n for n in page.find_all("meta") if n.attrs.get("http-equiv"))
    assert "default-src 'none'" in (policy.attrs["content"] or "")
    assert "script-src" not in (policy.attrs["content"] or "")


def test_verdict_badges_carry_their_name_as_well_as_a_colour(
    page: Node, report_db: ReportData
) -> None:
    budget = _claim(page, report_db.claim_ids["budget"]).find("span", "badge")
    assert budget.text == "False"
    assert f"background:{PALETTE['red'][0]}" in (budget.attrs["style"] or "")
    none = _claim(page, report_db.claim_ids["reservoir"]).find("span", "badge")
    assert none.text == "No verdict"
    for badge in page.find_all("span", "badge"):
        assert badge.text.strip()


def test_a_bar_chart_of_the_verdicts_is_inline_svg_with_text_labels(page: Node) -> None:
    article = page.find("article", "article")
    chart = article.find("svg", "chart")
    labels = [n.text for n in chart.find_all("text", "chart-label")]
    counts = [n.text for n in chart.find_all("text", "chart-count")]
    assert labels == ["False", "True", "Misleading", "No verdict"]
    assert counts == ["1", "1", "1", "1"]
    assert len(chart.find_all("rect")) == 4
    assert chart.find("title").text == "Verdicts: False: 1, True: 1, Misleading: 1, No verdict: 1"


def test_citations_link_to_their_sources(page: Node, report_db: ReportData) -> None:
    budget = _claim(page, report_db.claim_ids["budget"])
    link = budget.find("a", "source-title")
    assert link.text == "Annual audit of public works 2025"
    assert link.attrs["href"] == "https://audit.example/reports/2025-works"
    assert "noopener" in (link.attrs["rel"] or "")


def test_the_matched_span_is_highlighted_in_whole_words(page: Node, report_db: ReportData) -> None:
    budget = _claim(page, report_db.claim_ids["budget"])
    passage = budget.find("blockquote", "passage")
    # The match is stored as [4, 70), which ends inside "its".
    assert passage.find("mark").text == passage.text[4:72]
    assert passage.find("mark").text.endswith("more than its")


@pytest.mark.parametrize(
    ("span", "words"),
    [((0, 3), (0, 3)), ((1, 5), (0, 7)), ((4, 6), (4, 7)), ((3, 8), (3, 8)), ((6, 7), (4, 7))],
)
def test_a_highlight_never_cuts_a_word(span: tuple[int, int], words: tuple[int, int]) -> None:
    assert whole_words("one two, six", *span) == words


def test_the_page_has_print_styles(text: str) -> None:
    assert "@media print" in text
    assert "break-inside: avoid" in text


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("red", PALETTE["red"]),
        ("GREEN", PALETTE["green"]),
        ("#ffffff", ("#ffffff", "#1f1f1f")),
        ("#000000", ("#000000", "#ffffff")),
        ("red;background:url(x)", PALETTE["grey"]),
    ],
)
def test_scale_colours_become_safe_badge_colours(name: str, expected: tuple[str, str]) -> None:
    assert colours(name) == expected


def _png_pixels(path: Path, rows: int) -> tuple[int, int, int, bytes]:
    """Width, height, bytes per pixel and the pixels of the top ``rows`` of an 8-bit PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour_type = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour_type in (2, 6)
    bpp = 3 if colour_type == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    out = bytearray()
    previous = bytearray(stride)
    for y in range(min(rows, height)):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = previous[i]
            c = previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pred) & 0xFF
        out += line
        previous = line
    return width, height, bpp, bytes(out)


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
def test_the_page_renders_in_a_headless_browser(text: str, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(text, encoding="utf-8")
    shot = tmp_path / "report.png"
    subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={shot}",
            "--window-size=1200,1600",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    width, height, bpp, pixels = _png_pixels(shot, rows=700)  # header, summary, chart
    assert (width, height) == (1200, 1600)
    colours_seen: dict[bytes, int] = {}
    for i in range(0, len(pixels), bpp * 7):  # every 7th pixel is plenty
        colour = pixels[i : i + 3]
        colours_seen[colour] = colours_seen.get(colour, 0) + 1
    background = max(colours_seen.values())
    assert len(colours_seen) > 50  # text, badges, bars: not a blank page
    assert background < 0.95 * sum(colours_seen.values())
    red = bytes.fromhex(PALETTE["red"][0][1:])
    assert red in {pixels[i : i + 3] for i in range(0, len(pixels), bpp)}  # the False badge


def test_figures_that_differ_show_beside_the_passage_as_plain_text(
    page: Node, report_db: ReportData
) -> None:
    budget = _claim(page, report_db.claim_ids["budget"])
    details = [n.text for n in budget.find_all("span", "detail")]
    assert any("numbers differ: entirely on budget against 41 per cent more" in d for d in details)
    hostile = _claim(page, report_db.claim_ids["hostile"])
    detail = hostile.find("span", "detail").text
    assert "numbers differ: <b>12</b> against <script>alert('n')</script> [x](javascript:n)" in (
        detail
    )
