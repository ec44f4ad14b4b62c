"""SQLite database files: created readable and writable by their owner and group only."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from db.session import open_database
from tests.support.cli_run import run_cli

PRIVATE = 0o660


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask() -> Iterator[None]:
    """Restore the process umask after a test that sets it."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.parametrize("mask", [0o022, 0o002, 0o077, 0o000], ids=oct)
def test_a_new_database_file_is_readable_and_writable_by_owner_and_group_only(
    tmp_path: Path, umask: None, mask: int
) -> None:
    os.umask(mask)
    path = tmp_path / "team.db"

    open_database(f"sqlite:///{path}").dispose()

    assert mode(path) == PRIVATE


def test_the_write_ahead_log_and_shared_memory_files_are_as_private_as_the_database(
    tmp_path: Path, umask: None
) -> None:
    path = tmp_path / "team.db"
    db = open_database(f"sqlite:///{path}")
    try:
        with db.read() as reader:  # an open reader keeps the log from being folded back
            reader.execute(text("SELECT count(*) FROM claim")).all()
            with db.write() as writer:
                writer.execute(
                    text(
                        "INSERT INTO audit_event (at, analyst, action, entity) "
                        "VALUES (CURRENT_TIMESTAMP, 'ana', 'test', 'file')"
                    )
                )
            wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
            assert wal.exists() and shm.exists()
            assert (mode(path), mode(wal), mode(shm)) == (PRIVATE, PRIVATE, PRIVATE)
    finally:
        db.dispose()


def test_a_database_the_command_line_creates_is_private(tmp_path: Path, umask: None) -> None:
    path = tmp_path / "desk" / "2026" / "verify.db"
    path.parent.mkdir(parents=True)  # a folder that is not there is refused (test_cli_review_day)

    run = run_cli("--db", f"sqlite:///{path}", "article", "list")

    assert run.code == 0, run.err
    assert mode(path) == PRIVATE


def test_the_default_database_in_the_user_data_folder_is_private(
    tmp_path: Path, umask: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("VERIFY_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.delenv("VERIFY_DB", raising=False)

    run = run_cli("article", "list")

    assert run.code == 0, run.err
    created = list((tmp_path / "data").rglob("*.db"))
    assert len(created) == 1, created
    assert mode(created[0]) == PRIVATE


def test_opening_an_existing_database_never_changes_its_mode(tmp_path: Path, umask: None) -> None:
    """An owner who made the file stricter keeps it so, and so do its log files."""
    path = tmp_path / "mine.db"
    open_database(f"sqlite:///{path}").dispose()
    path.chmod(0o600)

    db = open_database(f"sqlite:///{path}")
    try:
        with db.read() as reader:
            reader.execute(text("SELECT count(*) FROM claim")).all()
            with db.write() as writer:
                writer.execute(
                    text(
                        "INSERT INTO audit_event (at, analyst, action, entity) "
                        "VALUES (CURRENT_TIMESTAMP, 'ana', 'test', 'file')"
                    )
                )
            assert mode(path) == 0o600
            assert mode(Path(f"{path}-wal")) == 0o600
    finally:
        db.dispose()
    assert mode(path) == 0o600
