"""Reading evidence files in a second process while this one writes them.

A large import spends about as long parsing, cleaning and chunking records in Python as
SQLite spends storing and indexing them. With read-ahead, a child process prepares the
records of every file, in order, and streams them back in batches, so the two halves
run on two cores at once. Each file is still stored in one transaction, by this
process, and a bad file stops the import exactly as it would without read-ahead: the
child reports the same one-line error and reads no further.

The child is a fresh interpreter running this module (``python -m``), not a fork:
imports run in worker threads of the TUI, where forking can copy a held lock, and a
fresh interpreter never re-runs the caller's main script. It writes length-prefixed
pickles of its own making to its stdout. A thread here drains that pipe into a queue of
up to ``AHEAD`` batches, so the child keeps reading while this process waits on the
database (PostgreSQL computes the passages' index in its own process).
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import queue
import struct
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from verify import errorlog
from verify.errors import InputError, VerifyError
from verify.evidence.records import Prepared, prepare_file
from verify.sanitize import clean_line

_FRAME = struct.Struct("<Q")
AHEAD = 16
"""Batches read ahead of the one being stored (a batch is some MiB)."""


def _send(out: IO[bytes], kind: str, value: Any) -> None:
    data = pickle.dumps((kind, value), protocol=pickle.HIGHEST_PROTOCOL)
    out.write(_FRAME.pack(len(data)))
    out.write(data)


def _produce(paths: Sequence[str], publisher: str | None, url: str | None, out: IO[bytes]) -> None:
    """The child: each file's batches, then ("end", path); an error ends the run."""
    try:
        for path in paths:
            for batch in prepare_file(Path(path), publisher, url):
                _send(out, "batch", batch)
            _send(out, "end", path)
    except InputError as error:
        _send(out, "error", (error.message, error.path, error.line))
    except Exception as error:  # the process's last resort: one line, the traceback logged
        logged = errorlog.record(error, f"reading evidence from {', '.join(paths)}")
        _send(out, "crash", f"{type(error).__name__}: {error}{errorlog.details(logged)}")
    out.flush()


class ReadAhead:
    """The child process for one run of imports over ``paths``.

    Use as a context manager, then call :meth:`batches` once per path, in order.
    """

    def __init__(self, paths: Sequence[Path], publisher: str | None, url: str | None):
        self._request = json.dumps(
            {"paths": [str(p) for p in paths], "publisher": publisher, "url": url}
        ).encode("utf-8")
        self._files = len(paths)
        self._process: subprocess.Popen[bytes] | None = None
        self._queue: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=AHEAD)
        self._stop = threading.Event()
        self._pump = threading.Thread(target=self._drain, name="readahead", daemon=True)

    def __enter__(self) -> ReadAhead:
        root = str(Path(__file__).resolve().parent.parent.parent)  # holds the package
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        # The child's stderr goes to a file, not a pipe: a pipe nobody drains until the
        # end would stall a child that writes much there.
        self._stderr = tempfile.TemporaryFile()
        self._process = subprocess.Popen(
            [sys.executable, "-m", __name__],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            env=env,
        )
        assert self._process.stdin is not None
        with contextlib.suppress(BrokenPipeError):  # a child already gone: reading says so
            self._process.stdin.write(self._request)
            self._process.stdin.close()
        self._pump.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        process = self._process
        if process is None:
            return
        self._stop.set()
        if process.poll() is None:
            process.kill()
        process.wait()
        self._pump.join()
        if process.stdout is not None:
            process.stdout.close()
        self._stderr.close()

    def _read(self, size: int) -> bytes:
        assert self._process is not None and self._process.stdout is not None
        data = self._process.stdout.read(size)
        if len(data) != size:
            self._process.wait()
            self._stderr.seek(0)
            lines = self._stderr.read().decode("utf-8", "replace").strip().splitlines()
            last = clean_line(lines[-1])[:200] if lines else f"exit code {self._process.returncode}"
            raise VerifyError(f"the evidence reader stopped unexpectedly: {last}")
        return data

    def _next(self) -> tuple[str, Any]:
        (size,) = _FRAME.unpack(self._read(_FRAME.size))
        return pickle.loads(self._read(size))

    def _drain(self) -> None:
        """The pump thread: the child's frames into the queue, until an end or an error."""
        ends = 0
        while not self._stop.is_set() and ends < self._files:
            try:
                item = self._next()
            except VerifyError as error:
                item = ("failed", error)
            except (OSError, ValueError) as error:  # the pipe closed by __exit__
                item = ("failed", VerifyError(f"the evidence reader stopped: {error}"))
            while not self._stop.is_set():
                try:
                    self._queue.put(item, timeout=0.1)
                    break
                except queue.Full:
                    continue
            if item[0] in ("failed", "error", "crash"):
                return
            ends += item[0] == "end"

    def batches(self) -> Iterator[list[Prepared]]:
        """The next file's batches of prepared records, in order."""
        while True:
            kind, value = self._queue.get()
            if kind == "failed":
                raise value
            if kind == "batch":
                yield value
            elif kind == "end":
                return
            elif kind == "error":
                raise InputError(*value)
            else:
                raise VerifyError(f"the evidence reader failed: {value}")


def main() -> None:
    request = json.loads(sys.stdin.buffer.read())
    _produce(request["paths"], request["publisher"], request["url"], sys.stdout.buffer)


if __name__ == "__main__":
    main()
