"""A SQLite database the disk fails under: held locked past the busy timeout, a full
disk, a file that cannot be written. Each is one line naming the file, a non-zero exit,
and everything stored before is still there."""

from __future__ import annotations

import gc
import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.engine import BUSY_TIMEOUT_MS
from db.session import open_database
from tests.support.cli_run import Run, run_cli
from verify.demo import load_demo


def one_line(run: Run, code: int) -> str:
    assert run.code == code, (run.code, run.err)
    assert len(run.err.splitlines()) == 1 and "Traceback" not in run.err, run.err
    return run.err


def demo_file(path: Path) -> str:
    """The demo in a SQLite file at ``path``, with one verdict recorded; its URL."""
    url = f"sqlite:///{path}"
    database = open_database(url)
    load_demo(database)
    database.dispose()
    assert run_cli("--db", url, "verdict", "1", "False", "--note", "Kept.").code == 0
    return url


def stored(url: str) -> tuple[str, int]:
    """Claim 1's verdict and how many evidence sources there are."""
    claims = json.loads(run_cli("--db", url, "claims", "--json").out)
    sources = run_cli("--db", url, "source", "list").out
    return claims[0]["verdict"]["rating"], len(sources.splitlines())


def test_a_database_locked_past_the_busy_timeout_is_one_line_and_loses_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "verify.db"
    url = demo_file(path)
    before = stored(url)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another session holds the write lock throughout
    try:
        run = run_cli("--db", url, "verdict", "1", "True")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    err = one_line(run, 1)
    assert str(path) in err and "busy" in err and "nothing was stored" in err
    assert BUSY_TIMEOUT_MS >= 30_000  # it waited the whole timeout before giving up
    assert stored(url) == before
    assert run_cli("--db", url, "verdict", "1", "True").code == 0  # once free, it works


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path | None]:
    """A folder on a 700 KiB file system (a tmpfs: needs root); None where none can be
    mounted, and the test limits the size of the files it may write instead."""
    folder = tmp_path / "small"
    folder.mkdir()
    mounted = (
        os.geteuid() == 0
        and shutil.which("mount")
        and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=700k", "tmpfs", str(folder)],
            capture_output=True,
        ).returncode
        == 0
    )
    try:
        yield folder if mounted else None
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], check=True)


def evidence_file(tmp_path: Path) -> Path:
    path = tmp_path / "levies.jsonl"
    with path.open("w") as out:
        for n in range(4_000):
            text = f"Record {n}: the harbour levy on ferry number {n * 7919} was reviewed. "
            out.write(json.dumps({"text": text * 4, "title": f"Levy file {n}"}) + "\n")
    return path


def test_a_full_disk_during_an_import_is_one_line_and_loses_nothing(
    tmp_path: Path, small_disk: Path | None
) -> None:
    evidence = evidence_file(tmp_path)
    if small_disk is not None:
        path = small_disk / "verify.db"
        made = demo_file(tmp_path / "made.db")
        assert run_cli("--db", made, "db", "backup", str(path)).code == 0
        url = f"sqlite:///{path}"
        before = stored(url)
        run = run_cli("--db", url, "evidence", "add", str(evidence))
        err = one_line(run, 1)
        assert "the disk is full" in err
    else:  # no file system to fill: the same failure from a limit on file size
        path = tmp_path / "verify.db"
        url = demo_file(path)
        before = stored(url)
        limit = path.stat().st_size + 200_000

        def small_files() -> None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        verify = Path(sys.executable).with_name("verify")
        done = subprocess.run(
            [str(verify), "--db", url, "evidence", "add", str(evidence)],
            capture_output=True,
            text=True,
            preexec_fn=small_files,
        )
        err = one_line(Run(done.returncode, done.stdout, done.stderr), 1)
    assert str(path) in err and "nothing was stored" in err
    assert stored(url) == before


def test_a_database_file_that_cannot_be_written_is_one_line_and_loses_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "verify.db"
    url = demo_file(path)
    before = stored(url)
    # The in-process runs above leave engines for the garbage collector; collected now,
    # their last connection closes and takes the write-ahead log with it, so the write
    # below has to reach the file itself (else it lands in the log and needs no file).
    gc.collect()
    assert not Path(f"{path}-wal").exists()
    if os.geteuid() == 0:  # root writes whatever the mode says: make the file immutable
        if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
            pytest.skip("chattr +i is not available here")
        undo = ["chattr", "-i", str(path)]
    else:
        path.chmod(0o440)
        undo = ["chmod", "660", str(path)]
    try:
        err = one_line(run_cli("--db", url, "verdict", "1", "True"), 1)
        assert str(path) in err and "read-only" in err and "nothing was stored" in err
        assert stored(url) == before  # it still reads
    finally:
        subprocess.run(undo, check=True)
    assert stored(url) == before
