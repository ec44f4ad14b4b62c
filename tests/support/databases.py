"""Real databases for tests: the PostgreSQL server CI starts, one fresh schema per test."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from db.security import group_roles

PG_URL = os.environ.get("VERIFY_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
DEMO = Path(__file__).resolve().parents[2] / "verify" / "demo" / "data"


def _postgres_available() -> str | None:
    """None when PostgreSQL answers; otherwise why not."""
    if PG_URL == "":
        return "VERIFY_TEST_PG is empty"
    try:
        engine = create_engine(PG_URL)
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as exc:
        return f"PostgreSQL at {PG_URL} is not reachable: {exc}"
    return None


_PG_PROBLEM = _postgres_available()


def postgres_url(tmp_name: str) -> Iterator[str]:
    """A URL whose connections live in a fresh schema, dropped afterwards."""
    if _PG_PROBLEM is not None:
        if os.environ.get("CI"):
            pytest.fail(_PG_PROBLEM)
        pytest.skip(_PG_PROBLEM)
    schema = f"t_{tmp_name}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            database = make_url(PG_URL).database or "postgres"
            for role in group_roles(database, schema).values():
                conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()


class Logins:
    """Real PostgreSQL login roles for one test, each named uniquely, dropped afterwards.

    The test server trusts connections from 127.0.0.1, so each role logs in by name.
    """

    def __init__(self) -> None:
        self.names: list[str] = []
        self.admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")

    def name(self, who: str) -> str:
        """A fresh name for ``who`` (not created: ``verify analyst add`` creates it)."""
        name = f"{who}_{uuid.uuid4().hex[:8]}"
        self.names.append(name)
        return name

    def create(self, who: str) -> str:
        name = self.name(who)
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE ROLE "{name}" LOGIN'))
        return name

    def drop(self) -> None:
        with self.admin.connect() as conn:
            for name in self.names:
                exists = conn.execute(
                    text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}
                )
                if exists.first():
                    conn.execute(text(f'DROP OWNED BY "{name}"'))
                    conn.execute(text(f'DROP ROLE "{name}"'))
        self.admin.dispose()


def as_login(url: str, name: str) -> str:
    """``url`` (a test schema's) for the login ``name``."""
    return make_url(url).set(username=name).render_as_string(hide_password=False)
