"""The claims list: a virtual list that draws only the rows on screen.

Ten thousand claims cost a list of small dataclasses and nothing per row until a row
scrolls into view (the Line API), so loading, filtering and moving stay instant.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from verify.config import Rating
from verify.services.browse import ClaimRow
from verify.tui import keys, safe
from verify.tui.claim_filter import ClaimFilter
from verify.tui.widgets.look import (
    GLYPH_DONE,
    GLYPH_LABELLED,
    GLYPH_TODO,
    palette,
    rating_style,
    short_name,
)

WIDE = 70
"""From this width the list shows full verdict names and the speaker."""
KEPT_LINES = 500
"""Drawn lines are kept (a line is drawn again on every repaint that crosses it)."""
SPEAKER_WIDTH = 18
"""The speaker column is at most this wide (and a fifth of the list)."""


ASSIGNED = "@"
"""The mark before a claim assigned to the analyst at the keyboard."""


class ClaimList(ScrollView, can_focus=True):
    """The claims of one article, one line each: status glyph, verdict, text, speaker."""

    BINDINGS = keys.bindings(keys.CLAIM_LIST_KEYS)

    COMPONENT_CLASSES = {
        "claim-list--cursor",
        "claim-list--cursor-blurred",
        "claim-list--dim",
        "claim-list--todo",
    }

    DEFAULT_CSS = """
    ClaimList {
        overflow-x: hidden;
        & > .claim-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: bold;
        }
        & > .claim-list--cursor-blurred {
            background: $block-cursor-blurred-background;
            text-style: bold;
        }
        & > .claim-list--dim { color: $text-muted; }
        & > .claim-list--todo { color: $text-muted; }
    }
    """

    class Highlighted(Message):
        """The cursor is on another claim (or on none)."""

        def __init__(self, claim: ClaimRow | None) -> None:
            super().__init__()
            self.claim = claim

    class ToEvidence(Message):
        """The analyst wants to work on the evidence of the highlighted claim."""

    def __init__(
        self,
        scale: Sequence[Rating],
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.scale = tuple(scale)
        self.me = ""
        """The analyst at the keyboard: claims assigned to them are marked ``ASSIGNED``."""
        self._rows: list[ClaimRow] = []
        self._index: dict[int, int] = {}
        self._shown: list[int] = []
        self._filter = ClaimFilter()
        self._cursor = 0
        self._last_posted: int | None = -1
        self.title = "Claims"
        self._speaker_width = 0
        self.on_move: Callable[[ClaimRow | None], None] | None = None
        """Called at once when the cursor lands on another claim, before Highlighted is
        handled: whatever it draws goes out in the same frame as the moved cursor."""
        self._position: dict[int, int] = {}
        self._styles: dict[str, Style] = {}
        self._palette = (True, False)
        self._strips: dict[tuple[int, int, int], Strip] = {}
        self.with_verdict = 0
        self.empty_text = "No claims"

    # --- data -------------------------------------------------------------------------

    @property
    def rows(self) -> list[ClaimRow]:
        return self._rows

    @property
    def shown_count(self) -> int:
        return len(self._shown)

    @property
    def shown_rows(self) -> list[ClaimRow]:
        """The rows the filter lets through, in the order shown."""
        return [self._rows[i] for i in self._shown]

    @property
    def cursor(self) -> int:
        return self._cursor

    @property
    def current(self) -> ClaimRow | None:
        if 0 <= self._cursor < len(self._shown):
            return self._rows[self._shown[self._cursor]]
        return None

    @property
    def claim_filter(self) -> ClaimFilter:
        return self._filter

    def row(self, claim_id: int) -> ClaimRow | None:
        index = self._index.get(claim_id)
        return self._rows[index] if index is not None else None

    def set_rows(
        self, rows: Sequence[ClaimRow], keep: int | None = None, announce: bool = True
    ) -> None:
        """Show ``rows``; the cursor stays on claim ``keep`` (or the current one) if shown.

        With ``announce`` the highlighted claim is announced even if it did not change
        (the screen reloads it); without, only if it did."""
        keep = keep if keep is not None else (self.current.id if self.current else None)
        self._rows = list(rows)
        self._index = {row.id: i for i, row in enumerate(self._rows)}
        self.with_verdict = sum(1 for row in self._rows if row.rating is not None)
        self._speaker_width = min(
            max((cell_len(safe.line(r.speaker)) for r in self._rows[:500] if r.speaker), default=0),
            SPEAKER_WIDTH,
        )
        if announce:
            self._last_posted = -1
        self._refilter(keep)

    def update_rows(self, rows: Sequence[ClaimRow]) -> None:
        """Replace rows in place (a verdict saved, a change seen); the filter is not re-run,
        so a claim does not vanish from under the cursor the moment it gets a verdict."""
        for row in rows:
            index = self._index.get(row.id)
            if index is None:
                continue
            old = self._rows[index]
            self.with_verdict += (row.rating is not None) - (old.rating is not None)
            self._rows[index] = row
            for key in [k for k in self._strips if k[0] == index]:
                del self._strips[key]
            position = self._position.get(index)
            if position is not None:
                self.refresh_line(position)

    def set_filter(self, claim_filter: ClaimFilter) -> None:
        self._filter = claim_filter
        self._refilter(self.current.id if self.current else None)

    def _refilter(self, keep: int | None) -> None:
        self._shown = self._filter.apply(self._rows)
        self._strips.clear()
        self._position = {index: position for position, index in enumerate(self._shown)}
        cursor = 0
        if keep is not None and keep in self._index and self._index[keep] in self._position:
            cursor = self._position[self._index[keep]]
        elif keep is not None and keep in self._index:
            target = self._index[keep]
            for pos, index in enumerate(self._shown):
                if index >= target:
                    cursor = pos
                    break
            else:
                cursor = max(len(self._shown) - 1, 0)
        self._cursor = cursor
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._shown))
        self.refresh()
        self._scroll_to_cursor(center=True)
        self._show_extent()
        self._post_highlight()

    # --- moving -----------------------------------------------------------------------

    def move_to(self, position: int) -> None:
        if not self._shown:
            return
        position = max(0, min(position, len(self._shown) - 1))
        if position == self._cursor:
            return
        old = self._cursor
        self._cursor = position
        self.refresh_line(old)
        self.refresh_line(position)
        self._scroll_to_cursor()
        self._post_highlight()

    def select_claim(self, claim_id: int) -> bool:
        """Put the cursor on claim ``claim_id`` if it is shown."""
        index = self._index.get(claim_id)
        position = self._position.get(index) if index is not None else None
        if position is None:
            return False
        self.move_to(position)
        return True

    def find(
        self, test: Callable[[ClaimRow], bool], forward: bool = True, wrap: bool = True
    ) -> int | None:
        """The position of the next (or previous) shown claim passing ``test``."""
        count = len(self._shown)
        if not count:
            return None
        step = 1 if forward else -1
        limit = count if wrap else (count - self._cursor - 1 if forward else self._cursor)
        for n in range(1, limit + 1):
            position = self._cursor + step * n
            if wrap:
                position %= count
            if test(self._rows[self._shown[position]]):
                return position
        return None

    def scroll_to_cursor(self) -> None:
        self._scroll_to_cursor()

    def around(self, after: int = 2, before: int = 1) -> list[int]:
        """Ids of the shown claims just after and just before the cursor, nearest first."""
        ids = []
        for step in [*range(1, after + 1), *(-n for n in range(1, before + 1))]:
            position = self._cursor + step
            if 0 <= position < len(self._shown):
                ids.append(self._rows[self._shown[position]].id)
        return ids

    def _scroll_to_cursor(self, center: bool = False) -> None:
        if self._shown:
            self.scroll_to_region(
                Region(0, self._cursor, 1, 1),
                animate=False,
                center=center,
                force=True,
                x_axis=False,
            )

    def _post_highlight(self) -> None:
        current = self.current
        claim_id = current.id if current else None
        if claim_id != self._last_posted:
            self._last_posted = claim_id
            if self.on_move is not None:
                self.on_move(current)
            self.post_message(self.Highlighted(current))

    def action_cursor_down(self) -> None:
        self.move_to(self._cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_to(self._cursor - 1)

    def action_page_down(self) -> None:
        self.move_to(self._cursor + max(self.scrollable_content_region.height - 1, 1))

    def action_page_up(self) -> None:
        self.move_to(self._cursor - max(self.scrollable_content_region.height - 1, 1))

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self._shown) - 1)

    def action_to_evidence(self) -> None:
        self.post_message(self.ToEvidence())

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None:
            self.move_to(offset.y + self.scroll_offset.y)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._shown))
        self._scroll_to_cursor()
        self._show_extent()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._show_extent()

    def _show_extent(self) -> None:
        """The title says how many claims are above and below what is on screen (there is
        no scrollbar: see the stylesheet)."""
        top = round(self.scroll_y)
        height = self.scrollable_content_region.height
        above, below = top, max(len(self._shown) - top - height, 0)
        extent = "  ".join(
            part for part in (f"↑{above}" if above else "", f"↓{below}" if below else "") if part
        )
        title = f"{self.title} {extent}" if extent else self.title
        if self.border_title != title:
            self.border_title = title

    def on_focus(self) -> None:
        self._styles.clear()
        self.refresh_line(self._cursor)

    def on_blur(self) -> None:
        self._styles.clear()
        self.refresh_line(self._cursor)

    def notify_style_update(self) -> None:
        self._styles.clear()
        self._strips.clear()
        super().notify_style_update()

    def _style(self, name: str) -> Style:
        """A component style (or "base" for the widget's own), cached until styles change."""
        style = self._styles.get(name)
        if style is None:
            if name == "base":
                style = self.rich_style
                self._palette = palette(self)
            else:
                style = self.get_component_rich_style(name, partial=name == "claim-list--dim")
            self._styles[name] = style
        return style

    # --- drawing ----------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self._style("base")
        position = self.scroll_offset.y + y
        if not self._shown:
            if y == 0:
                dim = self._style("claim-list--dim")
                text = set_cell_size(f" {self.empty_text}", width)
                return Strip([Segment(text, base + dim)], width)
            return Strip.blank(width, base)
        if position >= len(self._shown):
            return Strip.blank(width, base)
        index = self._shown[position]
        state = 0 if position != self._cursor else (2 if self.has_focus else 1)
        key = (index, width, state)
        strip = self._strips.get(key)
        if strip is None:
            style = base
            if state:
                component = "claim-list--cursor" if state == 2 else "claim-list--cursor-blurred"
                style = base + self._style(component)
            strip = Strip(self._segments(self._rows[index], width, style), width)
            if len(self._strips) > 4 * KEPT_LINES:
                self._strips.clear()
            self._strips[key] = strip
        return strip

    def _segments(self, row: ClaimRow, width: int, style: Style) -> list[Segment]:
        verdict_style = rating_style(row.rating, self.scale, *self._palette)
        dim = self._style("claim-list--dim")
        if row.has_verdict:
            glyph = GLYPH_DONE
        elif row.labels:
            glyph = GLYPH_LABELLED
        else:
            glyph = GLYPH_TODO
        wide = width >= WIDE
        verdict_width = 12 if wide else 8
        verdict = row.rating or ""
        verdict = verdict if wide else short_name(verdict, verdict_width)
        mine = bool(self.me) and row.assigned_to == self.me
        segments = [
            Segment(ASSIGNED if mine else " ", style + verdict_style if mine else style),
            Segment(glyph, style + verdict_style),
            Segment(" "),
            Segment(set_cell_size(verdict, verdict_width), style + verdict_style),
            Segment(" "),
        ]
        used = 4 + verdict_width
        speaker_width = min(self._speaker_width, width // 5) if wide else 0
        speaker = ""
        if speaker_width:
            speaker = safe.line(row.speaker)
            if cell_len(speaker) > speaker_width:
                speaker = set_cell_size(speaker, speaker_width - 1) + "…"
            speaker = set_cell_size(speaker, speaker_width)
        text_width = max(width - used - (speaker_width + 2 if speaker_width else 0), 0)
        text = safe.line(row.text)
        if cell_len(text) > text_width and text_width > 1:
            text = set_cell_size(text, text_width - 1) + "…"
        segments.append(Segment(set_cell_size(text, text_width), style))
        if speaker:
            segments.append(Segment("  "))
            segments.append(Segment(speaker, style + dim))
        return [Segment(s.text, s.style if s.style is not None else style) for s in segments]
