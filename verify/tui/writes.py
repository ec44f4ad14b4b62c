"""Changes to the database, made one at a time, in order, off the UI thread.

The screen never waits for a write: a key press queues a :class:`Job` and the screen
shows the change at once. Jobs run on one thread, so two quick presses land in the
order they were made, and each job checks the claim's version against the version
this session last saw (a stale one is a conflict, never a silent overwrite). A
successful change moves the version it saw forward by exactly one, so a session's
own queued changes never conflict with each other.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from verify.services.review import Undone


@dataclass
class Job:
    """One change. ``run(expected_version)`` does it and returns what the service returned.

    ``claim_id`` is the claim whose version the job checks (None: no check, e.g. undo).
    ``override(reason)``, when given, makes the job that saves over a conflict.
    """

    kind: str
    claim_id: int | None
    describe: str
    run: Callable[[int | None], Any]
    override: Callable[[str], Job] | None = None
    checked: bool = True


class Writes:
    """The one writer thread of a workbench session."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="verify-write")
        self._lock = threading.Lock()
        self._known: dict[int, int] = {}
        self._queued = 0
        self._closed = False

    @property
    def busy(self) -> bool:
        """Whether a change is queued or being saved."""
        with self._lock:
            return self._queued > 0

    def seen(self, claim_id: int, version: int) -> None:
        """The analyst has seen claim ``claim_id`` at ``version``."""
        with self._lock:
            self._known[claim_id] = version

    def known(self, claim_id: int) -> int | None:
        with self._lock:
            return self._known.get(claim_id)

    def submit(self, job: Job, done: Callable[[Job, Any, BaseException | None], None]) -> None:
        """Queue ``job``; ``done(job, result, error)`` is called on the writer thread."""
        if self._closed:
            raise RuntimeError("the workbench is closing; no more changes")
        with self._lock:
            self._queued += 1
        future: Future = self._pool.submit(self._run, job)

        def finished(f: Future) -> None:
            with self._lock:
                self._queued -= 1
            error = f.exception()
            done(job, None if error else f.result(), error)

        future.add_done_callback(finished)

    def _run(self, job: Job) -> Any:
        with self._lock:
            expected = self._known.get(job.claim_id) if job.claim_id is not None else None
        result = job.run(expected if job.checked else None)
        with self._lock:
            if isinstance(result, Undone):
                self._known[result.claim_id] = result.version
            elif job.claim_id is not None and job.checked and expected is not None:
                self._known[job.claim_id] = expected + 1
            elif job.claim_id is not None:
                self._known.pop(job.claim_id, None)
        return result

    def close(self) -> None:
        """Finish every queued change, then stop the thread."""
        self._closed = True
        self._pool.shutdown(wait=True)
