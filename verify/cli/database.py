"""``verify db upgrade|backup``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from verify.cli.parser import EXIT_OK, Commands
from verify.config import Settings
from verify.services import database


def register(commands: Commands) -> None:
    db = commands.group("db", help="upgrade or back up the database")
    db.add("upgrade", cmd_upgrade, help="move an older database to this version's schema")
    backup = db.add("backup", cmd_backup, help="copy a live SQLite database consistently")
    backup.add_argument("file", type=Path)


def cmd_upgrade(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    before, after = database.upgrade(settings.database_url)
    print(
        f"schema version {before} -> {after}"
        if before != after
        else f"schema version {after}: up to date",
        file=out,
    )
    return EXIT_OK


def cmd_backup(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    size = database.backup(settings.database_url, args.file)
    print(f"wrote {args.file} ({size:,} bytes)", file=out)
    return EXIT_OK
