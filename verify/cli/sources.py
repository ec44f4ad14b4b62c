"""``verify source rate|list``: how far the team relies on each publisher."""

from __future__ import annotations

import argparse
from typing import TextIO

from verify.cli.parser import EXIT_OK, Commands
from verify.config import Settings
from verify.match.reliability import LEVELS
from verify.services.database import open_database


def register(commands: Commands) -> None:
    source = commands.group("source", help="rate publishers' reliability, list publishers")
    rate = source.add("rate", cmd_rate, help="rate a publisher: " + ", ".join(LEVELS))
    rate.add_argument("publisher", metavar="PUBLISHER", help="the name as its sources carry it")
    rate.add_argument("level", choices=LEVELS, metavar="LEVEL", help=" | ".join(LEVELS))
    rate.add_argument("--note", help="why (kept in the audit trail too)")
    source.add("list", cmd_list, help="publishers, their sources and ratings")


def cmd_rate(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.sources import rate_publisher

    row = rate_publisher(
        open_database(settings.database_url),
        args.publisher,
        args.level,
        args.note,
        settings.analyst,
    )
    print(f"{row.publisher}: {row.level_name} ({row.sources} sources)", file=out)
    return EXIT_OK


def cmd_list(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.sources import publishers

    rows = publishers(open_database(settings.database_url))
    if not rows:
        print("no publishers yet: evidence add names them", file=out)
    for row in rows:
        note = f"\t{row.note}" if row.note else ""
        print(f"{row.level or '-'}\t{row.sources} sources\t{row.publisher}{note}", file=out)
    return EXIT_OK
