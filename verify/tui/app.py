"""The workbench application: screens, keys, background tasks; ``run`` starts it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, work
from textual.app import App
from textual.binding import BindingType

from verify.config import Settings
from verify.progress import Progress
from verify.services import browse
from verify.tui import keys, paste, safe
from verify.tui.commands import VerifyCommands
from verify.tui.messages import TaskFinished, TaskProgress
from verify.tui.screens.ask import PathScreen
from verify.tui.screens.empty import EmptyScreen
from verify.tui.screens.help import HelpScreen
from verify.tui.screens.workbench import TALL, WorkbenchScreen
from verify.tui.widgets.bars import TaskBar
from verify.tui.writes import Writes

if TYPE_CHECKING:
    from db.session import Database


class VerifyApp(App[int]):
    """The fact-checker's workbench."""

    CSS_PATH = Path(__file__).parent / "verify.tcss"
    TITLE = "verify"
    COMMANDS: ClassVar = App.COMMANDS | {VerifyCommands}
    BINDINGS: ClassVar[list[BindingType]] = keys.bindings(keys.APP_KEYS)
    HORIZONTAL_BREAKPOINTS: ClassVar = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar = [(0, "-short"), (TALL, "-tall")]

    def __init__(
        self,
        db: Database,
        settings: Settings,
        *,
        poll_seconds: float = 2.0,
        database_label: str | None = None,
    ) -> None:
        super().__init__()
        self.db = db
        self.settings = settings
        self.poll_seconds = poll_seconds
        self.database_label = database_label or db.display_url
        self.writes = Writes()
        self.since_event = 0
        self._running_task: str | None = None

    # --- screens ----------------------------------------------------------------------

    def on_mount(self) -> None:
        keymap, unknown = keys.keymap(self.settings.keys, self.settings.scale)
        self.set_keymap(keymap)
        if unknown:
            safe.say(
                self,
                f"The config file names keys that do not exist: {', '.join(unknown)}",
                severity="warning",
                timeout=10,
            )
        self.since_event = browse.last_event_id(self.db)
        if browse.has_articles(self.db):
            self.push_screen(self._workbench())
        else:
            self.push_screen(self._empty())

    def _workbench(self, article_id: int | None = None) -> WorkbenchScreen:
        return WorkbenchScreen(
            self.db,
            self.settings,
            self.writes,
            since_event=self.since_event,
            article_id=article_id,
            poll_seconds=self.poll_seconds,
        )

    def _empty(self) -> EmptyScreen:
        return EmptyScreen(self.database_label, self.db, self.poll_seconds)

    def workbench(self) -> WorkbenchScreen | None:
        for screen in reversed(self.screen_stack):
            if isinstance(screen, WorkbenchScreen):
                return screen
        return None

    def show_empty(self) -> None:
        if not isinstance(self.screen, EmptyScreen):
            self.switch_screen(self._empty())

    def open_article(self, article_id: int | None) -> None:
        """Show article ``article_id`` (None: the newest) in the workbench."""
        workbench = self.workbench()
        if workbench is None:
            self.switch_screen(self._workbench(article_id))
        else:
            workbench.switch_article(article_id)

    def on_unmount(self) -> None:
        self.writes.close()

    # --- actions ----------------------------------------------------------------------

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.settings.scale, self._keymap))

    def action_import_article(self) -> None:
        def chosen(path: Path | str | None) -> None:
            if path is None:
                return
            from verify.services.article import import_article

            db = self.db
            self.run_task(
                f"Importing {_name(path)}",
                lambda progress: import_article(db, path, progress=progress),
                self._article_imported,
            )

        self.push_screen(
            PathScreen("Import an article", hint="A txt, md or html file, or a URL.", urls=True),
            chosen,
        )

    def _article_imported(self, result: Any) -> None:
        verb = "was already stored" if result.already_stored else "imported"
        safe.say(self, f"{result.title} {verb}: {result.claims} claims", timeout=6)
        self.open_article(result.article_id)

    def action_import_evidence(self) -> None:
        def chosen(path: Path | str | None) -> None:
            if path is None:
                return
            from verify.evidence.ingest import import_paths
            from verify.match.link import match_claims

            db = self.db

            def work(progress: Progress) -> tuple[Any, int]:
                report = import_paths(
                    db, [path], progress=lambda d, t, w: progress(d, t, f"reading {w}")
                )
                matched = 0
                if report.sources_added:
                    matched = match_claims(
                        db, progress=lambda d, t, w: progress(d, t, f"matching {w}")
                    )
                return report, matched

            self.run_task(f"Importing evidence from {_name(path)}", work, self._evidence_imported)

        self.push_screen(
            PathScreen(
                "Import evidence",
                hint="A file (txt, md, html, pdf, docx, jsonl, csv), a folder, or a URL.",
                urls=True,
            ),
            chosen,
        )

    def _evidence_imported(self, result: tuple[Any, int]) -> None:
        report, matched = result
        safe.say(
            self,
            f"{report.sources_added} sources added ({report.passages_added} passages), "
            f"{report.sources_skipped} already stored; {matched} claims re-matched",
            timeout=8,
        )
        workbench = self.workbench()
        if workbench is not None:
            workbench.action_reload()

    def action_load_demo(self) -> None:
        from verify.demo import load_demo

        db = self.db
        self.run_task(
            "Loading the demo",
            lambda progress: load_demo(db, progress=progress),
            lambda summary: self.open_article(summary.article_id),
        )

    def export_folder(self) -> Path:
        """Where exports go: ``export_dir`` in the config, else the user's documents
        folder (or data folder) under ``verify``."""
        from verify.config import default_export_dir

        return self.settings.export_dir or default_export_dir()

    def action_export(self, fmt: str) -> None:
        from verify.report import EXTENSIONS

        workbench = self.workbench()
        if workbench is None or workbench.article is None:
            return
        stem = "".join(c if c.isalnum() else "-" for c in workbench.article.title.lower())
        stem = "-".join(part for part in stem.split("-") if part)[:60] or "report"
        folder = self.export_folder()
        default = str(folder / f"{stem}{EXTENSIONS.get(fmt, '.' + fmt)}")

        def chosen(path: Path | None) -> None:
            if path is not None:
                path = path.expanduser()
                # a bare name goes to the export folder, never the working directory
                workbench.export_to(fmt, path if path.is_absolute() else folder / path)

        self.push_screen(
            PathScreen(
                f"Export {fmt} report to", must_exist=False, default=default, made_on_use=folder
            ),
            chosen,
        )

    # --- background tasks -------------------------------------------------------------

    @property
    def task_running(self) -> str | None:
        return self._running_task

    def run_task(
        self,
        title: str,
        job: Callable[[Progress], Any],
        then: Callable[[Any], object] | None = None,
    ) -> bool:
        """Run ``job(progress)`` on a thread with a progress bar; ``then(result)`` after."""
        if self._running_task is not None:
            safe.say(self, f"Wait until this finishes: {self._running_task}", severity="warning")
            return False
        self._running_task = title
        bar = self._task_bar()
        if bar is not None:
            bar.start(title)
        self._task_worker(title, job, then)
        return True

    @work(thread=True, group="task", exit_on_error=False)
    def _task_worker(
        self, title: str, job: Callable[[Progress], Any], then: Callable[[Any], object] | None
    ) -> None:
        last = 0.0

        def progress(done: int, total: int, what: str) -> None:
            nonlocal last
            now = monotonic()
            if done >= total or now - last >= 0.05:
                last = now
                self.post_message(TaskProgress(title, done, total, what))

        try:
            result, error = job(progress), None
        except Exception as exc:
            result, error = None, exc
        self.post_message(TaskFinished(title, result, error, then))

    def _task_bar(self) -> TaskBar | None:
        for screen in reversed(self.screen_stack):
            found = screen.query(TaskBar)
            if found:
                return found.first()
        return None

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Paste) and not event.is_forwarded:
            notice = paste.cap(event, self.focused)
            if notice:
                safe.say(self, notice, severity="warning")
        await super().on_event(event)

    def on_task_progress(self, message: TaskProgress) -> None:
        bar = self._task_bar()
        if bar is not None:
            what = message.what.split("\n")[0]
            bar.progress(message.title, message.done, message.total, what)

    def on_task_finished(self, message: TaskFinished) -> None:
        self._running_task = None
        bar = self._task_bar()
        if bar is not None:
            bar.stop()
        if message.error is not None:
            safe.say(self, f"{message.title} failed: {message.error}", severity="error", timeout=12)
            return
        if message.then is not None:
            message.then(message.result)


def run(db: Database, settings: Settings) -> int:
    """Open the workbench on ``db``; returns the exit code."""
    app = VerifyApp(db, settings)
    try:
        app.run()
    finally:
        app.writes.close()
    return app.return_code or 0


def _name(path: Path | str) -> str:
    """A file's name, or a URL as it was given (shown cleaned by the task bar)."""
    return safe.line(path if isinstance(path, str) else path.name)
