"""The note: a verdict's rationale (with the verdict and confidence), or a passage's note."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Select, Static, TextArea

from verify.config import Rating
from verify.tui import safe


@dataclass(frozen=True)
class NoteResult:
    text: str
    rating_index: int | None = None
    confidence: float | None = None


def parse_confidence(value: str) -> float | None:
    """``"80"``, ``"80%"`` or ``"0.8"`` as 0.8; blank as None. Raises ValueError."""
    value = value.strip().rstrip("%").strip()
    if not value:
        return None
    number = float(value)
    if number > 1:
        number /= 100
    if not 0 <= number <= 1:
        raise ValueError(value)
    return round(number, 3)


class NoteScreen(ModalScreen[NoteResult | None]):
    """A multi-line note. With a ``scale``, also the verdict and the confidence."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]
    AUTO_FOCUS = "#note-text"

    def __init__(
        self,
        title: str,
        text: str = "",
        *,
        scale: Sequence[Rating] | None = None,
        rating: str | None = None,
        confidence: float | None = None,
        subject: str = "",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.text = text
        self.scale = tuple(scale) if scale else None
        self.rating = rating
        self.confidence = confidence
        self.subject = subject

    def compose(self) -> ComposeResult:
        # Fields in the order tab visits them: the rationale, how sure, the verdict.
        with Vertical(id="note-box") as box:
            box.border_title = Text(self.title_text)
            box.border_subtitle = "ctrl+s save · esc cancel · tab next field"
            if self.subject:
                yield Static(
                    safe.text(self.subject, style="italic"), id="note-subject", markup=False
                )
            yield Label("Rationale" if self.scale is not None else "Note", classes="field-label")
            yield TextArea(
                safe.plain(self.text),
                id="note-text",
                soft_wrap=True,
                tab_behavior="focus",
                show_line_numbers=False,
            )
            if self.scale is not None:
                options = [
                    (Text(f"{r.key}  {safe.line(r.name)}"), i) for i, r in enumerate(self.scale)
                ]
                chosen = next(
                    (i for i, r in enumerate(self.scale) if r.name == self.rating), Select.NULL
                )
                with Horizontal(id="note-fields"):
                    with Vertical(id="note-confidence-field"):
                        yield Label("Confidence", classes="field-label")
                        yield Input(
                            value="" if self.confidence is None else f"{self.confidence:.0%}",
                            placeholder="e.g. 80%",
                            id="note-confidence",
                        )
                    with Vertical(id="note-rating-field"):
                        yield Label("Verdict (its key chooses it)", classes="field-label")
                        yield Select(
                            options,
                            value=chosen,
                            prompt="Verdict…",
                            id="note-rating",
                            allow_blank=True,
                        )
            yield Label("", id="note-error", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        area = self.query_one("#note-text", TextArea)
        area.move_cursor(area.document.end)

    def on_key(self, event: events.Key) -> None:
        """On the verdict field a rating's key chooses it (no key typed there is lost)."""
        if self.scale is None or not isinstance(self.focused, Select):
            return
        index = next((i for i, r in enumerate(self.scale) if r.key == event.character), None)
        if index is not None and not self.focused.expanded:
            event.stop()
            event.prevent_default()
            self.focused.value = index

    def _error(self, message: str) -> None:
        self.query_one("#note-error", Label).update(Text(message, style="bold"))

    def action_save(self) -> None:
        text = self.query_one("#note-text", TextArea).text
        if self.scale is None:
            self.dismiss(NoteResult(text))
            return
        rating = self.query_one("#note-rating", Select).value
        if rating is Select.NULL or rating is None:
            self._error("Choose a verdict first (the list above).")
            self.query_one("#note-rating", Select).focus()
            return
        try:
            confidence = parse_confidence(self.query_one("#note-confidence", Input).value)
        except ValueError:
            self._error("Confidence is a percentage (80%) or a number from 0 to 1.")
            self.query_one("#note-confidence", Input).focus()
            return
        assert isinstance(rating, int)
        self.dismiss(NoteResult(text, rating, confidence))

    def action_cancel(self) -> None:
        self.dismiss(None)
