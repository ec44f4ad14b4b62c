"""The evidence for the claim in front of the analyst, one card per passage.

A card: score, the analyst's label, the machine's hint and why, the source and its
date, then the passage cut to fit around the aligned span, which is highlighted.

Cards are wrapped once per claim (and per width) and kept as lines; moving the
highlight or relabelling one card redraws only what changed.

(Over the house's 400 lines on purpose: the card layout and the line cache it draws
from change together; apart, each would need the other's idea of a card's lines.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import Reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from verify.match.reliability import LEVEL_NAMES
from verify.services.browse import EvidenceRow
from verify.tui import keys, safe
from verify.tui.widgets.look import HINT_STYLES, NUMBERS_STYLE, label_style, palette


def excerpt(
    text: str, span: tuple[int, int] | None, budget: int
) -> tuple[str, tuple[int, int] | None]:
    """``text`` cut to about ``budget`` characters around ``span`` (at word boundaries),
    with ``…`` where it was cut, and the span's offsets in the result."""
    if len(text) <= budget:
        return text, span
    if span is None:
        cut = text.rfind(" ", 0, budget)
        cut = cut if cut > budget // 2 else budget
        return text[:cut].rstrip() + " …", None
    s0, s1 = span
    length = s1 - s0
    if length >= budget:
        start, end = s0, s0 + budget
    else:
        room = budget - length
        start = max(0, s0 - room // 3)
        end = min(len(text), start + budget)
        start = max(0, end - budget)
    if start > 0:
        space = text.find(" ", start, s0) if start < s0 else -1
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", s1, end)
        end = space if space != -1 and space >= s1 else end
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    piece = prefix + text[start:end] + suffix
    offset = len(prefix) - start
    new_span = (max(s0 + offset, len(prefix)), min(s1 + offset, len(piece) - len(suffix)))
    return piece, new_span if new_span[1] > new_span[0] else None


KEPT_CARDS = 400
"""Laid-out cards kept for claims shown again or read ahead."""


class EvidenceList(ScrollView, can_focus=True):
    """Passages linked to one claim, best first. Label keys act on the highlighted one."""

    BINDINGS = keys.bindings(keys.EVIDENCE_KEYS)

    COMPONENT_CLASSES = {
        "evidence-list--span",
        "evidence-list--cursor",
        "evidence-list--cursor-blurred",
        "evidence-list--empty",
    }

    DEFAULT_CSS = """
    EvidenceList {
        overflow-x: hidden;
        & > .evidence-list--span { text-style: bold underline; color: $text-warning; }
        & > .evidence-list--cursor { background: $block-cursor-blurred-background; }
        & > .evidence-list--cursor-blurred { background: $boost; }
        & > .evidence-list--empty { color: $text-muted; }
    }
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
    """The list's height changes with every claim, its place on screen does not: a new
    claim's evidence redraws this list alone (the scrollbars are updated by hand)."""

    class OpenSource(Message):
        def __init__(self, row: EvidenceRow) -> None:
            super().__init__()
            self.row = row

    class Back(Message):
        """Back to the claims list."""

    class Changed(Message):
        """Rows were shown or relabelled."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[EvidenceRow] = []
        self.highlighted: int | None = None
        self.passage_lines = 3
        self.empty_text = "No evidence found for this claim."
        self._cards: list[list[list[Segment]]] = []
        self._laid_out: dict[tuple[object, ...], list[list[Segment]]] = {}
        self._strips: dict[tuple[int, int, int], Strip] = {}
        self._styles: dict[str, Style] = {}
        self._tops: list[int] = []
        self._line_card: list[int] = []
        self._width = 0

    # --- data -------------------------------------------------------------------------

    @property
    def count(self) -> int:
        return len(self.rows)

    @property
    def current(self) -> EvidenceRow | None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self.rows):
            return None
        return self.rows[index]

    def show(self, rows: Sequence[EvidenceRow], keep: int | None = None) -> None:
        """Show ``rows``; the highlight stays on link ``keep`` if it is among them."""
        self.rows = list(rows)
        index = 0
        if keep is not None:
            for i, row in enumerate(self.rows):
                if row.link_id == keep:
                    index = i
        self.highlighted = index if self.rows else None
        self._layout_cards()
        self.scroll_to(y=0, animate=False, immediate=True)
        self._scroll_to_highlight()
        self.post_message(self.Changed())

    def update_row(self, row: EvidenceRow) -> None:
        for i, old in enumerate(self.rows):
            if old.link_id == row.link_id:
                self.rows[i] = row
                before = len(self._cards[i]) if i < len(self._cards) else -1
                self._cards[i] = self._card_strips(row, i + 1)
                if len(self._cards[i]) != before:
                    self._index_lines()
                else:
                    top = self._tops[i]
                    for key in [k for k in self._strips if top <= k[0] < top + before]:
                        del self._strips[key]
                self.refresh()
        self.post_message(self.Changed())

    # --- moving -----------------------------------------------------------------------

    def move_to(self, index: int) -> None:
        if not self.rows:
            return
        index = max(0, min(index, len(self.rows) - 1))
        if index == self.highlighted:
            return
        old = self.highlighted
        self.highlighted = index
        for card in (old, index):
            if card is not None and card < len(self._tops):
                self.refresh_lines(self._tops[card], len(self._cards[card]))
        self._scroll_to_highlight()

    def _scroll_to_highlight(self) -> None:
        index = self.highlighted
        if index is None or index >= len(self._tops):
            return
        top, height = self._tops[index], len(self._cards[index])
        viewport = self.scrollable_content_region.height
        if height >= viewport or index == 0:
            self.scroll_to(y=top, animate=False, immediate=True)
        else:
            self.scroll_to_region(
                Region(0, top, 1, height), animate=False, immediate=True, x_axis=False
            )

    def action_cursor_down(self) -> None:
        if self.highlighted is not None:
            self.move_to(self.highlighted + 1)

    def action_cursor_up(self) -> None:
        if self.highlighted is not None:
            self.move_to(self.highlighted - 1)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self.rows) - 1)

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def action_open_source(self) -> None:
        if self.current is not None:
            self.post_message(self.OpenSource(self.current))

    def action_to_claims(self) -> None:
        self.post_message(self.Back())

    def action_rate_publisher(self) -> None:
        """Rate the highlighted passage's publisher; its passages show the new level."""
        from verify.tui.screens.reliability import rate_publisher

        row = self.current
        if row is None or not row.publisher:
            safe.say(self, "This source names no publisher to rate.", severity="warning")
            return
        publisher = row.publisher

        def show(level: str) -> None:
            for each in list(self.rows):
                if each.publisher == publisher:
                    self.update_row(replace(each, reliability=level))

        rate_publisher(self, publisher, row.reliability, show)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        line = offset.y + self.scroll_offset.y
        if 0 <= line < len(self._line_card):
            self.move_to(self._line_card[line])
            if event.chain > 1:
                self.action_open_source()

    def on_focus(self) -> None:
        self._styles.clear()
        self._refresh_current()

    def on_blur(self) -> None:
        self._styles.clear()
        self._refresh_current()

    def _refresh_current(self) -> None:
        index = self.highlighted
        if index is not None and index < len(self._tops):
            self.refresh_lines(self._tops[index], len(self._cards[index]))

    def on_resize(self, event: events.Resize) -> None:
        lines = 6 if self.screen.has_class("-tall") else 3
        if self._card_width() != self._width or lines != self.passage_lines:
            self.passage_lines = lines
            self._layout_cards()
            self._scroll_to_highlight()

    def notify_style_update(self) -> None:
        self._styles.clear()
        self._laid_out.clear()
        self._strips.clear()
        super().notify_style_update()
        if self.rows and self.is_mounted:
            self._layout_cards()

    def _style(self, name: str) -> Style:
        """A component style (or "base" for the widget's own), cached until styles change."""
        style = self._styles.get(name)
        if style is None:
            if name == "base":
                style = self.rich_style
            else:
                style = self.get_component_rich_style(name, partial=name.endswith("span"))
            self._styles[name] = style
        return style

    # --- drawing ----------------------------------------------------------------------

    def _card_width(self) -> int:
        return max(self.scrollable_content_region.width, 20)

    def _layout_cards(self) -> None:
        self._width = self._card_width()
        if self.is_mounted:
            self.passage_lines = 6 if self.screen.has_class("-tall") else 3
        self._cards = [self._card_strips(row, n + 1) for n, row in enumerate(self.rows)]
        self._index_lines()
        self.refresh()

    def _index_lines(self) -> None:
        self._strips.clear()
        self._tops, self._line_card, top = [], [], 0
        for n, card in enumerate(self._cards):
            self._tops.append(top)
            self._line_card.extend([n] * len(card))
            top += len(card)
        size = Size(self._width, top)
        if size != self.virtual_size:
            self.virtual_size = size
            self._scroll_update(size)

    def prepare(self, rows: Sequence[EvidenceRow]) -> None:
        """Lay out the cards of evidence about to be shown (claims read ahead), so showing
        them later costs nothing."""
        for number, row in enumerate(rows, 1):
            self._card_strips(row, number)

    def _card_strips(self, row: EvidenceRow, number: int) -> list[list[Segment]]:
        """The card as lines of segments: wrapped once, padded to the width, with a blank
        line after (strips are made only for the lines drawn). Cards are kept: one shown
        again (the same row, number and width) is not laid out again."""
        width = self._width or self._card_width()
        key = (row, number, width, self.passage_lines, palette(self)[1])
        kept = self._laid_out.get(key)
        if kept is not None:
            return kept
        lines = self._lay_out(row, number, width)
        self._laid_out[key] = lines
        while len(self._laid_out) > KEPT_CARDS:
            self._laid_out.pop(next(iter(self._laid_out)))
        return lines

    def _lay_out(self, row: EvidenceRow, number: int, width: int) -> list[list[Segment]]:
        inner = max(width - 2, 10)
        console = self.app.console
        options = console.options.update(
            width=inner, height=None, no_wrap=False, overflow="fold", highlight=False, markup=False
        )
        lines = console.render_lines(self._card(row, inner, number), options, pad=True)
        space = Segment(" ")
        out = [[space, *line, space] for line in lines]
        out.append([Segment(" " * (inner + 2))])
        return out

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self._style("base")
        line = self.scroll_offset.y + y
        if not self.rows:
            if y == 0:
                dim = self._style("evidence-list--empty")
                return Strip(
                    [Segment(set_cell_size(f" {self.empty_text}", width), base + dim)], width
                )
            return Strip.blank(width, base)
        if line >= len(self._line_card):
            return Strip.blank(width, base)
        card = self._line_card[line]
        state = 0 if card != self.highlighted else (2 if self.has_focus else 1)
        key = (line, width, state)
        strip = self._strips.get(key)
        if strip is not None:
            return strip
        segments = self._cards[card][line - self._tops[card]]
        style = base
        if state:
            name = "evidence-list--cursor" if state == 2 else "evidence-list--cursor-blurred"
            style = base + self._style(name)
        cells = self._width
        if cells < width:
            segments = [*segments, Segment(" " * (width - cells))]
        elif cells > width:
            segments = list(Segment.adjust_line_length(segments, width))
        strip = Strip(Segment.apply_style(segments, style), width)
        self._strips[key] = strip
        return strip

    def _card(self, row: EvidenceRow, width: int, number: int) -> Text:
        mono = palette(self)[1]
        card = Text(end="")
        card.append(f"#{number:<2} ", style="dim")
        card.append(f"{row.score:4.1f} ", style="bold")
        if row.stance:
            card.append(f" {row.stance.upper()} ", style=label_style(row.stance, mono))
            if row.labelled_by:
                card.append(f" {safe.line(row.labelled_by)}", style="dim")
        else:
            card.append("unlabelled", style="dim")
        hint = row.hint if row.hint != "none" else "no hint"
        card.append("  hint: ", style="dim")
        card.append(hint, style="" if mono else HINT_STYLES.get(row.hint, ""))
        if row.hint != "none" and row.hint_confidence:
            card.append(f" {row.hint_confidence:.0%}", style="dim")
        if row.hint_reason:
            room = width - cell_len(card.plain) - 3
            if room > 8:
                reason = safe.line(row.hint_reason)
                if cell_len(reason) > room:
                    reason = set_cell_size(reason, room - 1) + "…"
                card.append(f" ({reason})", style="dim")
        if row.numbers_differ:
            flag = safe.line(row.numbers_summary)
            if cell_len(flag) > width - 1:
                flag = set_cell_size(flag, width - 2) + "…"
            card.append("\n")
            card.append(flag, style="bold" if mono else NUMBERS_STYLE)
        card.append("\n")
        card.append_text(self._source_line(row, width))
        card.append("\n")
        card.append_text(self._passage(row, width))
        if row.note:
            card.append("\n✎ ", style="bold")
            card.append(safe.line(row.note), style="italic")
        return card

    def _source_line(self, row: EvidenceRow, width: int) -> Text:
        title = safe.line(row.source_title or row.path or "untitled source")
        rated = LEVEL_NAMES.get(row.reliability or "")
        publisher = row.publisher and (f"{row.publisher} ({rated})" if rated else row.publisher)
        extra = " · ".join(safe.line(x) for x in (row.place, publisher, row.published_at) if x)
        line = title + (f" — {extra}" if extra else "")
        if cell_len(line) > width:
            line = set_cell_size(line, width - 1) + "…"
        return Text(line, style="dim", end="")

    def _passage(self, row: EvidenceRow, width: int) -> Text:
        raw = safe.plain(row.text)
        span = row.span if len(raw) == len(row.text) else None
        flat = raw.replace("\n", " ")
        budget = max(self.passage_lines * (width - 2), 40)
        piece, piece_span = excerpt(flat, span, budget)
        text = Text(piece, end="")
        if piece_span is not None:
            text.stylize(self._style("evidence-list--span"), *piece_span)
        return text
