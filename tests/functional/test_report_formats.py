"""Every export format carries the same facts; the export interface the CLI and TUI call."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.support.databases import postgres_url
from tests.support.report_fixture import ReportData, build, parse_html
from verify.errors import InputError
from verify.report import EXTENSIONS, FORMATS, export
from verify.report.claimreview import NothingApproved

NOW = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def report_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ReportData]:
    """The report fixture database, on SQLite and then on PostgreSQL."""
    if request.param == "sqlite":
        data = build(f"sqlite:///{tmp_path_factory.mktemp('report') / 'report.db'}")
        yield data
        data.db.dispose()
        return
    for url in postgres_url("report"):
        data = build(url)
        yield data
        data.db.dispose()


@pytest.fixture(scope="module")
def exports(report_db: ReportData) -> dict[str, str]:
    return {fmt: export(report_db.db, report_db.settings, fmt, now=NOW) for fmt in FORMATS}


def _markdown_claims(text: str) -> dict[str, str]:
    """Each claim's Markdown section, keyed by its escaped claim text."""
    sections = re.split(r"^#### ", text, flags=re.M)[1:]
    found = {}
    for section in sections:
        claim = re.search(r"^\*\*Claim:\*\* (.*)$", section, flags=re.M)
        assert claim, section
        found[claim.group(1)] = section
    return found


def _cell(value: str) -> str:
    """A CSV cell as stored, without the quote that defuses a formula."""
    return value[1:] if value[:2] in {"'=", "'+", "'-", "'@", "'\t", "'\r"} else value


def _md(text: str) -> str:
    """How the Markdown export escapes plain text, for finding it again."""
    from verify.report.markdown import escape

    return escape(text)


def test_every_format_reports_the_same_verdicts_ratings_analysts_and_evidence(
    exports: dict[str, str],
) -> None:
    data = json.loads(exports["json"])
    rows = {int(r["claim_id"]): r for r in csv.DictReader(io.StringIO(exports["csv"]))}
    page = parse_html(exports["html"])
    html_claims = {n.attrs["id"]: n for n in page.find_all("section", "claim")}
    md_claims = _markdown_claims(exports["md"])
    reviews = {r["url"].rsplit("#claim-", 1)[1]: r for r in json.loads(exports["claimreview"])}

    claims = [c for a in data["articles"] for c in a["claims"]]
    assert len(claims) == len(rows) == len(html_claims) == len(md_claims) == 6
    with_verdict = 0
    for claim in claims:
        verdict = claim["verdict"]
        row = rows[claim["id"]]
        section = html_claims[f"claim-{claim['id']}"]
        md = md_claims[_md(claim["text"])]
        badge = section.find("span", "badge").text
        html_evidence = section.find_all("li", "evidence-item")
        md_sources = re.findall(r"^- \*\*.*?\*\* \(.*?\): \[?([^\]\n,]*)", md, flags=re.M)

        if verdict is None:
            assert row["verdict"] == row["analyst"] == row["verdict_at"] == ""
            assert badge == "No verdict"
            assert "**Verdict:** none yet." in md
            assert str(claim["id"]) not in reviews
            continue
        with_verdict += 1
        assert row["verdict"] == verdict["rating"] == badge
        assert row["rating_value"] == (
            "" if verdict["rating_value"] is None else str(verdict["rating_value"])
        )
        assert row["analyst"] == verdict["analyst"]
        assert row["verdict_at"] == verdict["at"]
        assert row["state"] == verdict["state"]
        details = section.find("dl", "verdict").text
        assert f"by {verdict['analyst']}" in details
        assert verdict["at"][:16].replace("T", " ") in details
        assert f"**Verdict:** **{_md(verdict['rating'])}**" in md
        assert f"by {_md(verdict['analyst'])}" in md
        if verdict["confidence"] is not None:
            shown = f"confidence {round(verdict['confidence'] * 100)}%"
            assert shown in details
            assert shown in md
            assert float(row["confidence"]) == verdict["confidence"]
        review = reviews.get(str(claim["id"]))
        if verdict["state"] == "approved":
            assert review is not None
            assert review["claimReviewed"] == claim["text"]
            assert review["reviewRating"]["alternateName"] == verdict["rating"]
            assert review["reviewRating"].get("ratingValue") == verdict["rating_value"]
            assert review["datePublished"] == verdict["at"][:10]
        else:
            assert review is None

        # The evidence each format cites is linked evidence, with the same best item.
        texts = {e["text"]: e for e in claim["evidence"]}
        if row["best_evidence"]:
            best = texts[_cell(row["best_evidence"])]
            assert row["best_evidence_source"] == (best["source"]["title"] or "")
            assert row["best_evidence_stance"] == (best["stance"] or "")
            assert html_evidence[0].find(cls="source-title").text == best["source"]["title"]
            assert md_sources[0].startswith(_md(best["source"]["title"]))
        for item in html_evidence:
            passage = item.find("blockquote", "passage").text
            assert passage in texts
            stance = texts[passage]["stance"]
            label = item.find("span", "stance").text
            assert label == (stance.capitalize() if stance else "Machine match")
        assert len(md_sources) == len(html_evidence)
    assert with_verdict == 4


def test_the_analysts_labels_decide_what_is_cited(exports: dict[str, str]) -> None:
    page = parse_html(exports["html"])
    data = json.loads(exports["json"])
    by_text = {c["text"]: c for a in data["articles"] for c in a["claims"]}
    sections = {
        n.find("blockquote", "claim-text").find("p").text: n
        for n in page.find_all("section", "claim")
    }

    budget = sections["The Korsa dam was finished entirely on budget."]
    stances = [n.text for n in budget.find_all("span", "stance")]
    assert stances == ["Contradicts", "Context"]  # labelled first, though scored lower

    jobs = sections["Unemployment in Pellandria fell to 4.2 per cent last year."]
    assert [n.text for n in jobs.find_all("span", "stance")] == ["Machine match"] * 3
    all_jobs = by_text["Unemployment in Pellandria fell to 4.2 per cent last year."]["evidence"]
    assert len(all_jobs) == 4  # the JSON keeps every link; the page cites the top three

    water = sections["Every village in the Korsa valley now has running water."]
    cited = [n.find(cls="source-title").text for n in water.find_all("li", "evidence-item")]
    assert cited == ["Valley water survey"]  # the link marked irrelevant is not cited


def test_one_article_can_be_exported_alone(report_db: ReportData) -> None:
    wanted = report_db.article_ids["dam"]
    for fmt in FORMATS:
        text = export(report_db.db, report_db.settings, fmt, article_id=wanted, now=NOW)
        assert "Korsa" in text
        assert "Mallory" not in text, fmt
    data = json.loads(export(report_db.db, report_db.settings, "json", article_id=wanted))
    assert [a["id"] for a in data["articles"]] == [wanted]


def test_an_unknown_article_or_format_is_bad_input(report_db: ReportData) -> None:
    with pytest.raises(InputError, match="no article with id 999"):
        export(report_db.db, report_db.settings, "md", article_id=999)
    with pytest.raises(InputError, match="unknown export format 'pdf'"):
        export(report_db.db, report_db.settings, "pdf")


def test_the_generation_time_is_utc_whatever_zone_it_is_given_in(
    report_db: ReportData,
) -> None:
    plus_two = datetime(2026, 3, 1, 11, 30, tzinfo=timezone(timedelta(hours=2)))
    for now in (plus_two, datetime(2026, 3, 1, 9, 30)):
        data = json.loads(export(report_db.db, report_db.settings, "json", now=now))
        assert data["generated_at"] == "2026-03-01T09:30:00Z"
        assert "2026-03-01 09:30 UTC" in export(report_db.db, report_db.settings, "md", now=now)


def test_an_empty_database_gives_an_empty_report_and_claimreview_says_why_it_has_none(
    tmp_path: Path, report_db: ReportData
) -> None:
    from db.session import open_database

    empty = open_database(f"sqlite:///{tmp_path / 'empty.db'}")
    texts = {
        f: export(empty, report_db.settings, f, now=NOW) for f in FORMATS if f != "claimreview"
    }
    with pytest.raises(NothingApproved, match="no claim has a verdict yet"):
        export(empty, report_db.settings, "claimreview")
    assert (
        json.loads(export(empty, report_db.settings, "claimreview", include_unapproved=True)) == []
    )
    assert json.loads(texts["json"])["articles"] == []
    assert texts["csv"].splitlines()[1:] == []
    assert "no articles" in texts["md"]
    assert "no articles" in texts["html"]


def test_each_format_has_a_file_extension() -> None:
    assert set(EXTENSIONS) == set(FORMATS)
