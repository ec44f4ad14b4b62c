"""Web pages by URL: fetched from a real HTTP server on 127.0.0.1 (nothing leaves the
machine), archived byte for byte with the time of the fetch, read as local files are; a
failed fetch is one line, exit code 1, and stores nothing. Every page is invented."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.models import Article, Passage, Source, WebCopy
from db.session import Database
from tests.support.cli_run import Run, run_cli
from tests.support.documents import pdf_bytes
from tests.support.tui_fixture import settings, settle
from tests.support.web_server import PageServer, Route, serving
from verify.read import disk, web
from verify.tui.app import VerifyApp
from verify.tui.screens.ask import PathScreen

PAGE = """<!doctype html><html><head><title>Kessel bridge closed to lorries</title>
<meta name="author" content="Tarn Valley Courier (fictional)"></head><body>
<nav>Home | News | Sport</nav>
<article><h1>Kessel bridge closed to lorries</h1>
<p>The ministry of transport closed the Tarn river bridge at Kessel to lorries on Monday,
after engineers found that it carried nine thousand of them a day, three times its design
load.</p>
<p>Cars and buses may still cross at thirty kilometres an hour while the ministry decides
whether to strengthen the bridge or build a new one upstream.</p>
<p>The closure adds forty minutes to the lorry route from Kessel to Arvo, the hauliers'
association said.</p>
</article><!-- served at {stamp} --></body></html>"""

ARTICLE_PAGE = """<!doctype html><html><head><title>Minister defends bridge plan</title>
</head><body><article><h1>Minister defends bridge plan</h1>
<p>The minister of transport, Ilse Varga, said on Tuesday that the Tarn river bridge at
Kessel carries nine thousand lorries a day.</p>
<p>"We will decide on a new bridge before the summer," Ms Varga told the assembly.</p>
</article></body></html>"""

TABLES = (Article, Source, Passage, WebCopy)


@pytest.fixture
def pages(monkeypatch: pytest.MonkeyPatch) -> Iterator[PageServer]:
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    with serving() as server:
        yield server


def counts(db: Database) -> dict[str, int]:
    with db.read() as session:
        return {
            t.__tablename__: int(session.scalar(select(func.count()).select_from(t)) or 0)
            for t in TABLES
        }


def assert_failed_in_one_line(run: Run, *expected: str) -> None:
    assert run.code == 1, (run.code, run.err)
    lines = run.err.splitlines()
    assert len(lines) == 1 and "Traceback" not in run.err, run.err
    for text in expected:
        assert text in lines[0], (text, lines[0])


def test_a_web_page_is_fetched_archived_and_read_as_a_local_html_file_is(
    db: Database, pages: PageServer
) -> None:
    url = pages.page("/news/kessel", PAGE.replace("{stamp}", "1"))
    run = run_cli("--db", db.url, "evidence", "add", url)
    assert run.code == 0, run.err
    assert "1 sources added" in run.out
    with db.read() as session:
        source = session.scalars(select(Source)).one()
        copy = session.scalars(select(WebCopy)).one()
    assert source.title == "Kessel bridge closed to lorries"
    assert source.url == url and source.path is None
    assert source.format == "html"
    assert "nine thousand of them a day" in source.text
    assert "Home | News" not in source.text  # page chrome dropped, as for a local file
    assert not source.text.startswith("Kessel bridge closed")  # the title is no passage
    assert copy.source_id == source.id
    assert copy.body == PAGE.replace("{stamp}", "1").encode("utf-8")
    assert copy.content_type == "text/html; charset=utf-8"
    assert copy.fetched_at is not None
    found = run_cli("--db", db.url, "evidence", "search", "lorries banned from Kessel bridge")
    assert "Kessel bridge closed to lorries" in found.out


def test_adding_the_same_url_with_unchanged_content_changes_nothing(
    db: Database, pages: PageServer
) -> None:
    url = pages.page("/news/kessel", PAGE.replace("{stamp}", "1"))
    assert run_cli("--db", db.url, "evidence", "add", url).code == 0
    before = counts(db)
    pages.page("/news/kessel", PAGE.replace("{stamp}", "2"))  # only a comment changed
    again = run_cli("--db", db.url, "evidence", "add", url)
    assert again.code == 0 and "0 sources added" in again.out and "1 already stored" in again.out
    assert counts(db) == before
    assert pages.hits["/news/kessel"] == 2


def test_an_article_by_url_is_fetched_archived_and_its_claims_extracted(
    db: Database, pages: PageServer
) -> None:
    url = pages.page("/politics/varga", ARTICLE_PAGE)
    run = run_cli("--db", db.url, "article", "add", url)
    assert run.code == 0, run.err
    assert "Minister defends bridge plan" in run.out
    with db.read() as session:
        article = session.scalars(select(Article)).one()
        copy = session.scalars(select(WebCopy)).one()
    assert article.url == url and article.path is None
    assert copy.article_id == article.id and copy.body == ARTICLE_PAGE.encode("utf-8")
    claims = run_cli("--db", db.url, "claims").out
    assert "nine thousand lorries a day" in claims
    again = run_cli("--db", db.url, "article", "add", url)
    assert again.code == 0 and "already stored" in again.out
    assert counts(db)["web_copy"] == 1


def test_a_pdf_by_url_keeps_its_pages(db: Database, pages: PageServer) -> None:
    body = pdf_bytes(
        [
            ["Tarn bridges census", "Nothing else is on this first page of the census."],
            ["The Kessel bridge carried nine thousand lorries a day in the spring census."],
        ],
        info={"Title": "Tarn bridges census 2026"},
    )
    url = pages.page("/reports/census.pdf", body, "application/pdf")
    assert run_cli("--db", db.url, "evidence", "add", url).code == 0
    with db.read() as session:
        source = session.scalars(select(Source)).one()
        kessel = session.scalars(select(Passage).where(Passage.text.contains("Kessel"))).one()
    assert source.title == "Tarn bridges census 2026" and source.format == "pdf"
    assert kessel.page == 2


def failing_routes(pages: PageServer, monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple]:
    pages.routes["/slow"] = Route(PAGE.encode(), delay=3.0)
    pages.routes["/big"] = Route(PAGE.encode() * 40)
    pages.routes["/image"] = Route(b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
    pages.routes["/to-file"] = Route(b"", status=302, location="file:///etc/passwd")
    pages.routes["/error"] = Route(b"oops", status=500)
    pages.routes["/no-text"] = Route(b"<html><head><title>Nothing</title></head><body> </body>")
    pages.routes["/scan.pdf"] = Route(pdf_bytes([None]), "application/pdf")
    monkeypatch.setattr(web, "TIMEOUT_SECONDS", 0.5)
    monkeypatch.setattr(disk, "MAX_FILE_BYTES", 8000)
    return {
        "missing page": (pages.url("/gone"), "the server answered 404"),
        "a page without text": (pages.url("/no-text"), "no readable text"),
        "a PDF without text": (pages.url("/scan.pdf"), "PDF"),
        "server error": (pages.url("/error"), "the server answered 500"),
        "slow server": (pages.url("/slow"), "timed out after 0.5 s"),
        "too large": (pages.url("/big"), "file too large"),
        "not a page": (pages.url("/image"), "not a web page or document (Content-Type image/png)"),
        "redirect to a file": (pages.url("/to-file"), "redirected to a URL that is not http(s)"),
        "ftp": ("ftp://127.0.0.1/report.html", "only http and https URLs are fetched"),
        "file": ("file:///etc/hostname", "only http and https URLs are fetched"),
        "nobody listening": ("http://127.0.0.1:9/page", "could not fetch"),
    }


@pytest.mark.parametrize("command", ["evidence", "article"])
def test_a_failed_fetch_is_one_line_exit_1_and_stores_nothing(
    db: Database, pages: PageServer, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    for name, (url, says) in failing_routes(pages, monkeypatch).items():
        before = counts(db)
        run = run_cli("--db", db.url, command, "add", url)
        assert_failed_in_one_line(run, url, says)
        assert counts(db) == before, name


async def test_the_palettes_import_takes_a_url(
    sqlite_db: Database, pages: PageServer, tmp_path: Path
) -> None:
    url = pages.page("/news/kessel", PAGE.replace("{stamp}", "1"))
    app = VerifyApp(sqlite_db, settings(sqlite_db), poll_seconds=60, database_label="test.db")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        app.action_import_evidence()
        await settle(pilot, lambda: isinstance(app.screen, PathScreen))
        app.screen.query_one("#ask-path").value = url
        await pilot.press("enter")
        await settle(pilot, lambda: counts(sqlite_db)["web_copy"] == 1 and not app.task_running)
    assert counts(sqlite_db)["source"] == 1
