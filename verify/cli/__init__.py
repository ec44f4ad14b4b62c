"""The command line: parse, call a service, print. Nothing else lives here.

Each command group is one module here with a ``register(commands)`` function that adds
its parsers and their handlers (see :class:`verify.cli.parser.Commands`): a command, its
options and what it does live in one place. A new group is one module and one line in
``GROUPS``. Commands reach the database through ``verify.services``, never ``db``.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence
from dataclasses import replace
from typing import TextIO

from verify import errorlog
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
from verify.cli.parser import EXIT_FAILED, EXIT_OK, EXIT_USAGE, Commands, Parser, UsageError
from verify.config import Settings, default_database_url, load_settings
from verify.errors import VerifyError
from verify.sanitize import clean_line, clean_output
from verify.services.database import (
    DatabaseError,
    SchemaError,
    StoreFailure,
    explain,
    open_database,
)

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
        help="who you are (default: your login; only the same person, or anyone in "
        "single-user mode on your own SQLite file)",
    )
    commands = Commands(
        parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    )
    for group in GROUPS:
        group.register(commands)
    parser.set_defaults(handler=workbench.cmd_tui, default_db_file=None)
    return parser


def _say(message: object) -> None:
    """One error line on stderr, cleaned (it may name a file, a person or a URL)."""
    print(f"verify: {clean_line(clean_output(str(message)))}", file=sys.stderr)


def _who(settings: Settings) -> Settings:
    """The settings with the analyst this session really is (see verify.services.identity)."""
    from verify.services import identity

    db = open_database(settings.database_url)
    try:
        return replace(settings, analyst=identity.analyst(db, settings.analyst_requested))
    finally:
        db.dispose()


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit code (0 done, 1 failed, 2 bad input, 3 conflict).

    Everything printed is cleaned on the way out (:func:`verify.sanitize.clean_output`);
    every failure is one line on stderr.
    """
    cleaned: TextIO = CleanOutput(out or sys.stdout)  # type: ignore[assignment]
    try:
        args = build_parser().parse_args(argv)
    except UsageError as exc:
        print(clean_line(clean_output(str(exc))), file=sys.stderr)
        return EXIT_USAGE
    settings = None
    try:
        db_url = args.db
        if not db_url and args.default_db_file:
            db_url = default_database_url(args.default_db_file)
        settings = load_settings(db=db_url, analyst=args.analyst)
        if getattr(args, "prepare", None):  # e.g. the demo upgrades its own database
            args.prepare(args, settings, cleaned)
        if not getattr(args, "any_version", False):
            settings = _who(settings)
        return int(args.handler(args, settings, cleaned))
    except VerifyError as exc:
        _say(exc)
        return exc.exit_code
    except (DatabaseError, SchemaError) as exc:
        _say(exc)
        return int(getattr(exc, "exit_code", EXIT_USAGE))
    except StoreFailure as exc:
        message, code = explain(exc, settings.database_url if settings else None)
        _say(message)
        return code
    except KeyboardInterrupt:
        print("verify: interrupted; nothing half-written was kept", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        _say(f"{where}{exc.strerror or exc}")
        return EXIT_FAILED
    except (OverflowError, RecursionError, MemoryError) as exc:
        _say(f"cannot do that: {type(exc).__name__}")
        return EXIT_FAILED
    except Exception as exc:  # the last resort: a bug; one line here, the traceback logged
        logged = errorlog.record(exc, f"verify {' '.join(map(str, argv or sys.argv[1:]))}")
        _say(f"failed unexpectedly ({type(exc).__name__}: {exc}){errorlog.details(logged)}")
        return EXIT_FAILED


class CleanOutput(io.TextIOBase):
    """A text stream that cleans whatever is written to it before passing it on."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(clean_output(text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()


__all__ = ["build_parser", "main"]
