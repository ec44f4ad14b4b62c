"""The claim in front of the analyst: its sentence and neighbours, who said it, its verdict."""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from verify.config import Rating
from verify.services.browse import ClaimDetail
from verify.tui import safe
from verify.tui.widgets.look import GLYPH_DONE, GLYPH_TODO, palette, rating_style, when

NOTE_LINES = 3
NEIGHBOUR_CHARS = 60
"""In a short terminal, how much of each neighbouring sentence is shown."""


class ClaimPanel(Static):
    """Shows one :class:`ClaimDetail`; draws nothing of its own text as markup.

    Its height is fixed by the layout, so showing another claim redraws this panel
    alone; what does not fit is cut at the bottom (the neighbouring sentences first).
    """

    DEFAULT_CSS = """
    ClaimPanel { overflow: hidden hidden; }
    """

    def __init__(self, scale: Sequence[Rating], *, id: str | None = None) -> None:
        super().__init__(Text(""), id=id, markup=False)
        self.scale = tuple(scale)
        self.detail: ClaimDetail | None = None
        self._shown: tuple[str | None, bool] = (None, False)
        self.shown = Text("")
        """What the panel shows now (cut at the bottom to its height)."""

    @property
    def compact(self) -> bool:
        return self.is_mounted and self.screen.has_class("-short")

    def show(
        self,
        detail: ClaimDetail | None,
        *,
        position: str = "",
        warning: str | None = None,
        pending: bool = False,
        placeholder: str = "No claim selected",
    ) -> None:
        self.detail = detail
        self._shown = (warning, pending)
        if detail is None:
            self.border_title = "Claim"
            self._draw(Text(placeholder, style="dim"))
            return
        row = detail.row
        self.border_title = f"Claim {row.id}" + (f" · {position}" if position else "")
        self._draw(self._describe(detail, warning, pending))

    def _draw(self, text: Text) -> None:
        self.shown = text
        self.update(text, layout=False)

    def on_resize(self) -> None:
        if self.detail is not None:  # what fits of the context depends on the size
            self._draw(self._describe(self.detail, *self._shown))

    def _describe(self, detail: ClaimDetail, warning: str | None, pending: bool) -> Text:
        row = detail.row
        out = Text(end="")
        if warning:
            out.append(f"⚠ {safe.line(warning)}", style="bold reverse")
            out.append("\n")
        out.append_text(self._verdict(detail, pending))
        out.append_text(self._note(detail))
        out.append("\n")
        if detail.version_note:  # a newer version of the article changed or removed it
            out.append(safe.line(detail.version_note), style="bold")
            out.append("\n")
        if row.speaker:
            out.append(safe.line(row.speaker), style="bold")
            out.append(" · ")
        if row.turn:
            out.append(safe.line(row.turn))
            out.append(" · ")
        out.append(row.kind, style="italic")
        out.append(f" · check-worthiness {row.checkworthiness:.2f}", style="dim")
        out.append("\n")
        context = self._context_text(detail)
        if not self.compact:
            context = self._fit(context, detail, self._lines(out) - 1)
        out.append_text(context)
        return out

    def _lines(self, text: Text) -> int:
        """How many lines ``text`` takes in the panel (0 before it is laid out)."""
        width = self.content_size.width
        if not self.is_mounted or width <= 0:
            return 0
        return len(text.wrap(self.app.console, width))

    def _fit(self, context: Text, detail: ClaimDetail, used: int) -> Text:
        """The context with as much of the sentences before the claim's as leaves the
        claim's own sentence in view: those give way first (then the ones after it,
        cut at the bottom)."""
        room = self.content_size.height - used
        s0, s1 = detail.sentence_span
        if room <= 0 or s0 <= 0 or len(context.plain) != len(detail.context):
            return context
        if self._lines(context[:s1]) <= room:
            return context
        plain = context.plain
        starts = [i for i in range(1, s0 + 1) if plain[i - 1].isspace() or i == s0]
        lo, hi = 0, len(starts) - 1  # the earliest word start that still fits
        while lo < hi:
            middle = (lo + hi) // 2
            trial = Text("… ", style="dim", end="") + context[starts[middle] : s1]
            if self._lines(trial) <= room:
                hi = middle
            else:
                lo = middle + 1
        return Text("… ", style="dim", end="") + context[starts[lo] :]

    def _context_text(self, detail: ClaimDetail) -> Text:
        text = safe.text(detail.context)
        plain = text.plain
        if len(plain) != len(detail.context):
            return text  # cleaning changed offsets: show it unhighlighted
        s0, s1 = detail.sentence_span
        c0, c1 = detail.claim_span
        text.stylize("dim", 0, s0)
        text.stylize("dim", s1, len(plain))
        text.stylize("bold underline", c0, c1)
        if self.compact:
            # Only the ends of the neighbouring sentences: the claim needs the room.
            keep = NEIGHBOUR_CHARS
            if len(plain) - s1 > keep:
                cut = plain.rfind(" ", s1, s1 + keep)
                text = text[: cut if cut > s1 else s1 + keep]
                text.append(" …", style="dim")
            if s0 > keep:
                cut = plain.find(" ", s0 - keep, s0)
                cut = cut + 1 if cut != -1 else s0 - keep
                text = Text("… ", style="dim", end="") + text[cut:]
        return text

    def _verdict(self, detail: ClaimDetail, pending: bool) -> Text:
        out = Text(end="")
        verdict = detail.verdict
        out.append("Verdict ", style="bold")
        if verdict is None:
            out.append(f"{GLYPH_TODO} none yet", style="dim")
            if pending:
                out.append("  saving…", style="italic")
            return out
        style = rating_style(verdict.rating, self.scale, *palette(self))
        out.append(f"{GLYPH_DONE} ", style=style)
        out.append(safe.line(verdict.rating), style=style + Style(bold=True))
        if verdict.confidence is not None:
            out.append(f" · {verdict.confidence:.0%} sure")
        out.append(f" · {safe.line(verdict.analyst)} {when(verdict.at, date=True)}", style="dim")
        if verdict.state == "approved" and verdict.approved_by:
            out.append(f" · approved by {safe.line(verdict.approved_by)}", style="bold")
        if detail.verdicts > 1:
            out.append(f" · {detail.verdicts} verdicts", style="dim")
        if pending:
            out.append("  saving…", style="italic")
        return out

    def _note(self, detail: ClaimDetail) -> Text:
        out = Text(end="")
        verdict = detail.verdict
        if verdict is None or not verdict.rationale:
            return out
        lines = [line for line in safe.plain(verdict.rationale).splitlines() if line.strip()]
        limit = 1 if self.compact else NOTE_LINES
        out.append("\nNote ", style="bold")
        out.append("\n     ".join(lines[:limit]), style="italic")
        if len(lines) > limit:
            out.append(f" … (+{len(lines) - limit} lines: n)", style="dim")
        return out
