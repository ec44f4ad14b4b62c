"""Real databases for tests: the PostgreSQL server CI starts, one fresh schema per test."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

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
        admin.dispose()
