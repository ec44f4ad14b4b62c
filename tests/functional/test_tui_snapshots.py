"""What the workbench looks like, at 80x24 (an SSH session) and 120x40.

The database is the fixed Vallmark one (fixed times, a fixed analyst, no clock on
screen), so the pictures only change when the screens do. Update them on purpose
with ``pytest --snapshot-update tests/functional/test_tui_snapshots.py`` and look at the diff.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from db.session import Database, open_database
from tests.support.tui_fixture import build, loaded, settings, settle
from verify.tui.app import VerifyApp
from verify.tui.screens.empty import EmptyScreen
from verify.tui.screens.help import HelpScreen

SIZES = [(80, 24), (120, 40)]


@pytest.fixture
def fixed_db(tmp_path: Path) -> Any:
    database = open_database(f"sqlite:///{tmp_path / 'snap.db'}")
    yield database
    database.dispose()


def app_for(db: Database) -> VerifyApp:
    return VerifyApp(db, settings(db), poll_seconds=3600, database_label="verify.db")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_workbench_looks_right(snap_compare: Any, fixed_db: Database, size: Any) -> None:
    build(fixed_db)

    async def ready(pilot: Any) -> None:
        await loaded(pilot)
        await pilot.press("down", "tab")  # a claim without a verdict, evidence in focus
        await settle(pilot)

    assert snap_compare(app_for(fixed_db), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help_looks_right(snap_compare: Any, fixed_db: Database, size: Any) -> None:
    build(fixed_db)

    async def ready(pilot: Any) -> None:
        await loaded(pilot)
        await pilot.press("question_mark")
        await settle(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))

    assert snap_compare(app_for(fixed_db), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_empty_database_looks_right(snap_compare: Any, fixed_db: Database, size: Any) -> None:
    async def ready(pilot: Any) -> None:
        await settle(pilot, lambda: isinstance(pilot.app.screen, EmptyScreen))

    assert snap_compare(app_for(fixed_db), terminal_size=size, run_before=ready)
