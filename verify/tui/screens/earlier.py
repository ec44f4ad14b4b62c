"""One checked-before entry opened: the published fact-check or the team's earlier
verdict, in full, with what adopting it would do."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from verify.services.browse import Earlier
from verify.tui import safe


class EarlierScreen(ModalScreen[bool]):
    """Read-only; ``d`` adopts the verdict as a draft (dismisses with True)."""

    BINDINGS = [
        Binding("escape,q", "close", "Close", key_display="esc"),
        Binding("d", "adopt", "Adopt as a draft"),
    ]

    def __init__(self, entry: Earlier) -> None:
        super().__init__()
        self.entry = entry

    def body(self) -> Text:
        e = self.entry
        out = Text(end="")
        out.append(safe.line(e.rating), style="bold")
        if e.source == "team":
            out.append(f"  by {safe.line(e.analyst)} on {e.date}", style="dim")
            out.append(f"\nArticle {e.article_id}, claim {e.earlier_claim_id}", style="dim")
        else:
            where = " · ".join(safe.line(p) for p in (e.publisher, e.date) if p)
            out.append(f"  {where}", style="dim")
            if e.claimant:
                out.append(f"\nClaimant: {safe.line(e.claimant)}", style="dim")
        out.append(f"\nMatch score {e.score:.0f}\n\n", style="dim")
        out.append(safe.plain(e.text))
        if e.title:
            out.append(f"\n\n{safe.line(e.title)}", style="italic")
        if e.rationale:
            out.append("\n\nRationale: ", style="bold")
            out.append(safe.plain(e.rationale))
        if e.url:
            out.append(f"\n\n{safe.line(e.url)}", style="underline")
        return out

    def compose(self) -> ComposeResult:
        kind = "Earlier team verdict" if self.entry.source == "team" else "Published fact-check"
        with VerticalScroll(id="earlier-box") as box:
            box.border_title = f"Checked before: {kind}"
            box.border_subtitle = "d adopts it as your draft · esc closes"
            yield Static(self.body(), markup=False, id="earlier-body")

    def action_close(self) -> None:
        self.dismiss(False)

    def action_adopt(self) -> None:
        self.dismiss(True)
