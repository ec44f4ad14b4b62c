"""Help: the prose from help.md, then every key as it is bound right now."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from importlib.resources import files

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from verify.config import Rating
from verify.tui import keys


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("`", "'")


def key_tables(scale: Sequence[Rating], keymap: Mapping[str, str]) -> str:
    """Markdown tables of every key, grouped by where it works, remapping applied."""
    groups: dict[str, list[keys.Key]] = {}
    for key in (
        *keys.APP_KEYS,
        *keys.verdict_keys(scale),
        *keys.WORKBENCH_KEYS,
        *keys.CLAIM_LIST_KEYS,
        *keys.EVIDENCE_KEYS,
        *keys.CHECKED_KEYS,
    ):
        groups.setdefault(key.where, []).append(key)
    parts = []
    for where, members in groups.items():
        parts.append(f"### {where}\n\n| Key | Does | Id |\n| --- | --- | --- |")
        for key in members:
            pressed = ", ".join(f"`{_cell(k)}`" for k in keys.effective(key, keymap))
            description = key.description
            if key.id.startswith("verdict_"):
                description = f"Verdict: {description}"
            parts.append(f"| {pressed} | {_cell(description)} | {key.id} |")
        parts.append("")
    return "\n".join(parts)


SIDE_BY_SIDE = """\
**Left**, the claims of the article: a glyph for where each stands (`○` no verdict
yet, `◐` evidence labelled, `●` verdict given), the verdict in its colour, the claim,
the speaker. **Right**, on top, the claim inside its sentence and the sentences
around it, who said it, its kind and how check-worthy it is; below it, the evidence
found for it, best first: the score, your label, the machine's hint and why, the
source and its date, and the passage with the matching words underlined. The
**verdict keys** are on the line above the footer."""

STACKED = """\
The window is narrow (under 110 columns), so the parts are **stacked**: on top, the
claims of the article (a glyph for where each stands: `○` no verdict yet, `◐`
evidence labelled, `●` verdict given; the verdict, the claim, the speaker); below
them, the claim inside its sentence, who said it, its kind and how check-worthy it
is; then the evidence found for it, best first: the score, your label, the
machine's hint and why, the source and the passage. While you label evidence the
claims list shrinks to give it room. The **verdict keys** are on the line above the
footer. A window 110 columns wide or more shows the claims on the left and the
claim with its evidence on the right."""


def help_text(scale: Sequence[Rating], keymap: Mapping[str, str], wide: bool = True) -> str:
    """The help, describing the layout on screen (side by side when ``wide``)."""
    prose = (files("verify.tui") / "help.md").read_text(encoding="utf-8")
    prose = prose.replace("{layout}", SIDE_BY_SIDE if wide else STACKED)
    return prose.replace("{keys}", key_tables(scale, keymap))


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", key_display="esc"),
        Binding("down,j", "scroll('down')", show=False),
        Binding("up,k", "scroll('up')", show=False),
        Binding("pagedown,space", "scroll('page_down')", show=False),
        Binding("pageup", "scroll('page_up')", show=False),
        Binding("home,g", "scroll('home')", show=False),
        Binding("end,G", "scroll('end')", show=False),
    ]

    def __init__(
        self, scale: Sequence[Rating], keymap: Mapping[str, str], *, wide: bool = True
    ) -> None:
        super().__init__()
        self._text = help_text(scale, keymap, wide)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Help"
            body.border_subtitle = "esc closes · ↑↓ pgup pgdn scroll"
            yield Markdown(self._text)

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_scroll(self, where: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        {
            "down": body.scroll_down,
            "up": body.scroll_up,
            "page_down": body.scroll_page_down,
            "page_up": body.scroll_page_up,
            "home": body.scroll_home,
            "end": body.scroll_end,
        }[where](animate=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
