"""The database as the front ends see it: open, upgrade, back up, and the errors to report."""

from __future__ import annotations

from pathlib import Path

from db.backup import backup as _backup
from db.engine import DatabaseError
from db.schema import SchemaError
from db.schema import upgrade as _upgrade
from db.session import Database, open_database


def open_any_version(url: str) -> Database:
    """Open a database whatever its schema version (for upgrades and backups)."""
    return open_database(url, check_schema=False)


def upgrade(url: str) -> tuple[int, int]:
    """Move the database at ``url`` to this version's schema: (version before, after)."""
    return _upgrade(open_any_version(url).engine)


def backup(url: str, target: Path) -> int:
    """A consistent copy of the live SQLite database at ``url``; returns its size."""
    return _backup(open_any_version(url), target)


__all__ = ["Database", "DatabaseError", "SchemaError", "backup", "open_database", "upgrade"]
