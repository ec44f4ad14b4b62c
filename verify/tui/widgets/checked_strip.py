"""The "checked before" strip above the evidence: the published fact-checks and the
team's earlier verdicts that match the claim, one line each, best first.

Hidden when the claim has none. ``enter`` opens the highlighted entry, ``d`` adopts its
verdict as a draft (see the workbench), ``esc`` goes back to the claims.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from verify.services.browse import Earlier
from verify.tui import keys, safe


def describe(entry: Earlier) -> Text:
    """``✓ False · 2026-03-02 · Other Check · 92  the claim…`` as literal text."""
    line = Text(no_wrap=True, overflow="ellipsis", end="")
    line.append("✓ ", style="bold")
    line.append(safe.line(entry.rating), style="bold")
    if entry.source == "team":
        where = f"by {entry.analyst}, article {entry.article_id}"
    else:
        where = " · ".join(safe.line(p) for p in (entry.date, entry.publisher) if p)
    line.append(f" · {where} · {entry.score:.0f}  ", style="dim")
    line.append(safe.line(entry.text))
    return line


class CheckedStrip(OptionList):
    """A claim's checked-before matches; the workbench shows it only when there are some."""

    BINDINGS = keys.bindings(keys.CHECKED_KEYS)

    class Open(Message):
        def __init__(self, entry: Earlier) -> None:
            super().__init__()
            self.entry = entry

    class Back(Message):
        """Back to the claims list."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: tuple[Earlier, ...] = ()

    def show(self, entries: Sequence[Earlier]) -> None:
        entries = tuple(entries)
        self.display = bool(entries)
        if entries == self.entries:
            return
        self.entries = entries
        self.clear_options()
        self.add_options([Option(describe(e)) for e in entries])
        self.border_title = f"Checked before ({len(entries)})"
        if entries:
            self.highlighted = 0

    @property
    def current(self) -> Earlier | None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self.entries):
            return None
        return self.entries[index]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.entries):
            self.post_message(self.Open(self.entries[event.option_index]))

    def action_back(self) -> None:
        self.post_message(self.Back())
