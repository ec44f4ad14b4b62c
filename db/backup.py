"""Consistent copies of a live database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from db.engine import DatabaseError, sqlite_path
from db.session import Database


def backup_into(db: Database, partial: Path) -> None:
    """Copy the database, while others may be writing, into the new empty file ``partial``.

    SQLite: the online backup API, page by page. (The caller makes ``partial`` safely
    and renames it into place.) PostgreSQL has its own tools (pg_dump); this refuses
    with a message saying so.
    """
    source = sqlite_path(db.url)
    if source is None:
        raise DatabaseError("backup copies SQLite files; for PostgreSQL use pg_dump")
    try:
        src = sqlite3.connect(source, timeout=30)
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst, pages=1024)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
            src.close()
    except sqlite3.Error as exc:
        raise DatabaseError(f"backup failed: {exc}") from exc


def is_sqlite(db: Database) -> bool:
    return sqlite_path(db.url) is not None
