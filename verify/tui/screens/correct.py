"""Correcting the machine: dialogs to edit a claim, split it, and pick a missed one.

Each returns what the analyst chose; the workbench saves it through the review
session (:mod:`verify.services.correction` does the work, audited and undoable).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, TextArea

from verify.services.browse import ClaimRow
from verify.services.correction import Correction
from verify.tui import safe

if TYPE_CHECKING:
    from verify.tui.screens.workbench import WorkbenchScreen


@dataclass(frozen=True)
class ClaimEdit:
    text: str
    speaker: str | None
    """None: the claim has no speaker."""


class EditClaimScreen(ModalScreen[ClaimEdit | None]):
    """The claim's text and speaker, each with its label; ctrl+s saves."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]
    AUTO_FOCUS = "#edit-text"

    def __init__(self, claim_id: int, text: str, speaker: str | None) -> None:
        super().__init__()
        self.claim_id = claim_id
        self.text = text
        self.speaker = speaker

    def compose(self) -> ComposeResult:
        with Vertical(id="edit-box", classes="dialog") as box:
            box.border_title = f"Edit claim {self.claim_id}"
            box.border_subtitle = "ctrl+s save · esc cancel · tab next field"
            yield Label("Claim text", classes="field-label")
            yield TextArea(
                safe.plain(self.text),
                id="edit-text",
                soft_wrap=True,
                tab_behavior="focus",
                show_line_numbers=False,
            )
            yield Label("Speaker (empty: none)", classes="field-label")
            yield Input(safe.line(self.speaker), id="edit-speaker", placeholder="who said it")
            yield Label("", id="edit-error", classes="error", markup=False)
        yield Footer()

    def action_save(self) -> None:
        text = " ".join(self.query_one("#edit-text", TextArea).text.split())
        if not text:
            self.query_one("#edit-error", Label).update(
                Text("A claim needs some text (to remove it, press D: not a claim).", "bold")
            )
            return
        speaker = self.query_one("#edit-speaker", Input).value.strip() or None
        self.dismiss(ClaimEdit(text, speaker))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_cancel(self) -> None:
        self.dismiss(None)


class SplitScreen(ModalScreen[int | str | None]):
    """Where to split the claim: move the cursor to where the second claim begins.

    Returns the offset into the claim's text, or (when the text had to be cleaned to
    be shown, so offsets differ) the words that begin the second claim."""

    BINDINGS = [
        Binding("enter", "split", "Split here", show=True, key_display="⏎"),
        Binding("escape", "cancel", "Cancel"),
    ]
    AUTO_FOCUS = "#split-text"

    def __init__(self, claim_id: int, text: str) -> None:
        super().__init__()
        self.claim_id = claim_id
        self.text = safe.line(text)
        self.exact = self.text == text

    def compose(self) -> ComposeResult:
        with Vertical(id="split-box", classes="dialog") as box:
            box.border_title = f"Split claim {self.claim_id}"
            box.border_subtitle = "enter splits at the cursor · esc cancel"
            yield Label(
                "Cursor where the second claim begins (ctrl+← → by word)", classes="field-label"
            )
            yield Input(self.text, id="split-text", select_on_focus=False)
            yield Label("", id="split-error", classes="error", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        box = self.query_one("#split-text", Input)
        middle = len(self.text) // 2
        space = self.text.find(" ", middle)
        box.cursor_position = space + 1 if 0 < space < len(self.text) - 1 else middle

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.value != self.text:  # the text is not edited here, only pointed into
            event.input.value = self.text

    def action_split(self) -> None:
        self._split_at(self.query_one("#split-text", Input).cursor_position)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._split_at(event.input.cursor_position)

    def _split_at(self, at: int) -> None:
        if not self.text[:at].strip() or not self.text[at:].strip():
            self.query_one("#split-error", Label).update(
                Text("Both parts need some text: move the cursor inside the claim.", "bold")
            )
            return
        self.dismiss(at if self.exact else self.text[at:].strip()[:60])

    def action_cancel(self) -> None:
        self.dismiss(None)


def one_to_one(text: str) -> str:
    """``text`` for a TextArea with every offset kept: each control or line-separator
    character but the newline becomes one space (nothing is dropped or widened)."""
    return "".join(
        ch
        if ch == "\n" or not (unicodedata.category(ch)[0] == "C" or ch in "\u2028\u2029\x85")
        else " "
        for ch in text
    )


class SpanScreen(ModalScreen[tuple[int, int] | None]):
    """The article's text: select the words of a claim the machine missed, then enter."""

    BINDINGS = [
        Binding("enter", "add", "Add the selection as a claim", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]
    AUTO_FOCUS = "#span-text"

    def __init__(self, title: str, text: str, near: int = 0) -> None:
        super().__init__()
        self.title_text = title
        self.text = one_to_one(text)
        self.near = near

    def compose(self) -> ComposeResult:
        with Vertical(id="span-box", classes="dialog") as box:
            box.border_title = Text(f"Add a claim: {safe.line(self.title_text)}")
            box.border_subtitle = "shift+arrows or the mouse select · enter adds · esc cancel"
            yield TextArea(
                self.text,
                id="span-text",
                read_only=True,
                soft_wrap=True,
                show_line_numbers=False,
            )
            yield Label("", id="span-error", classes="error", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        area = self.query_one("#span-text", TextArea)
        area.move_cursor(self.location(self.near), center=True)

    def location(self, index: int) -> tuple[int, int]:
        """(row, column) in the text area of offset ``index`` (only newlines break lines)."""
        before = self.text[:index]
        return before.count("\n"), index - (before.rfind("\n") + 1)

    def index(self, location: tuple[int, int]) -> int:
        """The offset of (row, column) in the text area."""
        row, column = location
        start = 0
        for _ in range(row):
            start = self.text.index("\n", start) + 1
        return start + column

    def selected(self) -> tuple[int, int] | None:
        """The selection as offsets into the article's text (None: nothing selected)."""
        area = self.query_one("#span-text", TextArea)
        start, end = sorted(area.selection)
        lo, hi = self.index(start), self.index(end)
        return (lo, hi) if hi > lo else None

    def action_add(self) -> None:
        span = self.selected()
        if span is None or not self.text[span[0] : span[1]].strip():
            self.query_one("#span-error", Label).update(
                Text("Select the claim's words first (shift+arrows, or drag the mouse).", "bold")
            )
            return
        lo, hi = span
        while lo < hi and self.text[lo].isspace():
            lo += 1
        while hi > lo and self.text[hi - 1].isspace():
            hi -= 1
        self.dismiss((lo, hi))

    def action_cancel(self) -> None:
        self.dismiss(None)


class Corrections:
    """The workbench's corrections of the machine: each asks what it needs, then goes
    to the review session; :meth:`done` redraws the list once it is saved."""

    def __init__(self, screen: WorkbenchScreen) -> None:
        self.screen = screen

    def _current(self) -> ClaimRow | None:
        row = self.screen.claims.current
        if row is None:
            self.screen.app.bell()
        return row

    def edit(self) -> None:
        row = self._current()
        if row is None:
            return

        def edited(change: ClaimEdit | None) -> None:
            if change is not None and (change.text, change.speaker) != (row.text, row.speaker):
                self.screen.submit(
                    self.screen.session.edit_claim(row.id, change.text, change.speaker)
                )

        self.screen.app.push_screen(EditClaimScreen(row.id, row.text, row.speaker), edited)

    def split(self) -> None:
        row = self._current()
        if row is None:
            return

        def chosen(at: int | str | None) -> None:
            if at is not None:
                self.screen.submit(self.screen.session.split_claim(row.id, at))

        self.screen.app.push_screen(SplitScreen(row.id, row.text), chosen)

    def merge(self) -> None:
        """Merge the claim with the next one in the list."""
        claims = self.screen.claims
        row = self._current()
        if row is None:
            return
        later = [r for r in claims.rows if r.ordinal > row.ordinal]
        nxt = min(later, key=lambda r: r.ordinal) if later else None
        if nxt is None:
            safe.say(self.screen, "No claim after this one to merge it with.", timeout=4)
            return
        self.screen.submit(self.screen.session.merge_claims(row.id, nxt.id))

    def drop(self) -> None:
        row = self._current()
        if row is not None:
            self.screen.submit(self.screen.session.drop_claim(row.id))

    def add(self) -> None:
        article = self.screen.article
        if article is None:
            self.screen.app.bell()
            return
        row = self.screen.claims.current
        db = self.screen.db

        def read() -> None:
            from verify.services.browse import article_text

            text = article_text(db, article.id)
            near = text.find(row.text) if row is not None else 0  # start by the claim shown
            self.screen.app.call_from_thread(self._pick, article.title, text, max(near, 0))

        self.screen.run_worker(read, thread=True, group="article-text", exit_on_error=False)

    def _pick(self, title: str, text: str, near: int) -> None:
        article = self.screen.article
        if article is None:
            return

        def picked(span: tuple[int, int] | None) -> None:
            if span is not None:
                self.screen.submit(self.screen.session.add_claim(article.id, *span))

        self.screen.app.push_screen(SpanScreen(title, text, near), picked)

    def done(self, result: Correction) -> None:
        """A correction was saved: the list is read again, the claim it made shown."""
        safe.say(self.screen, f"{result.summary} (u undoes)", timeout=5)
        article = self.screen.article
        keep = result.claim_ids[0] if result.claim_ids else None
        self.screen.load_article(article.id if article else None, keep)
