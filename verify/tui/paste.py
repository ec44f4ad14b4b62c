"""Pastes into the workbench's text fields, capped before a field sees them.

A paste arrives as one event holding all its text; a field given megabytes of it
(a whole file pasted by mistake) would take minutes to lay it out. The app cuts a
paste to what the focused field is for, and says so, before the field sees it.
"""

from __future__ import annotations

from textual import events
from textual.widget import Widget
from textual.widgets import Input, TextArea

LINE_CAP = 2_000
"""A one-line field (the search box, a confidence, a reason, a path) takes at most this."""
TEXT_CAP = 100_000
"""A multi-line field (a rationale, a note) takes at most this."""


def cap(event: events.Paste, field: Widget | None) -> str | None:
    """Cut ``event``'s text so ``field`` holds no more than it takes; the notice to show,
    None when the paste fits."""
    if isinstance(field, TextArea):
        limit, held = TEXT_CAP, len(field.text) - len(field.selected_text)
    elif isinstance(field, Input):
        limit, held = LINE_CAP, len(field.value)
    else:
        limit, held = LINE_CAP, 0
    room = max(limit - held, 0)
    if len(event.text) <= room:
        return None
    size = len(event.text)
    event.text = event.text[:room]
    return (
        f"Pasted text cut to its first {room:,} characters (of {size:,}): "
        f"a field holds at most {limit:,}."
    )
