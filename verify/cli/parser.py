"""The parser every command group registers on, and the exit codes the CLI owns."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any, NoReturn, TextIO

from verify.config import Settings

EXIT_OK, EXIT_USAGE = 0, 2
"""Done; bad usage or bad input. Failures (1) and conflicts (3) come from the error raised."""

Handler = Callable[[argparse.Namespace, Settings, TextIO], int]
"""What runs a command: the parsed arguments, the settings, where results go; exit code."""


class UsageError(Exception):
    """argparse's complaint, raised instead of exiting so main() owns the exit code."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}")


def positive(text: str) -> int:
    """A count that must be 1 or more (``--top``)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of 1 or more, not {text!r}")
    return value


def confidence(text: str) -> float:
    """``0.7`` or ``70%``: how sure, as 0..1."""
    raw = text.strip()
    try:
        value = float(raw[:-1]) / 100 if raw.endswith("%") else float(raw)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(
            f"confidence must be between 0 and 1 or a percentage (70%), not {text!r}"
        )
    return value


def global_flags(parser: argparse.ArgumentParser) -> None:
    """``--db`` and ``--analyst``, also after the command (``verify claims --analyst bob``)."""
    parser.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help="database URL")
    parser.add_argument(
        "--analyst", metavar="NAME", default=argparse.SUPPRESS, help="your name on verdicts"
    )


class Commands:
    """Where a command group adds its commands, each with its handler beside it."""

    def __init__(self, action: Any) -> None:
        self._action = action

    def add(self, name: str, handler: Handler, *, help: str | None = None, **kw: Any) -> Parser:
        """A command (or a group's action) that runs ``handler``; add its options to the parser."""
        parser: Parser = self._action.add_parser(name, help=help, **kw)
        parser.set_defaults(handler=handler)
        global_flags(parser)
        return parser

    def group(self, name: str, *, help: str) -> Commands:
        """A command with actions of its own (``verify article add``): add them to the result."""
        parser: Parser = self._action.add_parser(name, help=help)
        return Commands(
            parser.add_subparsers(
                dest="action", metavar="ACTION", required=True, parser_class=Parser
            )
        )
