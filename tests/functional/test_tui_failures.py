"""Failures never close the workbench: they are reported, logged, and recovered from.

A job that raises leaves the app running with a one-line message naming the log
file, where the traceback is. A change poll that cannot read the database shows a
banner, tries again later and later over a new connection, and carries on once the
database is back.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from db.session import Database
from tests.support.databases import PG_URL, postgres_url
from tests.support.tui_fixture import build, loaded, screen_text, settings, settle
from verify.config import DEFAULT_SCALE
from verify.errorlog import log_file
from verify.services import review
from verify.tui.app import VerifyApp
from verify.tui.widgets.claim_list import ClaimList
from verify.tui.widgets.watch import ChangeWatch

TRUE = DEFAULT_SCALE[4]
NAME = f"verify-failures-{uuid.uuid4().hex[:8]}"


def app_for(db: Database, poll_seconds: float = 60) -> VerifyApp:
    return VerifyApp(db, settings(db), poll_seconds=poll_seconds, database_label="test.db")


def said(app: VerifyApp) -> str:
    return " ".join(n.message for n in app._notifications)


async def test_a_job_that_raises_leaves_the_workbench_running_and_logs_the_traceback(
    sqlite_db: Database, tmp_path: Path, state_folder: Path
) -> None:
    build(sqlite_db)
    app = app_for(sqlite_db)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        with sqlite_db.write() as session:  # a table gone from under the export
            session.execute(text("ALTER TABLE verdict RENAME TO verdict_gone"))
        app.export_to("md", tmp_path / "report.md", None)
        await settle(pilot, lambda: app.task_running is None and "failed" in said(app))
        message = said(app)
        assert "Exporting md failed: " in message and "database error: no such table" in message
        assert str(log_file()) in message and str(log_file()).startswith(str(state_folder))
        with sqlite_db.write() as session:
            session.execute(text("ALTER TABLE verdict_gone RENAME TO verdict"))
        await pilot.press("down", "5")  # still working: the next verdict is saved
        await settle(pilot)
        assert app.is_running and app.return_code is None
        assert "● True" in screen_text(app)
    assert "Traceback (most recent call last)" in log_file().read_text()
    assert "Exporting md failed" in log_file().read_text()


async def test_a_refused_job_is_one_line_without_a_traceback(
    sqlite_db: Database, tmp_path: Path
) -> None:
    build(sqlite_db)
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("a file, not a folder")
    app = app_for(sqlite_db)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        app.export_to("md", not_a_folder / "report.md", None)
        await settle(pilot, lambda: app.task_running is None and "failed" in said(app))
        assert "notes.txt/report.md: cannot write" in said(app)
        assert "details in" not in said(app)
        assert app.is_running
    assert not log_file().exists()


async def test_a_read_that_fails_is_reported_and_the_screen_stays(
    sqlite_db: Database,
) -> None:
    build(sqlite_db)
    app = app_for(sqlite_db)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        with sqlite_db.write() as session:  # the evidence is gone from under the screen
            session.execute(text("ALTER TABLE passage RENAME TO passage_gone"))
        await pilot.press("ctrl+r")
        await settle(pilot, lambda: "Reading (" in said(app))
        assert app.is_running and str(log_file()) in said(app)
        with sqlite_db.write() as session:
            session.execute(text("ALTER TABLE passage_gone RENAME TO passage"))
        await pilot.press("ctrl+r", "down")
        await settle(pilot)
        assert "Claim 2 of" in screen_text(app) or "2 of" in screen_text(app)
    assert "passage" in log_file().read_text()


def _move_away(path: Path) -> Path:
    """Take the database file away and leave a folder where it was: it cannot be opened."""
    kept = path.with_name(path.name + ".away")
    shutil.move(path, kept)
    path.mkdir()
    return kept


async def test_the_change_poll_shows_a_banner_while_the_database_is_gone_and_recovers(
    tmp_path: Path,
) -> None:
    from verify.services.database import open_database

    path = tmp_path / "team.db"
    db = open_database(f"sqlite:///{path}")
    ids = build(db)
    app = app_for(db, poll_seconds=0.05)
    try:
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await loaded(pilot)
            watch = app.screen.query_one(ChangeWatch)
            db.dispose()  # the connection is lost with the file
            kept = _move_away(path)
            await settle(pilot, lambda: watch.backoff.failures >= 2, timeout=30)
            assert watch.has_class("-failing")
            banner = screen_text(app)
            assert "Cannot read the database" in banner and "Trying again" in banner
            assert "details in" in banner

            path.rmdir()
            shutil.move(kept, path)  # the database is back
            await settle(pilot, lambda: watch.backoff.failures == 0, timeout=60)
            assert not watch.has_class("-failing")
            assert "answers again" in said(app)

            other = open_database(f"sqlite:///{path}")
            review.record_verdict(other, ids["claims"][2], TRUE, "ana")  # the poll goes on
            other.dispose()
            claims = app.screen.query_one(ClaimList)
            await settle(
                pilot,
                lambda: (row := claims.row(ids["claims"][2])) is not None and row.rating == "True",
                timeout=30,
            )
        assert "Traceback" in log_file().read_text()
    finally:
        db.dispose()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostgreSQL schema whose connections carry a name of their own."""
    for url in postgres_url("failures"):
        yield f"{url}&application_name={NAME}"


async def test_a_terminated_postgres_connection_does_not_stop_the_poll(pg_url: str) -> None:
    from verify.services.database import open_database

    db = open_database(pg_url)
    ids = build(db)
    app = app_for(db, poll_seconds=0.05)
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await loaded(pilot)
            with admin.connect() as conn:  # only this test's connections
                ended = conn.execute(
                    text(
                        "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) "
                        "FROM pg_stat_activity WHERE application_name = :name"
                    ),
                    {"name": NAME},
                ).scalar()
            assert ended
            other = open_database(pg_url)
            review.record_verdict(other, ids["claims"][2], TRUE, "ana")
            other.dispose()
            claims = app.screen.query_one(ClaimList)
            await settle(
                pilot,
                lambda: (row := claims.row(ids["claims"][2])) is not None and row.rating == "True",
                timeout=30,
            )
            assert app.is_running
    finally:
        admin.dispose()
        db.dispose()


async def test_the_welcome_screen_says_once_that_the_database_is_gone_and_opens_when_it_is_back(
    tmp_path: Path, state_folder: Path
) -> None:
    from verify.services.database import open_database
    from verify.tui.screens.empty import EmptyScreen
    from verify.tui.screens.workbench import WorkbenchScreen

    path = tmp_path / "team.db"
    db = open_database(f"sqlite:///{path}")
    app = app_for(db, poll_seconds=0.05)
    try:
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await settle(pilot, lambda: isinstance(app.screen, EmptyScreen))
            screen = app.screen
            assert isinstance(screen, EmptyScreen)
            db.dispose()
            kept = _move_away(path)
            await settle(pilot, lambda: screen.backoff.failures >= 3, timeout=30)
            assert said(app).count("Looking for articles") == 1  # said once, not every tick
            assert "details in" in said(app)

            path.rmdir()
            shutil.move(kept, path)
            build(db)  # a teammate's article arrives while the database was away
            await settle(pilot, lambda: isinstance(app.screen, WorkbenchScreen), timeout=90)
            assert app.is_running and app.return_code is None
    finally:
        db.dispose()
