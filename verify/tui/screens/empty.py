"""An empty database: what to do first, instead of a blank pane."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Middle
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import Worker, WorkerState

from verify.services import browse
from verify.tui import safe
from verify.tui.widgets.bars import TaskBar
from verify.tui.widgets.watch import Backoff

if TYPE_CHECKING:
    from verify.services.database import Database
    from verify.tui.app import VerifyApp


def welcome(database: str) -> Text:
    out = Text(end="")
    out.append("No articles yet\n\n", style="bold")
    out.append("The database has nothing to review. To start:\n\n")
    for key, what in (
        ("d", "load the demo: a made-up article and its evidence"),
        ("a", "import an article (a txt, md or html file)"),
        ("e", "import evidence (files or a folder)"),
        ("ctrl+p", "every command"),
        ("ctrl+q", "quit"),
    ):
        out.append(" " * (8 - len(key)))
        out.append(f" {key} ", style="bold reverse")
        out.append(f"  {what}\n")
    out.append("\nFrom a shell: ", style="dim")
    out.append("verify demo", style="bold")
    out.append(", or ", style="dim")
    out.append("verify article add FILE", style="bold")
    out.append(" and ", style="dim")
    out.append("verify evidence add PATH", style="bold")
    out.append(".\n\nDatabase: ", style="dim")
    out.append(database, style="dim")
    return out


class EmptyScreen(Screen):
    """Shown while the database holds no article; it opens the workbench by itself as
    soon as one arrives (imported here, or by a teammate)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "app.load_demo", "Load the demo"),
        Binding("a", "app.import_article", "Import article"),
        Binding("e", "app.import_evidence", "Import evidence"),
    ]

    class ArticlesArrived(Message):
        """The database has an article now."""

    def __init__(
        self, database: str, db: Database | None = None, poll_seconds: float = 2.0
    ) -> None:
        super().__init__()
        self.database = database
        self.db = db
        self.poll_seconds = poll_seconds
        self.backoff = Backoff(poll_seconds)

    if TYPE_CHECKING:  # the running app, typed as verify's (Textual's own getter)
        app = getters.app(VerifyApp)

    def on_mount(self) -> None:
        if self.db is not None:
            self.set_interval(self.poll_seconds, self._look)

    def _look(self) -> None:
        if self.app.screen is self and not self.app.task_running and self.backoff.due():
            self.look_for_articles()

    @work(thread=True, exclusive=True, group="look", exit_on_error=False)
    def look_for_articles(self) -> None:
        if self.db is not None and browse.has_articles(self.db):
            self.post_message(self.ArticlesArrived())

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failed look is said once, then tried again after a doubling wait (not a
        message every tick while the database does not answer)."""
        if event.worker.group != "look":
            return
        event.stop()
        if event.state == WorkerState.SUCCESS and self.backoff.succeeded():
            safe.say(self, "The database answers again.")
        elif event.state == WorkerState.ERROR and event.worker.error is not None:
            if self.backoff.failures == 0:
                self.app.report_failure("Looking for articles", event.worker.error)
            self.backoff.failed()

    def on_empty_screen_articles_arrived(self) -> None:
        self.app.open_article(None)

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(welcome(self.database), id="welcome", markup=False)
        yield TaskBar(id="task")
        yield Footer()
