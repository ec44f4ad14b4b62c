"""PDF and Word evidence: read, stored with the page or paragraph of every passage, found,
and cited with that place in the workbench and the reports. Every file is made by the
test (tests/support/documents.py); every sentence is invented (the fictional Veloria)."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select

from db.models import Passage, Source
from db.session import Database
from tests.support.cli_run import run_cli
from tests.support.documents import docx_file, write_pdf
from tests.support.tui_fixture import loaded, screen_text, settings, settle
from verify.evidence.ingest import import_paths
from verify.evidence.search import search_evidence
from verify.tui.app import VerifyApp
from verify.tui.screens.source import SourceScreen

PAGE_1 = [
    "Veloria Bridges Office: annual report",
    "The office inspected forty-one road bridges across the four provinces of Veloria in",
    "the year to March, against thirty-eight the year before, and closed two of them.",
    "Inspections were carried out by the office's own engineers.",
]
PAGE_2 = [
    "The Tarn river bridge at Kessel was found to carry nine thousand lorries a day, three",
    "times the load it was built for, and its repair will cost 14 million crowns.",
]
PAGE_3 = [
    "Ferry crossings on the lower Tarn fell by a fifth after the new toll was introduced in",
    "the spring, the harbour authority told the office.",
]

ARTICLE = (
    "Kessel bridge under strain\n\n"
    "The minister of transport, Ilse Varga, said on Monday that the Tarn river bridge at "
    "Kessel carries nine thousand lorries a day.\n\n"
    "She added that the government would decide on its future before the summer.\n"
)


def report_pdf(folder: Path) -> Path:
    return write_pdf(
        folder / "bridges-2026.pdf",
        [PAGE_1, ["2"], PAGE_2, PAGE_3],  # page 2 holds only its page number
        info={
            "Title": "Annual report of the Veloria Bridges Office",
            "Author": "Veloria Bridges Office (fictional)",
            "CreationDate": "D:20260304090000Z",
        },
    )


def test_a_pdf_is_stored_with_its_title_metadata_and_the_page_of_each_passage(
    db: Database, tmp_path: Path
) -> None:
    path = report_pdf(tmp_path)
    report = import_paths(db, [path])
    assert report.sources_added == 1
    with db.read() as session:
        source = session.scalars(select(Source)).one()
        passages = session.scalars(select(Passage).order_by(Passage.ordinal)).all()
    assert source.title == "Annual report of the Veloria Bridges Office"
    assert source.publisher == "Veloria Bridges Office (fictional)"
    assert source.published_at == "2026-03-04"
    assert source.format == "pdf"
    assert "Veloria Bridges Office: annual report" not in source.title
    pages = {p.page for p in passages if "Kessel" in p.text}
    assert pages == {3}
    assert [p.page for p in passages if "Ferry crossings" in p.text] == [4]
    assert all(p.page is not None and p.paragraph is None for p in passages)
    assert all(source.text[p.start : p.end] == p.text for p in passages)


def test_the_page_comes_with_a_found_passage_and_the_cited_evidence_of_every_report(
    db: Database, tmp_path: Path
) -> None:
    import_paths(db, [report_pdf(tmp_path)])
    found = search_evidence(db, "lorries a day on the Tarn river bridge at Kessel", top_k=3)
    assert "nine thousand lorries" in found[0].text
    assert found[0].source.place == "p. 3"
    (tmp_path / "kessel.txt").write_text(ARTICLE, encoding="utf-8")
    assert run_cli("--db", db.url, "article", "add", str(tmp_path / "kessel.txt")).code == 0
    markdown = run_cli("--db", db.url, "export", "--format", "md").out
    assert "Annual report of the Veloria Bridges Office, p. 3" in markdown
    html = run_cli("--db", db.url, "export", "--format", "html").out
    assert '<span class="place">p. 3</span>' in html
    data = json.loads(run_cli("--db", db.url, "export", "--format", "json").out)
    cited = data["articles"][0]["claims"][0]["evidence"][0]
    assert (cited["page"], cited["paragraph"]) == (3, None)
    csv_text = run_cli("--db", db.url, "export", "--format", "csv").out
    assert ",p. 3," in csv_text


def test_a_word_document_keeps_its_title_and_the_paragraph_of_each_passage(
    db: Database, tmp_path: Path
) -> None:
    path = docx_file(
        tmp_path / "statement.docx",
        [
            "The ministry of transport will close the Tarn river bridge at Kessel to lorries "
            "from the first of June, while engineers decide how to strengthen it.",
            "",
            "Cars and buses may still cross, at no more than thirty kilometres an hour, the "
            "ministry said in its statement on the closure.",
        ],
        heading="Statement on the Kessel bridge",
        author="Veloria Ministry of Transport (fictional)",
        created="2026-03-05T10:00:00",
        table=[["Vehicle", "Allowed"], ["Lorries", "No"]],
    )
    import_paths(db, [path])
    with db.read() as session:
        source = session.scalars(select(Source)).one()
        passages = session.scalars(select(Passage).order_by(Passage.ordinal)).all()
    assert source.title == "Statement on the Kessel bridge"
    assert source.publisher == "Veloria Ministry of Transport (fictional)"
    assert source.published_at == "2026-03-05"
    assert "Statement on the Kessel bridge" not in source.text  # the title is no passage
    by_text = {p.text.split()[0]: p.paragraph for p in passages}
    assert by_text["The"] == 2  # the title is paragraph 1, the empty one is not counted
    assert by_text["Cars"] == 3
    found = search_evidence(db, "lorries banned from the Kessel bridge from June", top_k=3)
    assert found[0].source.place == "para. 2"


def test_the_publisher_given_on_the_command_line_outranks_a_documents_author(
    db: Database, tmp_path: Path
) -> None:
    path = report_pdf(tmp_path)
    run = run_cli("--db", db.url, "evidence", "add", "--publisher", "Bridges Office", str(path))
    assert run.code == 0, run.err
    with db.read() as session:
        assert session.scalars(select(Source.publisher)).one() == "Bridges Office"


def test_a_500_page_pdf_imports_whole_and_reports_each_page_as_it_reads(
    sqlite_db: Database, tmp_path: Path
) -> None:
    pages = [
        [
            f"Section {n}: inspection of bridge number {n} on the road from Kessel to Arvo,",
            f"which carried {n * 7} lorries a day in the census of the spring.",
        ]
        for n in range(1, 501)
    ]
    path = write_pdf(tmp_path / "census.pdf", pages, compress=True)
    seen: list[tuple[int, int, str]] = []
    report = import_paths(sqlite_db, [path], progress=lambda d, t, w: seen.append((d, t, w)))
    page_reports = [(d, t) for d, t, w in seen if w.startswith("pages of census.pdf")]
    assert page_reports[0] == (1, 500) and page_reports[-1] == (500, 500)
    assert len(page_reports) == 500
    with sqlite_db.read() as session:
        assert session.scalar(select(func.max(Passage.page))) == 500
    assert report.passages_added >= 250
    found = search_evidence(sqlite_db, "bridge number 377 on the road from Kessel", top_k=1)
    assert found[0].source.place == "p. 377"


async def test_the_source_viewer_shows_the_page_of_the_passage(
    sqlite_db: Database, tmp_path: Path
) -> None:
    import_paths(sqlite_db, [report_pdf(tmp_path)])
    (tmp_path / "kessel.txt").write_text(ARTICLE, encoding="utf-8")
    assert run_cli("--db", sqlite_db.url, "article", "add", str(tmp_path / "kessel.txt")).code == 0
    app = VerifyApp(sqlite_db, settings(sqlite_db), poll_seconds=60, database_label="test.db")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await loaded(pilot)
        assert "p. 3" in screen_text(app)  # beside the passage in the evidence list
        await pilot.press("tab", "enter")
        await settle(pilot, lambda: isinstance(app.screen, SourceScreen))
        text = screen_text(app)
        assert "p. 3 · Veloria Bridges Office (fictional)" in text
        assert "Annual report of the Veloria Bridges Office" in text


def test_a_short_last_line_of_a_page_never_carries_the_next_pages_passage_back(
    sqlite_db: Database, tmp_path: Path
) -> None:
    path = write_pdf(
        tmp_path / "survey.pdf",
        [
            ["District transport survey", "Prepared for the transport office."],
            ["Buses", "The district recorded 4.2 million bus journeys in 2025, up from 3.9."],
        ],
        info={"Title": "District transport survey"},
    )
    import_paths(sqlite_db, [path])
    with sqlite_db.read() as session:
        passages = list(session.scalars(select(Passage).order_by(Passage.ordinal)))
    buses = [p for p in passages if "bus journeys" in p.text]
    assert [p.page for p in buses] == [2]
    assert all("Prepared" not in p.text for p in buses)
