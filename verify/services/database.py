"""The database as the front ends see it: open, upgrade, back up, and the errors to report."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError

from db.backup import backup_into, is_sqlite
from db.engine import DatabaseError, sqlite_path
from db.schema import SchemaError
from db.schema import upgrade as _upgrade
from db.session import Database, open_database
from verify.atomic import replacing
from verify.sanitize import clean_line


def open_any_version(url: str) -> Database:
    """Open a database whatever its schema version (for upgrades and backups)."""
    return open_database(url, check_schema=False)


def upgrade(url: str) -> tuple[int, int]:
    """Move the database at ``url`` to this version's schema: (version before, after)."""
    return _upgrade(open_any_version(url).engine)


def backup(url: str, target: Path | str) -> int:
    """A consistent copy of the live SQLite database at ``url``; returns its size.

    Written as exports are (:mod:`verify.atomic`): a new file is private to owner and
    group (0660), a replaced one keeps its mode; a target that is not a regular file
    is refused.
    """
    db = open_any_version(url)
    try:
        if not is_sqlite(db):
            raise DatabaseError("backup copies SQLite files; for PostgreSQL use pg_dump")
        with replacing(target, 0o660) as (_, partial):
            backup_into(db, partial)
        return Path(target).stat().st_size
    finally:
        db.dispose()


def reconnect(db: Database) -> None:
    """Drop the pooled connections: the next read opens a new one (after a lost
    connection, or a database file moved back into place)."""
    db.dispose()


def _driver_errors() -> tuple[type[Exception], ...]:
    """The drivers' own error classes (a bulk COPY raises them unwrapped)."""
    import sqlite3

    found: list[type[Exception]] = [sqlite3.Error]
    try:
        import psycopg

        found.append(psycopg.Error)
    except ImportError:  # pragma: no cover - the PostgreSQL driver is optional
        pass
    return tuple(found)


StoreFailure: tuple[type[Exception], ...] = (SQLAlchemyError, *_driver_errors())
"""Any error the database raised after it was opened (the CLI reports it in one line)."""


def explain(exc: Exception, url: str | None = None) -> tuple[str, int]:
    """One line for the user about a database error, and the exit code it means, naming
    the database at ``url`` (a SQLite file by its path) when given.

    Nothing was stored by the failed transaction (each is rolled back whole). A write
    that collided with another session's identical one is a conflict (exit 3); what the
    database refused to this login is "not allowed" (1); limits of the input (a text
    too long to index) are bad input (2); anything else failed (1).
    """
    message, code = _explain(exc)
    return (f"{location(url)}: {message}" if url else message), code


def location(url: str) -> str:
    """The database at ``url`` as a user names it: a SQLite file's path, else the URL
    without its password."""
    try:
        path = sqlite_path(url)
        return str(path) if path else make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "the database"


def _explain(exc: Exception) -> tuple[str, int]:
    orig = getattr(exc, "orig", None)
    detail = (str(orig) if orig is not None else str(exc)).strip()
    first = clean_line(detail.splitlines()[0] if detail else type(exc).__name__)[:300]
    low = first.lower()
    if isinstance(exc, IntegrityError) or "unique" in low or "duplicate key" in low:
        return (
            "another session stored the same thing at the same moment; nothing of this was "
            "stored: run the command again",
            3,
        )
    if "locked" in low or "lock timeout" in low or "deadlock" in low:
        return f"the database stayed busy (another session held it): {first}; nothing was stored", 1
    if "readonly" in low or "read-only" in low:
        return "the database is read-only for you: nothing was stored", 1
    if "disk is full" in low or "no space" in low or "disk full" in low:
        return "the disk is full: nothing was stored", 1
    if "permission denied" in low or "row-level security" in low:
        return f"the database refused this login: {first}", 1
    if "too long" in low or "too large" in low or "out of range" in low:
        return f"the database refused the input: {first}; nothing was stored", 2
    return f"database error: {first}; nothing was stored", 1


__all__ = [
    "Database",
    "DatabaseError",
    "SchemaError",
    "StoreFailure",
    "backup",
    "explain",
    "open_database",
    "reconnect",
    "upgrade",
]
