"""An import killed at any moment leaves the database sound and each file whole or absent.

The installed ``verify`` command imports a large JSONL file and is killed with SIGKILL at
a random moment, twenty times over, against one database. After each kill the database
passes its integrity checks, the file's records are all stored or none are, and what
was imported before is untouched.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from db.engine import sqlite_path

VERIFY = Path(sys.executable).parent / "verify"
RECORDS = {"sqlite": 3_000, "postgresql": 2_100}
"""Records in the big file: more than one batch of inserts, about a second to import."""
KILLS = 20
WORDS = (
    "harbour council budget minister dockers strike vote crowns tariff ferry bridge "
    "census ledger quota grain pension levy audit canal school"
).split()


def write_records(path: Path, run: int, count: int) -> Path:
    """A JSONL evidence file whose records belong to ``run`` alone (no record repeats)."""
    rng = random.Random(run)
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            words = " ".join(rng.choice(WORDS) for _ in range(24))
            record = {
                "id": f"run{run}-{i}",
                "title": f"Norrhaven bulletin {run}.{i}",
                "text": f"Bulletin {i} of batch {run} reports on the {words}.",
            }
            handle.write(json.dumps(record) + "\n")
    return path


def verify_command(url: str, *args: str) -> list[str]:
    return [str(VERIFY), "--db", url, *args]


@dataclass(frozen=True)
class Stored:
    sources: int
    passages: int


class Inspector:
    """Reads a database from outside verify: row counts per file, integrity checks."""

    def __init__(self, url: str):
        self.url = url
        self.path = sqlite_path(url)
        self.dialect = "sqlite" if self.path is not None else "postgresql"

    def stored(self, path: Path) -> Stored:
        query = (
            "SELECT count(DISTINCT s.id), count(p.id) FROM source s "
            "LEFT JOIN passage p ON p.source_id = s.id WHERE s.path = :path"
        )
        sources, passages = self._one(query, {"path": str(path)})
        return Stored(int(sources), int(passages))

    def texts(self, path: Path) -> list[str]:
        query = (
            "SELECT p.text FROM passage p JOIN source s ON s.id = p.source_id "
            "WHERE s.path = :path ORDER BY s.id, p.ordinal"
        )
        return [row[0] for row in self._all(query, {"path": str(path)})]

    def problems(self) -> list[str]:
        """What is wrong with the database as a whole; empty when it is sound."""
        found = []
        orphans = self._one(
            "SELECT count(*) FROM passage WHERE source_id NOT IN (SELECT id FROM source)"
        )[0]
        if orphans:
            found.append(f"{orphans} passages without a source")
        if self.path is None:
            unindexed = self._one("SELECT count(*) FROM passage WHERE tsv IS NULL")[0]
            if unindexed:
                found.append(f"{unindexed} passages missing from the full-text index")
            # PostgreSQL counts terms in the import's own transaction: never out of step.
            if self.statistics_lag():
                found.append(f"term statistics differ from the index on {self.statistics_lag()}")
            return found
        with sqlite3.connect(self.path) as conn:
            result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            if result != ["ok"]:
                found.append(f"integrity_check: {result[:5]}")
            if conn.execute("PRAGMA foreign_key_check").fetchall():
                found.append("foreign_key_check failed")
            try:
                conn.execute("INSERT INTO passage_fts(passage_fts) VALUES('integrity-check')")
            except sqlite3.DatabaseError as exc:
                found.append(f"full-text index: {exc}")
            # The statistics are refreshed after a run of imports, in a transaction of
            # their own: a kill may leave them behind the index, never ahead of it.
            ahead = conn.execute(
                "SELECT count(*) FROM term_stat t LEFT JOIN passage_vocab v ON v.term = t.term "
                "WHERE v.doc IS NULL OR t.doc > v.doc"
            ).fetchone()[0]
            if ahead:
                found.append(f"term statistics count {ahead} terms the index does not hold")
        return found

    def statistics_lag(self) -> int:
        """Terms whose statistics differ from the index ('' counts the passages)."""
        if self.path is None:
            return int(
                self._one(
                    "SELECT count(*) FROM ((SELECT term, doc FROM term_stat "
                    "EXCEPT SELECT word, ndoc FROM ts_stat('SELECT tsv FROM passage') "
                    "EXCEPT SELECT '', count(*) FROM passage) UNION ALL "
                    "(SELECT word, ndoc FROM ts_stat('SELECT tsv FROM passage') "
                    "EXCEPT SELECT term, doc FROM term_stat)) AS differ"
                )[0]
            )
        with sqlite3.connect(self.path) as conn:
            return int(
                conn.execute(
                    "SELECT count(*) FROM (SELECT term, doc FROM term_stat "
                    "EXCEPT SELECT term, doc FROM passage_vocab)"
                ).fetchone()[0]
            )

    def _all(self, query: str, params: dict[str, str] | None = None) -> list[tuple]:
        engine = create_engine(self.url)
        try:
            with engine.connect() as conn:
                return [tuple(row) for row in conn.execute(text(query), params or {})]
        finally:
            engine.dispose()

    def _one(self, query: str, params: dict[str, str] | None = None) -> tuple:
        return self._all(query, params)[0]


@pytest.fixture
def inspector(db_url: str) -> Iterator[Inspector]:
    yield Inspector(db_url)


def run_import(url: str, path: Path) -> None:
    """Import ``path`` to the end with the installed command."""
    done = subprocess.run(
        verify_command(url, "evidence", "add", str(path)),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr


def start_import(url: str, path: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        verify_command(url, "evidence", "add", str(path)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def wait_until_reading(process: subprocess.Popen[bytes], path: Path) -> bool:
    """Wait until ``process`` has ``path`` open: its import transaction has begun.

    (The importer opens a file only inside the transaction that stores it.) False if the
    process ended first.
    """
    wanted = os.path.realpath(path)
    fds = Path(f"/proc/{process.pid}/fd")
    while process.poll() is None:
        try:
            if any(os.readlink(fd) == wanted for fd in fds.iterdir()):
                return True
        except OSError:  # an fd closed while we looked, or the process is gone
            pass
        time.sleep(0.002)
    return False


def test_an_import_killed_at_random_moments_leaves_each_file_whole_or_absent(
    db_url: str, inspector: Inspector, tmp_path: Path
) -> None:
    records = RECORDS[inspector.dialect]
    small = write_records(tmp_path / "small.jsonl", 0, 5)
    run_import(db_url, small)
    small_texts = inspector.texts(small)
    assert len(small_texts) == 5

    first = write_records(tmp_path / "big-0.jsonl", 100, records)
    process = start_import(db_url, first)
    assert wait_until_reading(process, first)
    started = time.monotonic()
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    importing = time.monotonic() - started  # from the transaction's start to the exit
    whole = inspector.stored(first)
    assert whole.sources == records and whole.passages >= records

    rng = random.Random(20260310)
    outcomes = []
    for kill in range(1, KILLS + 1):
        big = write_records(tmp_path / f"big-{kill}.jsonl", 100 + kill, records)
        process = start_import(db_url, big)
        moment = rng.uniform(0.0, importing)
        assert wait_until_reading(process, big), process.communicate()[1]
        try:
            process.wait(timeout=moment)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
        process.communicate()

        stored = inspector.stored(big)
        assert stored in (Stored(0, 0), whole), (kill, round(moment, 2), stored)
        assert inspector.problems() == [], (kill, round(moment, 2))
        assert inspector.texts(small) == small_texts, kill
        assert inspector.stored(first) == whole, kill
        outcomes.append("none" if stored.sources == 0 else "all")
        big.unlink()

    assert "none" in outcomes, ("no kill landed before an import committed", importing)
    last = write_records(tmp_path / "after.jsonl", 999, 50)
    run_import(db_url, last)  # the database still takes writes after all the kills
    assert inspector.stored(last).sources == 50
    assert inspector.problems() == []
    assert inspector.statistics_lag() == 0  # a finished import brings them up to date
