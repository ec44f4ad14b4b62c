"""Errors a user can act on: each renders as one line naming the file and line."""

from __future__ import annotations

from pathlib import Path


class VerifyError(Exception):
    """A failure the CLI reports in one line (exit code 1)."""

    exit_code = 1


class InputError(VerifyError):
    """Bad input from a file or the command line (exit code 2).

    ``str(error)`` is the one line shown to the user: ``path:line: message``.
    """

    exit_code = 2

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path if self.line is None else f"{self.path}:{self.line}"
            where += ": "
        return f"{where}{self.message}"


class ConflictError(VerifyError):
    """Another analyst changed the claim since it was loaded (exit code 3)."""

    exit_code = 3


class NotAllowed(VerifyError):
    """The analyst may not do this (exit code 1, one line saying why)."""
