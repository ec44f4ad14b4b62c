"""Someone else changed the claim: keep their work, or save yours over it with a reason."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from verify.services.review import Conflict
from verify.tui import safe
from verify.tui.widgets.look import when


@dataclass(frozen=True)
class Resolution:
    override: bool
    reason: str = ""


def describe(conflict: Conflict) -> Text:
    """What the other analyst did, as literal text."""
    out = Text(end="")
    theirs = conflict.theirs
    if theirs is None or conflict.by not in (None, theirs.analyst):
        out.append(safe.line(conflict.by or "Another analyst"), style="bold")
        out.append(" changed this claim since you loaded it.")
        if theirs is None:
            return out
        out.append("\nIts verdict: ")
    else:
        out.append(safe.line(theirs.analyst), style="bold")
        out.append(" recorded ")
    out.append(safe.line(theirs.rating), style="bold")
    if theirs.confidence is not None:
        out.append(f" ({theirs.confidence:.0%} sure)")
    if conflict.by not in (None, theirs.analyst):
        out.append(f" by {safe.line(theirs.analyst)}")
    out.append(f" at {when(theirs.at, date=True)}.")
    if theirs.rationale:
        out.append("\n“")
        out.append(safe.plain(theirs.rationale), style="italic")
        out.append("”")
    return out


class ConflictScreen(ModalScreen[Resolution]):
    """Asks before anything is saved over another analyst's change."""

    BINDINGS = [
        Binding("escape", "keep", "Keep theirs"),
        Binding("k", "keep", "Keep theirs", show=False),
        Binding("o", "override", "Override", show=False),
    ]

    def __init__(self, conflict: Conflict, mine: str, *, needs_reason: bool = True) -> None:
        super().__init__()
        self.conflict = conflict
        self.mine = mine
        self.needs_reason = needs_reason

    def compose(self) -> ComposeResult:
        with Vertical(id="conflict-box") as box:
            box.border_title = f"Claim {self.conflict.claim_id} changed while you were on it"
            yield Static(describe(self.conflict), markup=False, id="conflict-theirs")
            yield Static(
                Text.assemble("Your change: ", (safe.line(self.mine), "bold")),
                markup=False,
                id="conflict-mine",
            )
            if self.needs_reason:
                yield Label("Reason to save yours over theirs (required)", classes="field-label")
                yield Input(placeholder="why yours should stand", id="conflict-reason")
            yield Label("", id="conflict-error", markup=False)
            with Horizontal(id="conflict-buttons"):
                keep, override = ("esc", "enter") if self.needs_reason else ("k", "o")
                yield Button(f"Keep theirs ({keep})", id="keep", variant="primary")
                yield Button(f"Save mine over it ({override})", id="override", variant="warning")

    def on_mount(self) -> None:
        # Typing goes to the reason at once; enter saves yours, esc keeps theirs.
        if self.needs_reason:
            self.query_one("#conflict-reason", Input).focus()
        else:
            self.query_one("#keep", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "keep":
            self.action_keep()
        else:
            self.action_override()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_override()

    def action_keep(self) -> None:
        self.dismiss(Resolution(False))

    def action_override(self) -> None:
        if not self.needs_reason:
            self.dismiss(Resolution(True))
            return
        reason_input = self.query_one("#conflict-reason", Input)
        reason = reason_input.value.strip()
        if not reason:
            self.query_one("#conflict-error", Label).update(
                Text("Write why yours should replace theirs, then enter.", style="bold")
            )
            reason_input.focus()
            return
        self.dismiss(Resolution(True, reason))
