"""The command palette (ctrl+p): articles, imports, matching, filters, exports, help."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from verify.report import FORMATS
from verify.services import browse
from verify.tui import safe

if TYPE_CHECKING:
    from verify.tui.app import VerifyApp

FORMAT_NAMES = {
    "md": "Markdown",
    "html": "HTML",
    "json": "JSON",
    "csv": "CSV",
    "claimreview": "ClaimReview (schema.org JSON-LD)",
}

FILTERS = (
    ("Filter: claims without a verdict", "is:todo"),
    ("Filter: claims with a verdict", "is:done"),
    ("Filter: claims with my verdict", "is:mine"),
    ("Filter: claims with labelled evidence", "is:labelled"),
    ("Filter: claims with a passage hinted to contradict", "hint:contradicts"),
    ("Filter: claims with a passage whose numbers differ", "numbers:differ"),
    ("Filter: show every claim", ""),
)


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    run: Callable[[], object]
    untrusted: str = ""
    """Text from the database shown after the name (an article title): never markup."""

    @property
    def text(self) -> str:
        return f"{self.name}{self.untrusted}"

    def display(self) -> Text:
        return Text.assemble(self.name, (self.untrusted, "italic"))


class VerifyCommands(Provider):
    """Everything the workbench can do, by name."""

    async def startup(self) -> None:
        app = cast("VerifyApp", self.app)
        self._articles = await asyncio.to_thread(browse.articles, app.db)

    def _commands(self) -> list[Command]:
        app = cast("VerifyApp", self.app)
        workbench = app.workbench()
        out: list[Command] = []
        current = workbench.article.id if workbench and workbench.article else None
        for article in getattr(self, "_articles", []):
            if article.id == current:
                continue
            out.append(
                Command(
                    "Switch to article: ",
                    f"{article.with_verdict}/{article.claims} done",
                    partial(app.open_article, article.id),
                    untrusted=safe.line(article.title),
                )
            )
        out += [
            Command(
                "Import article…",
                "read a txt, md or html file; find and match its claims",
                app.action_import_article,
            ),
            Command(
                "Import evidence…",
                "files or a folder; then every claim is re-matched",
                app.action_import_evidence,
            ),
        ]
        if workbench is not None:
            out += [
                Command(
                    "Re-match this article",
                    "rank the evidence for its claims again",
                    partial(app.rematch, False),
                ),
                Command(
                    "Re-match every claim",
                    "rank the evidence for all claims again",
                    partial(app.rematch, True),
                ),
                Command(
                    "Filter…", "type words or is:todo, v:false, by:NAME", workbench.action_filter
                ),
                *(
                    Command(
                        name,
                        f"filter: {text}" if text else "clear the filter",
                        partial(workbench.apply_filter, text),
                    )
                    for name, text in FILTERS
                ),
                Command("Articles…", "pick the article to work on", workbench.action_articles),
                Command("Undo", "take back your last change", workbench.action_undo),
                Command(
                    "Disagreements",
                    "claims where analysts' verdicts differ, side by side; editors settle them",
                    app.open_disagreements,
                ),
                Command(
                    "Reload", "read everything again from the database", workbench.action_reload
                ),
                *(
                    Command(
                        f"Export report: {FORMAT_NAMES.get(fmt, fmt)}…",
                        "this article's verdicts, to a file",
                        partial(app.action_export, fmt),
                    )
                    for fmt in FORMATS
                ),
            ]
        else:
            out.append(
                Command("Load the demo", "a made-up article and its evidence", app.action_load_demo)
            )
        out.append(Command("Help", "every key", app.action_help))
        return out

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.display(), command.run, text=command.text, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.text)
            if score > 0:
                yield Hit(
                    score, command.display(), command.run, text=command.text, help=command.help
                )
