"""A whole evidence source, opened at the passage the analyst was reading."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea
from textual.widgets.text_area import Selection

from verify.match.reliability import LEVEL_NAMES
from verify.services.browse import SourceView
from verify.tui import safe


def location(text: str, offset: int) -> tuple[int, int]:
    """(row, column) of character ``offset`` in ``text``."""
    offset = max(0, min(offset, len(text)))
    row = text.count("\n", 0, offset)
    line_start = text.rfind("\n", 0, offset) + 1
    return row, offset - line_start


class SourceScreen(ModalScreen[None]):
    """Read-only: the passage is selected, the view scrolled to it; ``ctrl+c`` copies."""

    BINDINGS = [Binding("escape,q", "dismiss", "Close", key_display="esc")]

    def __init__(self, source: SourceView) -> None:
        super().__init__()
        self.source = source
        text = safe.plain(source.text)
        start, end = source.passage_start, source.passage_end
        if len(text) != len(source.text):  # cleaning moved offsets: find the passage again
            passage = safe.plain(source.text[start:end])
            found = text.find(passage) if passage else -1
            start, end = (found, found + len(passage)) if found >= 0 else (0, 0)
        self.text = text
        self.span = (start, end)

    def compose(self) -> ComposeResult:
        source = self.source
        with Vertical(id="source-box") as box:
            box.border_title = safe.one_line(source.title or source.path or "Source")
            box.border_subtitle = "esc closes · the passage is selected"
            header = Text(end="", no_wrap=True, overflow="ellipsis")
            rated = LEVEL_NAMES.get(source.reliability or "")
            publisher = source.publisher and (
                f"{source.publisher} ({rated})" if rated else source.publisher
            )
            parts = [safe.line(p) for p in (source.place, publisher, source.published_at) if p]
            header.append(" · ".join(parts) or "no publisher or date", style="bold")
            where = source.url or source.path
            if where:
                header.append("  " + safe.line(where), style="dim")
            yield Static(header, markup=False, id="source-header")
            yield TextArea(
                self.text, read_only=True, soft_wrap=True, show_line_numbers=False, id="source-text"
            )

    def on_mount(self) -> None:
        area = self.query_one("#source-text", TextArea)
        area.focus()
        start, end = self.span
        if end > start:
            # Select from the end back to the start, so the cursor (and view) is at the start.
            area.selection = Selection(location(self.text, end), location(self.text, start))
        self.call_after_refresh(self._scroll)

    def _scroll(self) -> None:
        area = self.query_one("#source-text", TextArea)
        area.scroll_cursor_visible(center=True, animate=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
