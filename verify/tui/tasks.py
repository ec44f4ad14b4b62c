"""Long jobs (imports, re-matching, exports) run one at a time, with visible progress.

Every long job goes through :class:`Tasks`: ``run(title, job, then)`` runs
``job(progress)`` on a thread worker, shows its progress in the screen's task bar,
and calls ``then(result)`` on the UI thread when it is done. A job that raises
leaves the app running: the failure is one line on screen, the traceback in the log
(:mod:`verify.errorlog`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from time import monotonic
from typing import Any

from textual.app import App
from textual.worker import Worker, WorkerState

from verify.progress import Progress
from verify.tui import safe
from verify.tui.messages import TaskProgress
from verify.tui.widgets.bars import TaskBar

GROUP = "task"
"""The worker group of long jobs."""


class Tasks:
    """The app's one running long job."""

    def __init__(self, app: App[Any], failed: Callable[[str, BaseException], None]) -> None:
        self.app = app
        self._failed = failed
        self.running: str | None = None
        self._then: Callable[[Any], object] | None = None

    def run(
        self,
        title: str,
        job: Callable[[Progress], Any],
        then: Callable[[Any], object] | None = None,
    ) -> bool:
        """Start ``job``; False (and a notice) while another job runs."""
        if self.running is not None:
            safe.say(self.app, f"Wait until this finishes: {self.running}", severity="warning")
            return False
        self.running, self._then = title, then
        bar = self.bar()
        if bar is not None:
            bar.start(title)
        self.app.run_worker(
            partial(job, self._progress(title)),
            name=title,
            group=GROUP,
            thread=True,
            exit_on_error=False,
        )
        return True

    def _progress(self, title: str) -> Progress:
        last = 0.0

        def progress(done: int, total: int, what: str) -> None:
            nonlocal last
            now = monotonic()
            if done >= total or now - last >= 0.05:
                last = now
                self.app.post_message(TaskProgress(title, done, total, what))

        return progress

    def bar(self) -> TaskBar | None:
        for screen in reversed(self.app.screen_stack):
            found = screen.query(TaskBar)
            if found:
                return found.first()
        return None

    def advanced(self, message: TaskProgress) -> None:
        bar = self.bar()
        if bar is not None:
            bar.progress(message.title, message.done, message.total, message.what.split("\n")[0])

    def changed(self, worker: Worker[Any]) -> None:
        """The job's worker finished, failed or was cancelled."""
        if worker.state not in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            return
        title, then = self.running or worker.name, self._then
        self.running, self._then = None, None
        bar = self.bar()
        if bar is not None:
            bar.stop()
        if worker.state == WorkerState.ERROR and worker.error is not None:
            self._failed(f"{title} failed", worker.error)
        elif worker.state == WorkerState.SUCCESS and then is not None:
            then(worker.result)
