"""An open database: short read and write transactions over one engine."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlmodel import Session

from db.engine import DatabaseError, DatabaseUnreachable, make_engine, sqlite_path
from db.schema import ensure_schema, schema_version


class Database:
    """One database, by URL. Create with :func:`open_database`."""

    def __init__(self, url: str, engine: Engine):
        self.url = url
        self.engine = engine
        self._writer = engine.execution_options(verify_write=True)

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    @property
    def display_url(self) -> str:
        """The URL without a password, for messages."""
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; nothing it does is committed.

        Objects loaded in it stay readable after it closes (they are detached, not
        expired).
        """
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose work is committed on success and rolled back on any error."""
        with Session(self._writer, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str, *, check_schema: bool = True) -> Database:
    """Open (creating if new) the database at ``url`` with the current schema.

    ``check_schema=False`` opens a database of any version, for upgrades and backups.
    """
    engine = make_engine(url)
    try:
        if check_schema:
            ensure_schema(engine)
        else:
            schema_version(engine)  # still fails here for a file that is not a database
    except OperationalError as exc:
        engine.dispose()
        if sqlite_path(url) is None:
            raise DatabaseUnreachable(_explain(url, exc)) from exc
        raise DatabaseError(_explain(url, exc)) from exc
    except DBAPIError as exc:
        engine.dispose()
        raise DatabaseError(_explain(url, exc)) from exc
    return Database(url, engine)


def _explain(url: str, exc: DBAPIError) -> str:
    detail = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
    path = sqlite_path(url)
    if path is not None:
        if "not a database" in detail:
            return f"{path}: not a verify database (file is not a database)"
        return f"{path}: {detail}"
    shown = make_url(url).render_as_string(hide_password=True)
    return f"cannot open database {shown}: {detail}"
