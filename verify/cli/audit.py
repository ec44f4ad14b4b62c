"""``verify log``: the audit trail."""

from __future__ import annotations

import argparse
from typing import TextIO

from verify.cli.parser import EXIT_OK, Commands
from verify.config import Settings
from verify.services.database import open_database


def register(commands: Commands) -> None:
    log = commands.add("log", cmd_log, help="the audit trail")
    log.add_argument("--claim", type=int, metavar="ID")
    log.add_argument("--limit", type=int, default=200)


def cmd_log(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.audit import history

    for event in history(open_database(settings.database_url), args.claim, args.limit):
        print(event.line(), file=out)
    return EXIT_OK
