"""Engines for SQLite (the embedded default) and PostgreSQL (team mode)."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from db.chain import forget_head
from db.search import index_text

BUSY_TIMEOUT_MS = 30_000


class DatabaseError(Exception):
    """The database cannot be opened or used; the message is one line for the user."""

    exit_code = 2  # a bad URL or file: bad input


class DatabaseUnreachable(DatabaseError):
    """The database server did not answer (a failure, not bad input)."""

    exit_code = 1


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for another database or an in-memory one."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _create_private_file(path: Path) -> None:
    """Create an empty database file readable and writable by owner and group only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o660)
    except FileExistsError:
        return  # another analyst's process created it a moment ago
    os.close(fd)
    os.chmod(path, 0o660)


def make_engine(url: str) -> Engine:
    """An engine for ``url`` with the settings verify relies on.

    SQLite: WAL journal, foreign keys on, a 30 s busy timeout, and a new file created
    with mode 0660. PostgreSQL: psycopg 3, pre-ping.
    """
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(f"not a database URL: {url!r}") from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        path = sqlite_path(url)
        if path is not None:
            if path.is_dir():
                raise DatabaseError(f"{path}: is a folder, not a database file")
            if not path.exists() and not path.parent.is_dir():
                raise DatabaseError(
                    f"{path}: the folder {path.parent} does not exist; create it first "
                    "or choose another database"
                )
            if not path.exists():
                try:
                    _create_private_file(path)
                except OSError as exc:
                    raise DatabaseError(f"{path}: cannot create database: {exc.strerror}") from exc
        # A small pool keeps connections open between transactions: closing the last
        # connection makes SQLite checkpoint and delete the WAL, which costs each write
        # about 20 ms more.
        engine = create_engine(
            url,
            pool_size=1,
            max_overflow=8,
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        )
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    if backend == "postgresql":
        if parsed.get_driver_name() in ("psycopg2", "psycopg2cffi", "pg8000", "asyncpg"):
            pass  # the user named a driver; respect it
        elif parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        engine = create_engine(parsed, pool_pre_ping=True, pool_size=5, max_overflow=5)
        event.listen(engine, "connect", _postgres_on_connect)
        return engine
    raise DatabaseError(f"unsupported database {backend!r}: use sqlite:/// or postgresql://")


CACHE_KIB = 65_536
"""SQLite's page cache per connection, in KiB. The default 2 MiB spills to the file in
the middle of a bulk import's transaction; 64 MiB keeps a batch's index pages in memory.
(Memory is taken as used, so an idle connection costs little.)"""


def _set_wal(cursor: sqlite3.Cursor) -> None:
    """Switch the file to WAL (once per file: the mode is kept in it).

    The switch needs the file to itself, and SQLite reports "database is locked" at
    once, without waiting out the busy timeout, when another connection holds it: as
    when a team's first sessions open a new database together. So it is retried, within
    the busy timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def _sqlite_on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # Let SQLAlchemy emit BEGIN itself (see _sqlite_on_begin) so transactions are real.
    dbapi_connection.isolation_level = None
    # The full-text index's view of a passage (n-grams for unspaced scripts).
    dbapi_connection.create_function("verify_index_text", 1, index_text, deterministic=True)
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _set_wal(cursor)
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    finally:
        cursor.close()


def _postgres_on_connect(dbapi_connection: Any, _record: object) -> None:
    """Settings for verify's short queries: no JIT compiling (it cost a search 50-100 ms
    when the planner's estimate was large) and no parallel workers (starting them costs
    more than these queries take, on the 2 cores a team's server may have)."""
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SET jit = off")
        cursor.execute("SET max_parallel_workers_per_gather = 0")
    dbapi_connection.commit()


def _sqlite_on_begin(conn: Connection) -> None:
    # A writing transaction takes the write lock at BEGIN (IMMEDIATE), so two writers
    # queue on the busy timeout instead of failing with "database is locked" when a
    # reader upgrades; reads stay DEFERRED and never wait for writers under WAL.
    mode = "IMMEDIATE" if conn.get_execution_options().get("verify_write") else "DEFERRED"
    conn.exec_driver_sql(f"BEGIN {mode}")
    forget_head(conn)
