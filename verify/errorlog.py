"""The error log: tracebacks of what failed unexpectedly, in the user's state folder.

A message on screen or on stderr stays one line; the traceback behind it goes to
``verify.log`` in ``$XDG_STATE_HOME/verify`` (``~/.local/state/verify`` by default,
the platform's state folder elsewhere), and the message names that file. The log is
private to the user (0600) and starts afresh beside a ``.1`` copy once it passes
:data:`LIMIT` bytes.
"""

from __future__ import annotations

import os
import traceback
from datetime import UTC, datetime
from pathlib import Path

import platformdirs

from verify.config import APP_NAME

LIMIT = 1_000_000
"""Bytes after which the log is moved to ``verify.log.1`` and begun again."""


def log_file() -> Path:
    """Where tracebacks go (not created until one is written)."""
    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False)) / "verify.log"


def record(error: BaseException, where: str) -> Path | None:
    """Append ``error``'s traceback, saying ``where`` it happened; the file written, or
    None when the log cannot be written (a read-only home: the message then stands alone)."""
    path = log_file()
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    lines = traceback.format_exception(type(error), error, error.__traceback__)
    entry = f"--- {stamp} pid {os.getpid()} {where}\n{''.join(lines)}\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > LIMIT:
            path.replace(path.with_name(path.name + ".1"))
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8", errors="replace") as log:
            log.write(entry)
    except OSError:
        return None
    return path


def details(path: Path | None) -> str:
    """The end of a message naming the log: "; details in PATH" (or nothing)."""
    return f"; details in {path}" if path is not None else ""
