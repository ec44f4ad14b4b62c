"""Watching the database for other analysts' changes, and saying when it does not answer.

:class:`ChangeWatch` asks the audit trail what changed every few seconds and posts
:class:`~verify.tui.messages.Polled` for the screen to draw. A failed read never
closes the workbench: the widget shows itself as a banner naming the error and the
log file, drops the pooled connections (the next try opens a new one), and tries
again after a wait that doubles each time, up to :data:`LONGEST_WAIT`. When the
database answers again the banner goes and :class:`ChangeWatch.Recovered` is posted.
"""

from __future__ import annotations

from time import monotonic

from rich.text import Text
from textual import work
from textual.message import Message
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from verify.errorlog import details, record
from verify.services import browse
from verify.services.database import Database, reconnect
from verify.tui import safe
from verify.tui.messages import Polled

LONGEST_WAIT = 60.0
"""Seconds between tries, at most, while the database does not answer."""


class Backoff:
    """When to read again while reads fail: a wait that doubles with each failure, from
    ``every`` seconds up to :data:`LONGEST_WAIT`; back to every tick on a success."""

    def __init__(self, every: float) -> None:
        self.every = every
        self.failures = 0
        self._retry_at = 0.0

    def due(self) -> bool:
        """Whether this tick should read."""
        return monotonic() >= self._retry_at

    def failed(self) -> float:
        """Count a failure; the seconds until the next try."""
        self.failures += 1
        wait = min(self.every * 2**self.failures, LONGEST_WAIT)
        self._retry_at = monotonic() + wait
        return wait

    def succeeded(self) -> bool:
        """Count a success; whether reads had been failing until now."""
        was_failing = self.failures > 0
        self.failures, self._retry_at = 0, 0.0
        return was_failing


class ChangeWatch(Static):
    """The change poll; visible only as a banner while reads fail."""

    DEFAULT_CSS = """
    ChangeWatch {
        height: auto;
        max-height: 3;
        background: $error;
        color: $text;
        padding: 0 1;
        display: none;
    }
    ChangeWatch.-failing { display: block; }
    """

    class Recovered(Message):
        """The database answers again after failed reads."""

    def __init__(
        self, db: Database, viewer: str, *, after_event: int, every: float, id: str | None = None
    ) -> None:
        super().__init__(Text(""), id=id, markup=False)
        self.db = db
        self.viewer = viewer
        self.after_event = after_event
        self.every = every
        self.backoff = Backoff(every)
        self._started = False

    def start(self) -> None:
        """Begin watching (once the screen has read what it shows)."""
        if not self._started:
            self._started = True
            self.set_interval(self.every, self._tick, name="poll")

    def seen(self, event_id: int) -> None:
        """Changes up to ``event_id`` have been drawn."""
        self.after_event = max(self.after_event, event_id)

    def _tick(self) -> None:
        if self.backoff.due():
            self.poll(self.after_event)

    @work(thread=True, exclusive=True, group="poll", exit_on_error=False)
    def poll(self, after: int) -> None:
        changes = browse.changes_since(self.db, after, viewer=self.viewer)
        if not changes:
            return
        ids = sorted({c.claim_id for c in changes if c.claim_id is not None})
        rows = browse.claim_rows(self.db, ids=ids, viewer=self.viewer) if ids else []
        self.post_message(Polled(changes, rows))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        event.stop()
        if event.state == WorkerState.SUCCESS and self.backoff.succeeded():
            self.remove_class("-failing")
            self.post_message(self.Recovered())
        elif event.state == WorkerState.ERROR and event.worker.error is not None:
            self._failed(event.worker.error)

    def _failed(self, error: BaseException) -> None:
        wait = self.backoff.failed()
        reconnect(self.db)
        logged = record(error, "reading the changes (the workbench's poll)")
        self.update(
            Text(
                f"Cannot read the database: {safe.line(str(error))[:160]}. Trying again "
                f"in {wait:.0f} s (try {self.backoff.failures}); what is on screen is kept"
                f"{details(logged)}",
                end="",
            )
        )
        self.add_class("-failing")
