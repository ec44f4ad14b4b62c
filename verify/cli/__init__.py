"""The command line: parse, call a service, print. Nothing else lives here.

Each command group is one module here with a ``register(commands)`` function that adds
its parsers and their handlers (see :class:`verify.cli.parser.Commands`): a command, its
options and what it does live in one place. A new group is one module and one line in
``GROUPS``. Commands reach the database through ``verify.services``, never ``db``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO

from verify.cli import (
    articles,
    audit,
    claims,
    corrections,
    database,
    disagreements,
    evidence,
    export,
    factchecks,
    matching,
    queue,
    review,
    sources,
    team,
    workbench,
)
from verify.cli.parser import EXIT_OK, EXIT_USAGE, Commands, Parser, UsageError
from verify.config import default_database_url, load_settings
from verify.errors import VerifyError
from verify.services.database import DatabaseError, SchemaError

GROUPS = (
    workbench,
    articles,
    evidence,
    factchecks,
    sources,
    matching,
    claims,
    corrections,
    review,
    team,
    queue,
    disagreements,
    audit,
    database,
    export,
)
"""The command groups, in the order ``verify --help`` lists them."""


def build_parser() -> Parser:
    parser = Parser(
        prog="verify",
        description="A keyboard-driven workbench for fact-check teams. "
        "Without a command, opens the workbench.",
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database URL (default: $VERIFY_DB, "
        "the config file, or a SQLite file in your user data folder)",
    )
    parser.add_argument(
        "--analyst",
        metavar="NAME",
        help="your name on verdicts (default: $VERIFY_ANALYST or login)",
    )
    commands = Commands(
        parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    )
    for group in GROUPS:
        group.register(commands)
    parser.set_defaults(handler=workbench.cmd_tui, default_db_file=None)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit code (0 done, 1 failed, 2 bad input, 3 conflict)."""
    out = out or sys.stdout
    try:
        args = build_parser().parse_args(argv)
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    try:
        db_url = args.db
        if not db_url and args.default_db_file:
            db_url = default_database_url(args.default_db_file)
        settings = load_settings(db=db_url, analyst=args.analyst)
        return int(args.handler(args, settings, out))
    except VerifyError as exc:
        print(f"verify: {exc}", file=sys.stderr)
        return exc.exit_code
    except (DatabaseError, SchemaError) as exc:
        print(f"verify: {exc}", file=sys.stderr)
        return int(getattr(exc, "exit_code", EXIT_USAGE))
    except KeyboardInterrupt:
        print("verify: interrupted; nothing half-written was kept", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


__all__ = ["build_parser", "main"]
