"""A review session: one analyst's changes in the workbench, saved off the UI thread.

Plain Python, so it is specified by tests without a terminal; the TUI draws what it
says. It holds:

- **the one writer thread.** A key press queues a :class:`Job`; jobs run one at a
  time, in order, so two quick presses land in the order they were made.
- **versions seen.** Each job checks the claim's version against the version this
  session last saw (a stale one is a :class:`~verify.services.review.Conflict`,
  never a silent overwrite). A successful change moves the version forward by
  exactly one, so a session's own queued changes never conflict with each other.
- **pending changes.** Claims with a change still queued: the screen shows the
  change at once and ignores reads that would draw the old state over it.
- **conflicts and dropped changes.** While the analyst decides about one conflict on
  a claim, further conflicting changes to it are dropped and counted, then reported.
- **undo.** The session's own changes since it began, newest first, passing over
  those someone has built on since.
- **warnings.** Claims another analyst changed since this session read them.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from verify.config import Rating, Settings
from verify.services import adjudication, approval, correction, review
from verify.services.correction import Correction
from verify.services.database import Database
from verify.services.review import UndoConflict, Undone

Done = Callable[["Job", Any, BaseException | None], object]
"""Called on the writer thread when a job has run: (job, result, error)."""


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


class ReviewSession:
    """The changes of one analyst (``settings.analyst``) on ``db`` in one workbench run."""

    def __init__(self, db: Database, settings: Settings, since_event: int = 0) -> None:
        self.db = db
        self.settings = settings
        self.me = settings.analyst
        self.since_event = since_event
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="verify-write")
        self._lock = threading.Lock()
        self._known: dict[int, int] = {}
        self._queued = 0
        self._closed = False
        self._pending: Counter[int] = Counter()
        self._in_conflict: set[int] = set()
        self._dropped: Counter[int] = Counter()
        self._undo_skip: set[int] = set()
        self._warnings: dict[int, str] = {}

    # --- the writer thread ------------------------------------------------------------

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

    def submit(self, job: Job, done: Done, shown_version: int | None = None) -> None:
        """Queue ``job``; ``done(job, result, error)`` is called on the writer thread.

        ``shown_version`` is the claim's version as the screen shows it, used when the
        session has not read the claim itself yet. Call :meth:`finished` once the
        result has been drawn.
        """
        if self._closed:
            raise RuntimeError("the workbench is closing; no more changes")
        with self._lock:
            self._queued += 1
            if job.claim_id is not None:
                self._pending[job.claim_id] += 1
                if shown_version is not None:
                    self._known.setdefault(job.claim_id, shown_version)
        future: Future[Any] = self._pool.submit(self._run, job)

        def finished(f: Future[Any]) -> None:
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
            elif isinstance(result, Correction) and result.claim_ids:
                self._known[result.claim_ids[0]] = result.version
            elif job.claim_id is not None and job.checked and expected is not None:
                self._known[job.claim_id] = expected + 1
            elif job.claim_id is not None:
                self._known.pop(job.claim_id, None)
        return result

    def finished(self, job: Job, error: BaseException | None = None) -> None:
        """``job``'s result is drawn: its claim is no longer pending (for this job)."""
        with self._lock:
            if job.claim_id is not None:
                self._pending[job.claim_id] -= 1
                if self._pending[job.claim_id] <= 0:
                    del self._pending[job.claim_id]
        if isinstance(error, UndoConflict):
            self._undo_skip.add(error.event_id)  # the next undo goes further back

    def pending(self, claim_id: int) -> bool:
        """Whether a change to ``claim_id`` is queued and not yet drawn."""
        with self._lock:
            return self._pending[claim_id] > 0

    def close(self) -> None:
        """Finish every queued change, then stop the thread."""
        self._closed = True
        self._pool.shutdown(wait=True)

    # --- conflicts --------------------------------------------------------------------

    def open_conflict(self, claim_id: int) -> bool:
        """A change to ``claim_id`` conflicted: True when the analyst is to be asked,
        False when they are being asked already (this change is dropped and counted)."""
        if claim_id in self._in_conflict:
            self._dropped[claim_id] += 1
            return False
        self._in_conflict.add(claim_id)
        return True

    def close_conflict(self, claim_id: int) -> int:
        """The analyst decided: how many more changes to the claim were dropped meanwhile."""
        self._in_conflict.discard(claim_id)
        self._warnings.pop(claim_id, None)
        return self._dropped.pop(claim_id, 0)

    # --- warnings ---------------------------------------------------------------------

    def warn(self, claim_id: int, text: str) -> None:
        """Someone else changed ``claim_id``: the analyst's next change to it asks first."""
        self._warnings[claim_id] = text

    def warning(self, claim_id: int) -> str | None:
        return self._warnings.get(claim_id)

    def read_afresh(self, claim_id: int, version: int) -> bool:
        """The claim was read again at ``version`` (nothing pending): True when a
        warning about it was cleared by that."""
        self.seen(claim_id, version)
        return self._warnings.pop(claim_id, None) is not None

    # --- the changes ------------------------------------------------------------------

    def verdict(
        self,
        claim_id: int,
        rating: Rating,
        rationale: str | None = None,
        confidence: float | None = None,
        *,
        what: str = "verdict",
        state: str = "submitted",
    ) -> Job:
        """A verdict (``what``: ``verdict``, ``note`` or ``adopt``) and its override."""
        db, me = self.db, self.me

        def run(expected: int | None, extra: str = "") -> Any:
            note = rationale
            if extra:
                note = f"{rationale}\n\n{extra}" if rationale else extra
            return review.record_verdict(
                db,
                claim_id,
                rating,
                me,
                rationale=note,
                confidence=confidence,
                state=state,
                expected_version=expected,
            )

        def override(reason: str) -> Job:
            return Job(
                what,
                claim_id,
                f"{what} {rating.name!r} over theirs",
                lambda _e: run(None, reason),
                checked=False,
            )

        return Job(what, claim_id, f"{what} {rating.name!r}", run, override)

    def label(self, claim_id: int, link_id: int, stance: str | None) -> Job:
        """Label a passage (None clears the label)."""
        db, me = self.db, self.me

        def run(expected: int | None, reason: str | None = None) -> Any:
            return review.label_evidence(
                db, link_id, stance, me, expected_version=expected, reason=reason
            )

        def override(reason: str) -> Job:
            return Job(
                "label",
                claim_id,
                f"label {stance or 'cleared'}",
                lambda _e: run(None, reason),
                checked=False,
            )

        describe = f"label {stance!r}" if stance else "cleared label"
        return Job("label", claim_id, describe, run, override)

    def passage_note(self, claim_id: int, link_id: int, text: str | None) -> Job:
        db, me = self.db, self.me

        def run(expected: int | None, reason: str | None = None) -> Any:
            return review.annotate_evidence(
                db, link_id, text, me, expected_version=expected, reason=reason
            )

        def override(reason: str) -> Job:
            return Job(
                "note", claim_id, "note on passage", lambda _e: run(None, reason), checked=False
            )

        return Job("note", claim_id, "note on passage", run, override)

    def approve(self, claim_id: int) -> Job:
        """Approve the claim's verdict; alone, or with ``approval = "self"`` in the
        config, the analyst may approve their own."""
        db, me = self.db, self.me
        own = self.settings.approval == "self"
        return Job(
            "approve",
            claim_id,
            "approval",
            lambda expected: approval.approve(
                db, claim_id, me, expected_version=expected, self_approval=own
            ),
        )

    def settle(
        self,
        claim_id: int,
        rating: Rating,
        rationale: str | None = None,
        confidence: float | None = None,
    ) -> Job:
        """An editor's final verdict on a disagreement, approved at once."""
        db, me = self.db, self.me
        return Job(
            "settle",
            claim_id,
            f"settle as {rating.name!r}",
            lambda expected: adjudication.settle(
                db,
                claim_id,
                rating,
                me,
                rationale=rationale,
                confidence=confidence,
                expected_version=expected,
            ),
        )

    # --- correcting the machine (each matched again, audited, undone with undo) -------

    def edit_claim(self, claim_id: int, text: str, speaker: str | None) -> Job:
        """The claim's text and speaker (None: it has none)."""
        db, me = self.db, self.me
        return Job(
            "claim_edit",
            claim_id,
            "edit the claim",
            lambda expected: correction.edit_claim(
                db,
                claim_id,
                me,
                text=text,
                speaker=speaker,
                clear_speaker=speaker is None,
                expected_version=expected,
            ),
        )

    def split_claim(self, claim_id: int, at: int | str) -> Job:
        """Split the claim where the second part begins: an offset into its text, or
        the words it begins with."""
        db, me = self.db, self.me
        return Job(
            "claim_split",
            claim_id,
            "split the claim",
            lambda expected: correction.split_claim(
                db, claim_id, at, me, expected_version=expected
            ),
        )

    def merge_claims(self, first_id: int, second_id: int) -> Job:
        """Merge ``second_id`` into ``first_id`` (the earlier of two of one article)."""
        db, me = self.db, self.me
        return Job(
            "claim_merge",
            first_id,
            "merge the claims",
            lambda _expected: correction.merge_claims(db, first_id, second_id, me),
            checked=False,
        )

    def drop_claim(self, claim_id: int) -> Job:
        """Mark the claim "not a claim": hidden from the default view, counted."""
        db, me = self.db, self.me
        return Job(
            "claim_drop",
            claim_id,
            "mark not a claim",
            lambda expected: correction.drop_claim(db, claim_id, me, expected_version=expected),
        )

    def add_claim(self, article_id: int, start: int, end: int) -> Job:
        """The claim the machine missed at ``article.text[start:end]``."""
        db, me = self.db, self.me
        return Job(
            "claim_add",
            None,
            "add a claim",
            lambda _expected: correction.add_claim(db, article_id, start, end, me),
        )

    def undo(self) -> Job:
        """Undo this session's newest change still undoable."""
        db, me, since, skip = self.db, self.me, self.since_event, set(self._undo_skip)
        return Job(
            "undo",
            None,
            "undo",
            lambda _e: review.undo_last(db, me, since_event_id=since, skip=skip),
        )
