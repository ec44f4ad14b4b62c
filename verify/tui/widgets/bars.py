"""The thin bars around the workbench: the top line, the verdict keys, a task's progress."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar, Static

from verify.config import Rating
from verify.tui import keys, safe
from verify.tui.widgets.look import colour, palette, short_name


class TopBar(Static):
    """Where you are: the article, progress through it, the filter, who you are."""

    DEFAULT_CSS = """
    TopBar { height: 1; background: $panel; color: $text; padding: 0 1; }
    """

    def __init__(self, analyst: str, *, id: str | None = None) -> None:
        super().__init__(Text(""), id=id, markup=False)
        self.analyst = analyst
        self._shown = Text("")

    def show(
        self,
        title: str,
        done: int,
        total: int,
        shown: int | None = None,
        filter_text: str = "",
        status: str = "",
    ) -> None:
        out = Text(no_wrap=True, overflow="ellipsis", end="")
        out.append(f"{done}/{total} ✓", style="bold")  # claims with a verdict / all
        if shown is not None and shown != total:
            out.append(f" · {shown} shown", style="bold")
        if filter_text:
            out.append(" · filter ", style="dim")
            out.append(safe.line(filter_text), style="italic")
        if status:
            out.append(f" · {status}", style="italic")
        out.append(f" · {safe.line(self.analyst)}", style="dim")
        out.append(" · ")
        out.append(safe.line(title))
        if out != self._shown:
            self._shown = out
            self.update(out, layout=False)


class VerdictBar(Static):
    """Every verdict key of the scale, the current verdict marked."""

    DEFAULT_CSS = """
    VerdictBar { height: auto; padding: 0 1; background: $panel; }
    """

    def __init__(self, scale: Sequence[Rating], *, id: str | None = None) -> None:
        super().__init__(Text(""), id=id, markup=False)
        self.scale = tuple(scale)
        self.keymap: Mapping[str, str] = {}
        self.current: str | None = None
        self._shown = Text("")
        self._lines = 0
        self._width = 0

    def on_mount(self) -> None:
        self.refresh_keys()

    def refresh_keys(
        self, current: str | None = None, keymap: Mapping[str, str] | None = None
    ) -> None:
        width = self.content_region.width or 200
        if self._shown and (current, width) == (self.current, self._width) and keymap is None:
            return  # nothing to redraw: moving between claims with the same verdict
        self.current, self._width = current, width
        if keymap is not None:
            self.keymap = keymap
        for short, tight in ((False, False), (True, False), (True, True)):
            out = self._keys_text(short, tight)
            if cell_len(out.plain) <= width:
                break
        if out != self._shown:
            lines = -(-cell_len(out.plain) // max(width, 1))
            self.update(out, layout=lines != self._lines)
            self._shown, self._lines = out, lines

    def _keys_text(self, short: bool, tight: bool) -> Text:
        out = Text(end="")
        for key, rating in zip(keys.verdict_keys(self.scale), self.scale, strict=True):
            pressed = "/".join(keys.effective(key, self.keymap))
            style = colour(rating.colour, *palette(self))
            chosen = rating.name == self.current
            if out:
                out.append(" " if tight else "  ")
            pad = "" if tight else " "
            out.append(f"{pad}{pressed}{pad}", style=style + Style(reverse=True, bold=True))
            name = safe.line(rating.name)
            if short:
                name = short_name(name)
            out.append(
                ("▸" if chosen else " ") + name, style=style + Style(bold=chosen, underline=chosen)
            )
        return out

    def on_resize(self) -> None:
        self.refresh_keys(self.current)


class TaskBar(Horizontal):
    """A running import or match: what it is doing and how far it got."""

    DEFAULT_CSS = """
    TaskBar { height: 1; display: none; background: $panel; padding: 0 1; }
    TaskBar.-running { display: block; }
    TaskBar > Label { width: 1fr; height: 1; }
    TaskBar > ProgressBar { width: auto; height: 1; }
    """

    def compose(self) -> ComposeResult:
        yield Label(Text(""), markup=False)
        yield ProgressBar(total=None, show_eta=False)

    def start(self, what: str) -> None:
        self.add_class("-running")
        self.query_one(Label).update(Text(what, no_wrap=True, overflow="ellipsis"))
        self.query_one(ProgressBar).update(total=None, progress=0)

    def progress(self, what: str, done: int, total: int, detail: str = "") -> None:
        label = Text(what, no_wrap=True, overflow="ellipsis", end="")
        if total:
            label.append(f" {done}/{total}", style="bold")
        if detail:
            label.append(" " + safe.line(detail), style="dim")
        self.query_one(Label).update(label)
        bar = self.query_one(ProgressBar)
        bar.update(total=total or None, progress=done)

    def stop(self) -> None:
        self.remove_class("-running")
