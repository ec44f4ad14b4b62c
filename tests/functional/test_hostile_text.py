"""Text that once crashed an import: footnote and circled digits, odd punctuation.

Each is replayed through the real command line on both databases: the command
succeeds, and the article lands with its claims and their evidence in one piece.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.cli_run import run_cli

EVIDENCE = (
    "Norrhaven treasury note¹\n\n"
    "The ferry levy raised ② 9.5 million crowns ₅ in the last financial year³.\n"
)
ARTICLE = (
    "Ferry levy row in Norrhaven\n\n"
    "Harbour minister Edda Lunn said the ferry levy had raised 12² million crowns.\n\n"
    "“We won,” said; Mr. Smith.\n"
)


def test_footnote_digits_in_evidence_and_articles_import_and_match(
    db_url: str, tmp_path: Path
) -> None:
    (tmp_path / "note.txt").write_text(EVIDENCE, encoding="utf-8")
    (tmp_path / "story.txt").write_text(ARTICLE, encoding="utf-8")
    evidence = run_cli("--db", db_url, "evidence", "add", str(tmp_path / "note.txt"))
    assert evidence.code == 0, evidence.err
    article = run_cli("--db", db_url, "article", "add", str(tmp_path / "story.txt"))
    assert article.code == 0, article.err
    assert run_cli("--db", db_url, "match").code == 0
    records = json.loads(run_cli("--db", db_url, "claims", "--json").out)
    assert any("Edda Lunn" in (r["speaker"] or "") for r in records)
    search = run_cli("--db", db_url, "evidence", "search", "ferry levy ² crowns", "--json")
    assert search.code == 0 and json.loads(search.out)["results"]


def test_a_quote_followed_by_a_semicolon_and_a_title_extracts(db_url: str, tmp_path: Path) -> None:
    (tmp_path / "won.txt").write_text("“We won,” said; Mr. Smith.\n", encoding="utf-8")
    run = run_cli("--db", db_url, "article", "add", str(tmp_path / "won.txt"))
    assert run.code == 0, run.err
