"""Small questions: a file path (with completion), an article to import (its path, kind,
hosts and interviewee), an article to switch to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from verify.read.web import is_url
from verify.services.browse import ArticleRow
from verify.tui import safe


class PathSuggester(Suggester):
    """Completes the last part of a path from what is on disk (→ accepts)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        path = Path(value).expanduser()
        folder, stem = (path, "") if value.endswith("/") else (path.parent, path.name)
        try:
            names = sorted(
                p.name + ("/" if p.is_dir() else "")
                for p in folder.iterdir()
                if p.name.startswith(stem) and not p.name.startswith(".")
            )
        except OSError:
            return None
        if not names:
            return None
        return value + names[0][len(stem) :]


class PathScreen(ModalScreen[Path | str | None]):
    """Asks for a path. ``must_exist`` for files to read; otherwise its folder must exist,
    unless it is ``made_on_use`` (the export folder, made when the file is written).
    With ``urls``, an http(s) URL is taken too, and returned as a string."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        *,
        must_exist: bool = True,
        default: str = "",
        hint: str = "",
        urls: bool = False,
        made_on_use: Path | None = None,
    ) -> None:
        super().__init__()
        self.made_on_use = made_on_use
        self.urls = urls
        self.title_text = title
        self.must_exist = must_exist
        self.default = default
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(id="ask-box") as box:
            box.border_title = Text(self.title_text)
            box.border_subtitle = "enter ok · → completes · esc cancel"
            if self.hint:
                yield Static(Text(self.hint, style="dim"), markup=False)
            yield Input(self.default, placeholder="path", suggester=PathSuggester(), id="ask-path")
            yield from self.fields()
            yield Label("", id="ask-error", markup=False)

    def fields(self) -> ComposeResult:
        """More fields under the path (none here)."""
        yield from ()

    def on_mount(self) -> None:
        self.query_one("#ask-path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = self.query_one("#ask-path", Input).value.strip()
        if not value:
            return
        if self.urls and is_url(value):
            self.accept(value)
            return
        path = Path(value).expanduser()
        if self.must_exist and not path.exists():
            self._error(f"{value}: no such file or folder")
            return
        if not self.must_exist and not path.parent.is_dir() and path.parent != self.made_on_use:
            self._error(f"{path.parent}: no such folder")
            return
        self.accept(path)

    def accept(self, value: Path | str) -> None:
        self.dismiss(value)

    def _error(self, message: str) -> None:
        self.query_one("#ask-error", Label).update(Text(message, style="bold"))

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class ImportChoice:
    """How to read an article: its kind (None: told by its shape), a transcript's hosts
    and an interview's interviewee (None: found)."""

    kind: str | None = None
    hosts: tuple[str, ...] = ()
    interviewee: str | None = None


KIND_OPTIONS = (
    ("kind: told by its shape", "auto"),
    ("kind: an article", "article"),
    ("kind: a transcript (debate, interview, speech, captions)", "transcript"),
)


class ArticleImportScreen(PathScreen):
    """Asks for an article or transcript to import, as ``verify article add`` does: the
    path or URL, the kind, and for a transcript its hosts and interviewee. Enter in any
    field imports; :meth:`choice` says how to read it."""

    def __init__(self) -> None:
        super().__init__(
            "Import an article",
            hint="A txt, md, html, vtt or srt file, or a URL. Tab: how to read it.",
            urls=True,
        )
        self.chosen = ImportChoice()

    def fields(self) -> ComposeResult:
        yield Select(KIND_OPTIONS, value="auto", allow_blank=False, id="ask-kind")
        yield Input(placeholder="hosts, comma-separated (default: found)", id="ask-hosts")
        yield Input(placeholder="interviewee, who answers A: (default: found)", id="ask-speaker")

    def accept(self, value: Path | str) -> None:
        self.chosen = self.choice()
        super().accept(value)

    def choice(self) -> ImportChoice:
        """What the fields say now."""
        kind = self.query_one("#ask-kind", Select).value
        hosts = self.query_one("#ask-hosts", Input).value
        speaker = self.query_one("#ask-speaker", Input).value.strip()
        return ImportChoice(
            kind=kind if kind in ("article", "transcript") else None,
            hosts=tuple(name.strip() for name in hosts.split(",") if name.strip()),
            interviewee=speaker or None,
        )


def article_prompt(article: ArticleRow, current: bool = False) -> Text:
    out = Text(end="")
    out.append("▸ " if current else "  ")
    out.append(f"{article.with_verdict}/{article.claims} ✓ ", style="bold")
    out.append(safe.line(article.title))
    extra = " · ".join(safe.line(x) for x in (article.publisher, article.published_at) if x)
    if extra:
        out.append(f"  {extra}", style="dim")
    return out


class ArticleScreen(ModalScreen[int | None]):
    """Pick the article to work on."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, articles: Sequence[ArticleRow], current: int | None) -> None:
        super().__init__()
        self.articles = list(articles)
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="ask-box") as box:
            box.border_title = "Articles"
            box.border_subtitle = "enter opens · esc cancel"
            options = [
                Option(article_prompt(a, a.id == self.current), id=str(a.id)) for a in self.articles
            ]
            yield OptionList(*options, id="ask-articles")

    def on_mount(self) -> None:
        articles = self.query_one(OptionList)
        articles.focus()
        for i, article in enumerate(self.articles):
            if article.id == self.current:
                articles.highlighted = i

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id or 0))

    def action_cancel(self) -> None:
        self.dismiss(None)
