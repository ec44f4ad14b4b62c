"""A team on PostgreSQL keeps working while one analyst imports a large evidence file.

The installed ``verify`` command imports a file in one long transaction; meanwhile
another analyst, in this process, records verdicts and searches the store. Each of those
must come back while the import is still open (its records not yet visible), and the
import must still land whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import Claim
from db.session import Database, open_database
from tests.e2e.test_team_load import ARTICLE, EVIDENCE
from tests.functional.test_crash import (
    Inspector,
    Stored,
    start_import,
    wait_until_reading,
    write_records,
)
from tests.support.databases import postgres_url
from verify.config import DEFAULT_SCALE
from verify.evidence.ingest import import_paths
from verify.evidence.search import search_evidence
from verify.services import review
from verify.services.article import import_article

RECORDS = 20_000
"""Enough for the import to take a few seconds: time for several verdicts and searches."""
WANTED = 5
"""Verdicts and searches that must come back while the import is open."""


@pytest.fixture
def team(tmp_path: Path) -> Iterator[tuple[str, Database]]:
    """A PostgreSQL database with an article whose claims have evidence."""
    for url in postgres_url("alongside"):
        db = open_database(url)
        (tmp_path / "bulletin.txt").write_text(EVIDENCE, encoding="utf-8")
        (tmp_path / "strike.txt").write_text(ARTICLE, encoding="utf-8")
        import_paths(db, [tmp_path / "bulletin.txt"])
        import_article(db, tmp_path / "strike.txt")
        yield url, db
        db.dispose()


def test_verdicts_and_searches_answer_while_another_analyst_imports_on_postgresql(
    team: tuple[str, Database], tmp_path: Path
) -> None:
    url, db = team
    inspector = Inspector(url)
    big = write_records(tmp_path / "big.jsonl", 7, RECORDS)
    with db.read() as session:
        claim_id = session.scalars(select(Claim.id).order_by(Claim.id)).first()
    assert claim_id is not None

    process = start_import(url, big)
    answered_during = 0
    try:
        assert wait_until_reading(process, big), process.communicate()[1]
        for i in range(WANTED * 4):
            verdict = review.record_verdict(
                db, claim_id, DEFAULT_SCALE[i % len(DEFAULT_SCALE)], "bea", rationale=f"{i}"
            )
            found = search_evidence(db, "dockers on strike", top_k=3)
            assert verdict.rating == DEFAULT_SCALE[i % len(DEFAULT_SCALE)].name
            assert found and "dockers" in found[0].text
            if process.poll() is None and inspector.stored(big) == Stored(0, 0):
                answered_during += 1
            if answered_during >= WANTED:
                break
    finally:
        _, err = process.communicate(timeout=600)
    assert process.returncode == 0, err
    assert answered_during >= WANTED
    assert inspector.stored(big).sources == RECORDS
    assert inspector.problems() == []
    assert "dockers" in search_evidence(db, "dockers on strike", top_k=3)[0].text
