"""Consistent copies of a live database."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from db.engine import DatabaseError, sqlite_path
from db.session import Database


def backup(db: Database, target: Path) -> int:
    """Copy the database to ``target`` while others may be writing; returns its size.

    SQLite: the online backup API, page by page, into a new file (mode 0660) written
    beside the target and renamed into place, so a failed backup leaves no half file.
    PostgreSQL has its own tools (pg_dump); this refuses with a message saying so.
    """
    source = sqlite_path(db.url)
    if source is None:
        raise DatabaseError("backup copies SQLite files; for PostgreSQL use pg_dump")
    if target.exists() and target.is_dir():
        raise DatabaseError(f"{target}: is a folder")
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o660)
    os.close(fd)
    try:
        src = sqlite3.connect(source, timeout=30)
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst, pages=1024)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
            src.close()
        os.chmod(partial, 0o660)
        partial.replace(target)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise DatabaseError(f"{target}: backup failed: {exc}") from exc
    return target.stat().st_size
