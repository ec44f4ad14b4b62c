"""Rating a publisher's reliability from the evidence in front of the analyst.

``R`` on a passage asks how far the team relies on its publisher (the levels of
``verify source rate``), with an optional note; the rating is stored, audited, by
:func:`verify.services.sources.rate_publisher`, in a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from verify.errors import VerifyError
from verify.match.reliability import LEVEL_NAMES, LEVELS
from verify.tui import safe


@dataclass(frozen=True)
class Rated:
    level: str
    note: str | None


class ReliabilityScreen(ModalScreen[Rated | None]):
    """Pick a publisher's level; enter rates, esc cancels."""

    DEFAULT_CSS = """
    ReliabilityScreen { align: center middle; }
    #reliability-box {
        width: 60; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    #reliability-levels { height: auto; max-height: 7; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    AUTO_FOCUS = "#reliability-levels"

    def __init__(self, publisher: str, level: str | None, note: str | None = None) -> None:
        super().__init__()
        self.publisher = publisher
        self.level = level
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="reliability-box") as box:
            box.border_title = Text("Rate the publisher")
            box.border_subtitle = "enter rates · tab note · esc cancel"
            yield Static(safe.text(self.publisher, style="bold"), markup=False)
            options = []
            for level in LEVELS:
                prompt = Text("▸ " if level == self.level else "  ")
                prompt.append(LEVEL_NAMES[level])
                options.append(Option(prompt, id=level))
            yield OptionList(*options, id="reliability-levels")
            yield Input(self.note or "", placeholder="note (optional)", id="reliability-note")

    def on_mount(self) -> None:
        levels = self.query_one(OptionList)
        levels.highlighted = LEVELS.index(self.level) if self.level in LEVELS else 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._rate(str(event.option.id))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        index = self.query_one(OptionList).highlighted
        if index is not None:
            self._rate(LEVELS[index])

    def _rate(self, level: str) -> None:
        note = self.query_one(Input).value.strip()
        self.dismiss(Rated(level, note or None))

    def action_cancel(self) -> None:
        self.dismiss(None)


def rate_publisher(
    node: Any, publisher: str, level: str | None, then: Callable[[str], None]
) -> None:
    """Ask ``node``'s app for ``publisher``'s level and store it; ``then(level)`` runs on
    the app's thread once it is stored. A refusal is one notice."""
    from verify.services.sources import rate_publisher as store_rating

    app = node.app

    def rated(choice: Rated | None) -> None:
        if choice is None:
            return

        def write() -> None:
            try:
                store_rating(app.db, publisher, choice.level, choice.note, app.settings.analyst)
            except VerifyError as error:
                app.call_from_thread(safe.say, app, str(error), severity="error")
                return
            app.call_from_thread(then, choice.level)

        node.run_worker(write, thread=True, group="rate-publisher")

    app.push_screen(ReliabilityScreen(publisher, level), rated)
