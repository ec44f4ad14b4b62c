"""Small questions: a file path (with completion), an article to switch to."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label, OptionList, Static
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
            yield Label("", id="ask-error", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        if not value:
            return
        if self.urls and is_url(value):
            self.dismiss(value)
            return
        path = Path(value).expanduser()
        if self.must_exist and not path.exists():
            self._error(f"{value}: no such file or folder")
            return
        if not self.must_exist and not path.parent.is_dir() and path.parent != self.made_on_use:
            self._error(f"{path.parent}: no such folder")
            return
        self.dismiss(path)

    def _error(self, message: str) -> None:
        self.query_one("#ask-error", Label).update(Text(message, style="bold"))

    def action_cancel(self) -> None:
        self.dismiss(None)


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
