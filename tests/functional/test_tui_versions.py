"""The workbench shows what a newer version of the article did to a claim."""

from __future__ import annotations

from pathlib import Path

from db.session import Database
from tests.support.tui_fixture import ANALYST, loaded, screen_text, settings, settle
from verify.config import DEFAULT_SCALE
from verify.services.article import import_article
from verify.services.browse import claim_rows
from verify.services.review import record_verdict
from verify.tui.app import VerifyApp

HEAD = "City budget grows\n\n"
JOBS = "Mayor Ann Holt said unemployment in the district fell to 4.1 percent last year."
JOBS_FIXED = JOBS.replace("4.1", "4.3")


async def test_a_changed_claim_shows_its_old_text_beside_its_verdict(
    sqlite_db: Database, tmp_path: Path
) -> None:
    one = tmp_path / "v1.txt"
    one.write_text(HEAD + JOBS + "\n")
    first = import_article(sqlite_db, one, url="https://news.example/jobs", match=False)
    claim_id = claim_rows(sqlite_db, first.article_id)[0].id
    record_verdict(sqlite_db, claim_id, DEFAULT_SCALE[0], analyst=ANALYST)
    two = tmp_path / "v2.txt"
    two.write_text(HEAD + JOBS_FIXED + "\n")
    made = import_article(sqlite_db, two, url="https://news.example/jobs", match=False)
    assert made.version == 2
    app = VerifyApp(sqlite_db, settings(sqlite_db), poll_seconds=60, database_label="test.db")
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await loaded(pilot)
        await settle(pilot)
        screen = " ".join(screen_text(app).split())
    assert "changed in version 2 since the verdict; was: Mayor Ann Holt" in screen
