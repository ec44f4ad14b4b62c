"""``verify demo`` and ``verify tui`` (also what ``verify`` alone runs): the workbench."""

from __future__ import annotations

import argparse
from typing import TextIO

from verify.cli import console
from verify.cli.parser import EXIT_OK, Commands
from verify.config import Settings
from verify.services.database import Database, open_database


def register(commands: Commands) -> None:
    demo = commands.add(
        "demo", cmd_demo, help="load the bundled demo into its own database and open it"
    )
    demo.add_argument(
        "--no-tui",
        action="store_true",
        help="print the claims with their best evidence instead of opening the TUI",
    )
    demo.set_defaults(default_db_file="demo.db")
    commands.add("tui", cmd_tui, help="open the workbench")


def cmd_demo(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.demo import load_demo

    db = open_database(settings.database_url)
    summary = load_demo(db, progress=console.progress())
    if args.no_tui:
        print(summary.describe(db), file=out)
        return EXIT_OK
    return _run_tui(db, settings)


def cmd_tui(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    return _run_tui(open_database(settings.database_url), settings)


def _run_tui(db: Database, settings: Settings) -> int:
    from verify.tui.app import run

    return run(db, settings)
