"""The workbench application: screens, keys, background tasks; ``run`` starts it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from textual import events
from textual.app import App
from textual.binding import BindingType
from textual.worker import Worker, WorkerState

from verify.config import Settings
from verify.errorlog import details, record
from verify.errors import VerifyError
from verify.progress import Progress
from verify.services import browse
from verify.services.database import Database, StoreFailure, explain
from verify.services.session import ReviewSession
from verify.tui import keys, paste, safe
from verify.tui.commands import VerifyCommands
from verify.tui.messages import TaskProgress
from verify.tui.screens.ask import ArticleImportScreen, PathScreen
from verify.tui.screens.browser import TALL
from verify.tui.screens.empty import EmptyScreen
from verify.tui.screens.help import HelpScreen
from verify.tui.screens.workbench import WorkbenchScreen, workbench_for
from verify.tui.tasks import GROUP, Tasks


class VerifyApp(App[int]):
    """The fact-checker's workbench."""

    CSS_PATH = Path(__file__).parent / "verify.tcss"
    TITLE = "verify"
    COMMANDS: ClassVar = App.COMMANDS | {VerifyCommands}
    BINDINGS: ClassVar[list[BindingType]] = keys.bindings(keys.APP_KEYS)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (TALL, "-tall")]

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
        self.session = ReviewSession(db, settings)
        self.keymap: dict[str, str] = {}
        """What the config's ``[keys]`` table remapped (key id -> keys)."""
        self.tasks = Tasks(self, self.report_failure)
        self._workbench_class = workbench_for(settings.scale)

    # --- screens ----------------------------------------------------------------------

    def on_mount(self) -> None:
        self.keymap, unknown = keys.keymap(self.settings.keys, self.settings.scale)
        self.set_keymap(self.keymap)
        if unknown:
            safe.say(
                self,
                f"The config file names keys that do not exist: {', '.join(unknown)}",
                severity="warning",
                timeout=10,
            )
        self.session.since_event = browse.last_event_id(self.db)
        if browse.has_articles(self.db):
            self.push_screen(self._workbench())
        else:
            self.push_screen(self._empty())

    def _workbench(self, article_id: int | None = None) -> WorkbenchScreen:
        return self._workbench_class(
            self.db,
            self.settings,
            self.session,
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
        self.session.close()

    # --- actions ----------------------------------------------------------------------

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            wide = self.screen.has_class("-wide")  # the layout on screen, described
            self.push_screen(HelpScreen(self.settings.scale, self.keymap, wide=wide))

    def action_import_article(self) -> None:
        asking = ArticleImportScreen()

        def chosen(path: Path | str | None) -> None:
            if path is None:
                return
            from verify.services.article import import_article

            db = self.db
            how = asking.chosen
            self.run_task(
                f"Importing {_name(path)}",
                lambda progress: import_article(
                    db,
                    path,
                    progress=progress,
                    kind=how.kind,
                    hosts=how.hosts,
                    interviewee=how.interviewee,
                ),
                self._article_imported,
            )

        self.push_screen(asking, chosen)

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

        def chosen(answer: Path | str | None) -> None:
            if answer is not None:
                path = Path(answer).expanduser()
                # a bare name goes to the export folder, never the working directory
                target = path if path.is_absolute() else folder / path
                self.export_to(fmt, target, workbench.article.id if workbench.article else None)

        self.push_screen(
            PathScreen(
                f"Export {fmt} report to", must_exist=False, default=default, made_on_use=folder
            ),
            chosen,
        )

    def open_disagreements(self) -> None:
        """Every claim where analysts' verdicts differ, to be settled by an editor."""
        from verify.tui.screens.disagreements import DisagreementsScreen, disagreements_for

        if isinstance(self.screen, DisagreementsScreen):
            return
        screen = disagreements_for(self.settings.scale)  # with the scale's verdict keys
        self.push_screen(screen(self.db, self.settings.scale, None))

    def rematch(self, everything: bool = False) -> None:
        """Rank the evidence again for the workbench's article (or every claim)."""
        from verify.match.link import match_claims

        workbench = self.workbench()
        article = workbench.article if workbench is not None else None
        article_id = None if everything or article is None else article.id
        db = self.db

        def matched(n: int) -> None:
            safe.say(self, f"Re-matched {n} claims.", timeout=4)
            if workbench is not None:
                workbench.action_reload()

        self.run_task(
            "Matching claims",
            lambda progress: match_claims(db, article_id=article_id, progress=progress),
            matched,
        )

    def export_to(self, fmt: str, path: Path, article_id: int | None) -> None:
        """Write the ``fmt`` report of ``article_id`` to ``path``."""
        from verify.report import export, save

        db, settings, folder = self.db, self.settings, self.export_folder()

        def write(progress: Progress) -> Path:
            document = export(db, settings, fmt, article_id=article_id)
            if path.parent == folder:
                folder.mkdir(parents=True, exist_ok=True)  # the export folder is made on use
            save(document, path)
            return path

        self.run_task(
            f"Exporting {fmt}",
            write,
            lambda written: safe.say(self, f"Wrote {written}", timeout=6),
        )

    # --- background tasks and failures ------------------------------------------------

    @property
    def task_running(self) -> str | None:
        return self.tasks.running

    def run_task(
        self,
        title: str,
        job: Callable[[Progress], Any],
        then: Callable[[Any], object] | None = None,
    ) -> bool:
        """Run ``job(progress)`` on a thread with a progress bar; ``then(result)`` after."""
        return self.tasks.run(title, job, then)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Paste) and not event.is_forwarded:
            notice = paste.cap(event, self.focused)
            if notice:
                safe.say(self, notice, severity="warning")
        await super().on_event(event)

    def on_task_progress(self, message: TaskProgress) -> None:
        self.tasks.advanced(message)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """No worker's failure closes the app: it is reported, its traceback logged."""
        worker = event.worker
        if worker.group == GROUP:
            self.tasks.changed(worker)
        elif event.state == WorkerState.ERROR and worker.error is not None:
            self.report_failure(f"{worker.name or worker.group} failed", worker.error)

    def log_failure(self, error: BaseException, where: str) -> Path | None:
        """Write ``error``'s traceback to the log file; the file, if it could be written."""
        return record(error, where)

    def report_failure(self, what: str, error: BaseException) -> None:
        """Say in one line that ``what`` failed and why. A refusal the message explains
        (bad input, not allowed, a file) stands alone; anything else, a database error
        included, has its traceback logged and the message names the log file."""
        if isinstance(error, VerifyError | OSError):
            safe.say(self, f"{what}: {error}", severity="error", timeout=12)
            return
        logged = self.log_failure(error, what)
        if isinstance(error, Exception) and isinstance(error, StoreFailure):
            reason = explain(error, self.db.url)[0]
        else:
            reason = f"{type(error).__name__}: {error}"
        safe.say(self, f"{what}: {reason}{details(logged)}", severity="error", timeout=15)


def run(db: Database, settings: Settings) -> int:
    """Open the workbench on ``db``; returns the exit code."""
    app = VerifyApp(db, settings)
    try:
        app.run()
    finally:
        app.session.close()
    return app.return_code or 0


def _name(path: Path | str) -> str:
    """A file's name, or a URL as it was given (shown cleaned by the task bar)."""
    return safe.line(path if isinstance(path, str) else path.name)
