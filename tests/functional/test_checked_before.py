"""Checked before: each claim beside the published fact-checks it matches and the team's
verdicts on the same claim in earlier articles; claims never checked stay clean."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db import claims as claim_db
from db import factchecks as factcheck_db
from db.models import AuditEvent, FactCheck
from db.session import Database
from tests.support import archives
from tests.support.archives import BRIDGE, HOSPITAL, LEVY
from verify.config import DEFAULT_SCALE
from verify.errors import InputError
from verify.match.link import match_claims
from verify.services.article import import_article
from verify.services.factchecks import add_factchecks, list_factchecks, search_archives
from verify.services.review import record_verdict

FIRST = """Harbour budget under fire in Norrhaven

Harbour minister Edda Lunn said on Tuesday that the ferry levy raised 12 million crowns last year.

Opposition leader Tove Ask said the Skarholm bridge cost twice its budget of 40 million crowns.

The regional library opened a new reading room for children on Saturday, the council said.
"""

SECOND = """Levy dispute returns to the assembly

Edda Lunn repeated on Monday that last year the ferry charge brought in 12 million crowns.

Council member Rune Dahl said the fish market will move to the old customs hall in 2027.
"""

MOSTLY_FALSE = next(r for r in DEFAULT_SCALE if r.name == "Mostly false")


def article(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def checked(db: Database) -> dict[str, list[factcheck_db.Earlier]]:
    """Each claim's checked-before matches, by the claim's first words."""

    with db.read() as session:
        found = factcheck_db.checked_before(session)
        return {c.text[:30]: found.get(c.id, []) for c in claim_db.claims(session)}


def claim_id(db: Database, start: str) -> int:

    with db.read() as session:
        return next(c.id for c in claim_db.claims(session) if c.text.startswith(start))


def stored(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(FactCheck)) or 0)


def test_published_fact_checks_show_on_the_claims_they_match_and_nowhere_else(
    db: Database, tmp_path: Path
) -> None:
    import_article(db, article(tmp_path, "first.txt", FIRST))
    report = add_factchecks(
        db,
        [
            archives.single(tmp_path / "levy.json", LEVY),
            archives.csv_archive(tmp_path / "more.csv", BRIDGE, HOSPITAL),
        ],
    )
    assert (report.added, report.claims_refreshed) == (3, 3)
    found = checked(db)
    [levy] = found["Harbour minister Edda Lunn sai"]
    assert (levy.source, levy.rating, levy.date, levy.publisher, levy.url) == (
        "archive",
        "False",
        "2026-03-02",
        "Other Check",
        LEVY["url"],
    )
    [bridge] = found["Opposition leader Tove Ask sai"]
    assert (bridge.rating, bridge.publisher) == ("Mostly true", "Fjord Facts")
    assert found["The regional library opened a "] == []


def test_an_archive_added_before_the_article_is_matched_when_the_article_is_imported(
    db: Database, tmp_path: Path
) -> None:
    add_factchecks(db, [archives.datafeed(tmp_path / "feed.json", LEVY, HOSPITAL)])
    import_article(db, article(tmp_path, "first.txt", FIRST))
    found = checked(db)
    assert [e.rating for e in found["Harbour minister Edda Lunn sai"]] == ["False"]
    assert found["Opposition leader Tove Ask sai"] == []


def test_a_team_verdict_shows_on_the_same_claim_restated_in_a_later_article(
    db: Database, tmp_path: Path
) -> None:
    first = import_article(db, article(tmp_path, "first.txt", FIRST))
    record_verdict(db, claim_id(db, "Harbour minister"), MOSTLY_FALSE, "ana", rationale="9.5m")
    second = import_article(db, article(tmp_path, "second.txt", SECOND))
    found = checked(db)
    [earlier] = found["Edda Lunn repeated on Monday t"]
    assert (earlier.source, earlier.rating, earlier.analyst) == ("team", "Mostly false", "ana")
    assert (earlier.article_id, earlier.earlier_claim_id) == (
        first.article_id,
        claim_id(db, "Harbour minister"),
    )
    assert found["Council member Rune Dahl said "] == []
    # the claim's own verdict is not "checked before" for itself or its own article
    assert found["Harbour minister Edda Lunn sai"] == []
    assert second.article_id != first.article_id


def test_verify_match_refreshes_the_team_history(db: Database, tmp_path: Path) -> None:
    import_article(db, article(tmp_path, "first.txt", FIRST))
    import_article(db, article(tmp_path, "second.txt", SECOND))
    assert checked(db)["Edda Lunn repeated on Monday t"] == []
    record_verdict(db, claim_id(db, "Harbour minister"), MOSTLY_FALSE, "ana")
    match_claims(db)
    assert [e.rating for e in checked(db)["Edda Lunn repeated on Monday t"]] == ["Mostly false"]
    # the earlier claim's newer verdict is what shows
    record_verdict(db, claim_id(db, "Harbour minister"), DEFAULT_SCALE[0], "ben")
    assert [e.analyst for e in checked(db)["Edda Lunn repeated on Monday t"]] == ["ben"]


def test_a_bad_record_stores_nothing_of_any_file(db: Database, tmp_path: Path) -> None:
    good = archives.single(tmp_path / "a-good.json", LEVY)
    bad = archives.csv_archive(tmp_path / "b-bad.csv", BRIDGE, {**HOSPITAL, "rating": ""})
    with pytest.raises(InputError) as caught:
        add_factchecks(db, [good, bad])
    assert str(caught.value) == f'{bad}:3: record has no "rating" (missing)'
    assert stored(db) == 0


def test_importing_the_same_fact_checks_again_changes_nothing(db: Database, tmp_path: Path) -> None:
    first = add_factchecks(db, [archives.listed(tmp_path / "list.json", LEVY, BRIDGE)])
    again = add_factchecks(
        db,
        [
            archives.listed(tmp_path / "list.json", LEVY, BRIDGE),
            archives.jsonl_archive(tmp_path / "same.jsonl", LEVY, BRIDGE),
        ],
    )
    assert (first.added, again.added, again.already_stored) == (2, 0, 2)
    assert stored(db) == 2
    with db.read() as session:
        imports = session.scalars(select(AuditEvent).where(AuditEvent.entity == "factcheck"))
        assert len(list(imports)) == 1


def test_the_archive_can_be_listed_and_searched(db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    archives.graph(folder / "graph.jsonld", LEVY)
    archives.jsonl_archive(folder / "more.jsonl", BRIDGE, HOSPITAL)
    assert add_factchecks(db, [folder]).added == 3
    total, newest = list_factchecks(db, limit=2)
    assert total == 3 and [f.claim for f in newest] == [LEVY["claim"], BRIDGE["claim"]]
    hits = search_archives(db, "how much did the Skarholm bridge cost?")
    assert hits[0].factcheck is not None and hits[0].factcheck.claim == BRIDGE["claim"]
    assert search_archives(db, "zebra xylophone quartz") == []


def test_the_command_line_imports_lists_searches_and_shows_checked_before(
    db_url: str, tmp_path: Path
) -> None:
    from tests.support.cli_run import run_cli

    folder = tmp_path / "archive"
    folder.mkdir()
    archives.datafeed(folder / "feed.json", LEVY)
    archives.csv_archive(folder / "more.csv", BRIDGE, HOSPITAL)
    assert (
        run_cli("--db", db_url, "article", "add", str(article(tmp_path, "a.txt", FIRST))).code == 0
    )
    added = run_cli("--db", db_url, "factchecks", "add", str(folder))
    assert added.code == 0 and "2 files: 3 fact-checks added, 0 already stored" in added.out
    again = run_cli("--db", db_url, "factchecks", "add", str(folder))
    assert "0 fact-checks added, 3 already stored" in again.out
    listed = run_cli("--db", db_url, "factchecks", "list", "--json")
    assert json.loads(listed.out)["total"] == 3
    found = run_cli("--db", db_url, "factchecks", "search", "Skarholm bridge cost twice its budget")
    assert found.code == 0 and found.out.splitlines()[1].strip() == BRIDGE["claim"]
    records = json.loads(run_cli("--db", db_url, "claims", "--json").out)
    shown = {r["text"][:20]: r["checked_before"] for r in records}
    [levy] = shown["Harbour minister Edd"]
    assert {k: levy[k] for k in ("source", "rating", "date", "url")} == {
        "source": "archive",
        "rating": "False",
        "date": "2026-03-02",
        "url": LEVY["url"],
    }
    assert levy["score"] >= 68
    assert shown["The regional library"] == []
    text = run_cli("--db", db_url, "claims").out
    assert "checked before: False, 2026-03-02, Other Check" in text


def test_a_bad_record_exits_2_with_one_line_and_stores_nothing(db_url: str, tmp_path: Path) -> None:
    from tests.support.cli_run import run_cli

    review = archives.claimreview(BRIDGE)
    review["reviewRating"] = {"@type": "Rating"}
    bad = archives.write_json(
        tmp_path / "bad.json", {"@graph": [archives.claimreview(LEVY), review]}
    )
    good = archives.jsonl_archive(tmp_path / "good.jsonl", HOSPITAL)
    run = run_cli("--db", db_url, "factchecks", "add", str(good), str(bad))
    assert run.code == 2
    assert run.err == f"verify: {bad}: record 2: ClaimReview has no reviewRating.alternateName\n"
    assert json.loads(run_cli("--db", db_url, "factchecks", "list", "--json").out)["total"] == 0


def test_reports_show_checked_before_beside_each_claim_and_json_follows_its_schema(
    db: Database, tmp_path: Path
) -> None:
    from jsonschema import Draft202012Validator

    from verify.config import load_settings
    from verify.report import export
    from verify.report.jsonreport import schema

    first = import_article(db, article(tmp_path, "first.txt", FIRST))
    record_verdict(db, claim_id(db, "Harbour minister"), MOSTLY_FALSE, "ana")
    second = import_article(db, article(tmp_path, "second.txt", SECOND))
    add_factchecks(db, [archives.graph(tmp_path / "g.jsonld", LEVY, HOSPITAL)])
    settings = load_settings(db=db.url, analyst="ana")
    data = json.loads(export(db, settings, "json", article_id=second.article_id))
    Draft202012Validator(schema()).validate(data)
    restated, never = data["articles"][0]["claims"]
    assert [(e["source"], e["rating"]) for e in restated["checked_before"]] == [
        ("team", "Mostly false"),
        ("archive", "False"),
    ]
    assert restated["checked_before"][0]["article_id"] == first.article_id
    assert never["checked_before"] == []
    markdown = export(db, settings, "md", article_id=second.article_id)
    assert f"**Checked before:** Mostly false, by ana, article {first.article_id}" in markdown
    assert "**Checked before:** [False, 2026-03-02, Other Check, score " in markdown
    assert markdown.count("Checked before") == 2
    html = export(db, settings, "html", article_id=second.article_id)
    assert f'<a href="{LEVY["url"]}" rel="noopener noreferrer">False, 2026-03-02, Other' in html
    assert html.count("<strong>Checked before:</strong>") == 2
