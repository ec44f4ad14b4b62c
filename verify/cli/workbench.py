"""``verify demo`` and ``verify tui`` (also what ``verify`` alone runs): the workbench."""

from __future__ import annotations

import argparse
from typing import TextIO

from verify.cli import console
from verify.cli.parser import EXIT_OK, Commands
from verify.config import Settings
from verify.services import database
from verify.services.database import Database, SchemaError, open_database


def register(commands: Commands) -> None:
    demo = commands.add(
        "demo", cmd_demo, help="load the bundled demo into its own database and open it"
    )
    demo.add_argument(
        "--no-tui",
        action="store_true",
        help="print the claims with their best evidence instead of opening the TUI",
    )
    demo.set_defaults(default_db_file="demo.db", prepare=upgrade_own_database)
    commands.add("tui", cmd_tui, help="open the workbench")


def cmd_demo(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.demo import load_demo

    db = open_database(settings.database_url)
    summary = load_demo(db, progress=console.progress())
    if args.no_tui:
        print(summary.describe(db), file=out)
        return EXIT_OK
    return _run_tui(db, settings)


def upgrade_own_database(args: argparse.Namespace, settings: Settings, out: TextIO) -> None:
    """Move the demo's own database (made by an older verify) to this version's schema
    before anything opens it; a database the user named is theirs to upgrade."""
    if args.db:
        return
    try:
        open_database(settings.database_url).dispose()
    except SchemaError:
        before, after = database.upgrade(settings.database_url)
        print(f"the demo's own database: schema version {before} -> {after}", file=out)


def cmd_tui(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    return _run_tui(open_database(settings.database_url), settings)


def _run_tui(db: Database, settings: Settings) -> int:
    from verify.tui.app import run

    return run(db, settings)
