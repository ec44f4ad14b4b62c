"""Disagreements: each claim where analysts' verdicts differ, their sides next to each other.

Opened from the command palette. The list is on top; below it the highlighted
claim with one column per analyst: their verdict, confidence, rationale and the
evidence they cited. An editor settles the claim with a verdict key: a note asks
for the rationale, and the final verdict is recorded approved, its audit event
linked to the verdicts it settles (:func:`verify.services.adjudication.settle`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from verify.config import Rating
from verify.services.adjudication import Disagreement, Position
from verify.services.database import Database
from verify.tui import keys, safe
from verify.tui.messages import WriteDone
from verify.tui.screens.note import NoteResult, NoteScreen
from verify.tui.widgets.look import when

if TYPE_CHECKING:
    from verify.tui.app import VerifyApp


def position_text(position: Position) -> Text:
    """One analyst's side, as literal text."""
    v = position.verdict
    out = Text(end="")
    out.append(safe.line(v.analyst), style="bold")
    out.append("\n")
    out.append(safe.line(v.rating), style="bold reverse")
    if v.confidence is not None:
        out.append(f"  {v.confidence:.0%} sure")
    out.append(f"  {when(v.at, date=True)}", style="dim")
    out.append("\n")
    if v.rationale:
        out.append("Why: ", style="bold")
        out.append(safe.plain(v.rationale), style="italic")
        out.append("\n")
    for cited in position.cited:
        out.append(f"\n{cited.stance}: ", style="bold")
        out.append(safe.line(cited.source), style="dim")
        out.append("\n")
        out.append(safe.plain(cited.text))
        out.append("\n")
    if not position.cited:
        out.append("\nNo evidence labelled.", style="dim")
    return out


ROW_CHARS = 50
"""How much of a claim a line of the list shows (the claim is in full below it)."""


def row_text(found: Disagreement) -> Text:
    out = Text(end="", no_wrap=True, overflow="ellipsis")
    out.append(f"{found.claim_id:>4} ", style="dim")
    out.append(" vs ".join(safe.line(r) for r in found.ratings), style="bold")
    out.append("  ")
    text = safe.line(found.text)
    out.append(text if len(text) <= ROW_CHARS else text[: ROW_CHARS - 1] + "…")
    return out


class DisagreementsScreen(Screen[None]):
    """Claims where analysts differ; a verdict key settles the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back"),
        Binding("ctrl+r", "reload", "Reload", show=False),
    ]

    if TYPE_CHECKING:  # the running app, typed as verify's (Textual's own getter)
        app = getters.app(VerifyApp)

    def __init__(self, db: Database, scale: Sequence[Rating], article_id: int | None) -> None:
        super().__init__()
        self.db = db
        self.scale = tuple(scale)
        self.article_id = article_id
        self.found: list[Disagreement] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="disagree-body"):
            listing = OptionList(id="disagree-list")
            listing.border_title = "Disagreements"
            yield listing
            yield Static(Text(""), id="disagree-claim", markup=False)
            yield Horizontal(id="disagree-sides")
            yield Static(self._hint(), id="disagree-hint", markup=False)
        yield Footer()

    def _hint(self) -> Text:
        keymap = self.app.keymap
        keys_ = "  ".join(
            f"{'/'.join(keys.effective(key, keymap))} {safe.line(rating.name)}"
            for key, rating in zip(keys.verdict_keys(self.scale), self.scale, strict=True)
        )
        return Text.assemble(("Settle (editors): ", "bold"), keys_, end="")

    def on_mount(self) -> None:
        self.action_reload()

    def action_reload(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="disagreements", exit_on_error=False)
    def load(self) -> None:
        from verify.services.adjudication import disagreements

        found = disagreements(self.db, self.article_id)
        self.app.call_from_thread(self.show, found)

    def show(self, found: list[Disagreement], keep: int | None = None) -> None:
        self.found = found
        listing = self.query_one("#disagree-list", OptionList)
        listing.clear_options()
        listing.add_options(Option(row_text(d), id=str(d.claim_id)) for d in found)
        listing.border_title = f"Disagreements ({len(found)})"
        if not found:
            self.query_one("#disagree-claim", Static).update(
                Text("No disagreements: no claim has analysts' verdicts that differ.")
            )
            self.query_one("#disagree-sides", Horizontal).remove_children()
            return
        listing.highlighted = next((i for i, d in enumerate(found) if d.claim_id == keep), 0)
        listing.focus()

    @property
    def current(self) -> Disagreement | None:
        index = self.query_one("#disagree-list", OptionList).highlighted
        return self.found[index] if index is not None and index < len(self.found) else None

    @on(OptionList.OptionHighlighted, "#disagree-list")
    def _highlighted(self) -> None:
        found = self.current
        if found is None:
            return
        claim = Text(end="")
        claim.append(f"Claim {found.claim_id}", style="bold")
        claim.append(f" · {safe.line(found.article_title)}\n", style="dim")
        if found.speaker:
            claim.append(f"{safe.line(found.speaker)}: ", style="bold")
        claim.append(safe.plain(found.text))
        self.query_one("#disagree-claim", Static).update(claim)
        sides = self.query_one("#disagree-sides", Horizontal)
        sides.remove_children()
        sides.mount_all(
            VerticalScroll(Static(position_text(p), markup=False), classes="side")
            for p in found.positions
        )

    def action_verdict(self, index: int) -> None:
        """Settle the highlighted claim with the scale's ``index``-th rating."""
        found = self.current
        if found is None or not 0 <= index < len(self.scale):
            self.app.bell()
            return
        rating = self.scale[index]

        def noted(result: NoteResult | None) -> None:
            if result is None or result.rating_index is None:
                return
            chosen = self.scale[result.rating_index]
            job = self.app.session.settle(
                found.claim_id, chosen, result.text.strip() or None, result.confidence
            )
            self.app.session.submit(
                job,
                lambda j, out, error: self.post_message(WriteDone(j, out, error)),
                found.version,
            )

        self.app.push_screen(
            NoteScreen(
                f"Settle claim {found.claim_id}: the final verdict, approved at once",
                scale=self.scale,
                rating=rating.name,
                subject=found.text,
            ),
            noted,
        )

    def on_write_done(self, message: WriteDone) -> None:
        self.app.session.finished(message.job, message.error)
        if message.error is not None:
            self.app.report_failure("Not settled", message.error)
        else:
            view = message.result
            safe.say(
                self,
                f"Claim {view.claim_id} settled as {view.rating!r}, approved.",
                timeout=5,
            )
        self.load()

    def action_close(self) -> None:
        self.dismiss()


def disagreements_for(scale: Sequence[Rating]) -> type[DisagreementsScreen]:
    """The screen with the verdict keys of ``scale`` (remapped as in the workbench)."""
    return type(
        "DisagreementsScreen",
        (DisagreementsScreen,),
        {"BINDINGS": keys.bindings(keys.verdict_keys(scale)), "__module__": __name__},
    )
