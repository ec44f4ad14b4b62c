"""``verify log``: the audit trail."""

from __future__ import annotations

import argparse
from typing import TextIO

from verify.cli.parser import EXIT_FAILED, EXIT_OK, Commands, identifier, positive
from verify.config import Settings
from verify.services.database import open_database


def register(commands: Commands) -> None:
    log = commands.add("log", cmd_log, help="the audit trail")
    log.add_argument("--claim", type=identifier, metavar="ID")
    log.add_argument("--limit", type=positive, default=200)
    log.add_argument(
        "--verify",
        action="store_true",
        help="check that no event was changed or removed (exit 1 if one was)",
    )


def cmd_log(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.audit import check_trail, history

    db = open_database(settings.database_url)
    if args.verify:
        problems = check_trail(db)
        for problem in problems:
            print(problem, file=out)
        if problems:
            return EXIT_FAILED
        print("the audit trail is intact", file=out)
        return EXIT_OK
    for event in history(db, args.claim, args.limit, viewer=settings.analyst):
        print(event.line(), file=out)
    return EXIT_OK
