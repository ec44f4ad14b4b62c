"""Fixtures: real databases (a SQLite file in tmp_path, a schema on a real PostgreSQL)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from db.session import Database, open_database
from tests.support.databases import PG_URL, Logins, postgres_url
from verify.match import nli

DATA = Path(__file__).resolve().parent / "data"

# The inference model (the nli extra, which the test extra installs) reads every
# claim-passage pair at 10-15 ms, which would double the suite's time: the suite runs the
# signal judge, and the tests of the model turn it on (tests/unit/test_match_nli.py,
# tests/functional/test_stance_flags.py). Set for the process, so subprocesses inherit it.
os.environ[nli.ENV] = "0"


@pytest.fixture(autouse=True)
def state_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test's own user state folder: the error log never lands in the real one."""
    folder = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("XDG_STATE_HOME", str(folder))
    return folder


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL to a new, empty database: SQLite file, then PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'verify.db'}"
    else:
        yield from postgres_url("db")


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(f"sqlite:///{tmp_path / 'verify.db'}")
    yield database
    database.dispose()


@pytest.fixture
def logins() -> Iterator[Logins]:
    """Real PostgreSQL login roles for this test, dropped afterwards."""
    made = Logins()
    yield made
    made.drop()


@pytest.fixture
def old_postgres_url(tmp_path: Path) -> Iterator[str]:
    """A PostgreSQL schema restored from a dump of a database made by schema v1."""
    for url in postgres_url("old"):
        schema = url.rsplit("%3D", 1)[1]
        dump = (DATA / "schema-v1.postgres.sql").read_text().replace("verify_v1", schema)
        dump = dump.replace(f"CREATE SCHEMA {schema};", "")
        script = tmp_path / "v1.sql"
        script.write_text(dump)
        pg = make_url(PG_URL)
        subprocess.run(
            [
                "psql",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                pg.host or "127.0.0.1",
                "-p",
                str(pg.port or 5432),
                "-U",
                pg.username or "postgres",
                "-d",
                pg.database or "test",
                "-f",
                str(script),
            ],
            check=True,
            capture_output=True,
        )
        yield url
