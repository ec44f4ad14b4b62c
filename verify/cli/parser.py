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


class Commands:
    """Where a command group adds its commands, each with its handler beside it."""

    def __init__(self, action: Any) -> None:
        self._action = action

    def add(self, name: str, handler: Handler, *, help: str | None = None, **kw: Any) -> Parser:
        """A command (or a group's action) that runs ``handler``; add its options to the parser."""
        parser: Parser = self._action.add_parser(name, help=help, **kw)
        parser.set_defaults(handler=handler)
        return parser

    def group(self, name: str, *, help: str) -> Commands:
        """A command with actions of its own (``verify article add``): add them to the result."""
        parser: Parser = self._action.add_parser(name, help=help)
        return Commands(
            parser.add_subparsers(
                dest="action", metavar="ACTION", required=True, parser_class=Parser
            )
        )
