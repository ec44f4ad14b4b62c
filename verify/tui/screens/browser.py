"""Browsing an article's claims: the workbench's layout and everything it reads.

Reads run in thread workers and come back as messages. A claim's view is kept in an
LRU cache once read (and read ahead around the cursor), so moving draws at once. A
timer (:class:`~verify.tui.widgets.watch.ChangeWatch`) asks the audit trail what
changed every few seconds, so another analyst's change to the claim in front of you
appears. A read that fails is reported and logged; the screen stays.
What the analyst changes is :class:`~verify.tui.screens.workbench.WorkbenchScreen`'s.

(Over the house's 400 lines on purpose: these are the reads of one screen, and they
share its claim list, its cache and the claim shown; each handler is short, and split
further the parts would reach into each other's state.)
"""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from textual import getters, on, work
from textual.app import ComposeResult
from textual.cache import LRUCache
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input
from textual.worker import Worker, WorkerState

from verify.config import Settings
from verify.services import browse, review
from verify.services.browse import ArticleRow, ClaimRow, EvidenceRow
from verify.services.database import Database
from verify.services.session import ReviewSession
from verify.tui import safe
from verify.tui.claim_filter import HELP as FILTER_HELP
from verify.tui.claim_filter import ClaimFilter
from verify.tui.messages import (
    ArticleLoaded,
    ArticlesLoaded,
    DetailLoaded,
    Polled,
    Prefetched,
    RowsLoaded,
    SourceLoaded,
)
from verify.tui.screens.ask import ArticleScreen
from verify.tui.screens.source import SourceScreen
from verify.tui.widgets.bars import TaskBar, TopBar, VerdictBar
from verify.tui.widgets.checked_strip import CheckedStrip
from verify.tui.widgets.claim_list import ClaimList
from verify.tui.widgets.claim_panel import ClaimPanel
from verify.tui.widgets.evidence_list import EvidenceList
from verify.tui.widgets.look import when
from verify.tui.widgets.watch import ChangeWatch

if TYPE_CHECKING:
    from verify.tui.app import VerifyApp

FIRST_ROWS = 200
"""A longer article shows its first claims at once and the rest a moment later."""

KEPT_VIEWS = 24
"""Claims kept read (the ones around the cursor, the ones just visited)."""

TALL = 36
"""From this many lines the claim is shown with two sentences either side."""

ACTIONS = {
    "verdict": "changed the verdict",
    "label": "relabelled evidence",
    "note": "changed a note",
    "undo": "undid a change",
}


class BrowserScreen(Screen[None]):
    """An article's claims, the claim in front of you and its evidence, kept current."""

    AUTO_FOCUS = "#claims"

    def __init__(
        self,
        db: Database,
        settings: Settings,
        session: ReviewSession,
        *,
        article_id: int | None = None,
        poll_seconds: float = 2.0,
    ) -> None:
        super().__init__()
        self.db = db
        self.settings = settings
        self.scale = settings.scale
        self.me = settings.analyst
        self.worthy = settings.worthy
        self.session = session
        self.since_event = session.since_event
        self.poll_seconds = poll_seconds
        self.article: ArticleRow | None = None
        self._wanted_article = article_id
        self.detail: browse.ClaimDetail | None = None
        self._neighbours = 1
        self._partial = False
        self._incoming: int | None = None
        self._drawn = threading.Event()
        self._views: LRUCache[int, browse.ClaimView] = LRUCache(KEPT_VIEWS)
        self._loaded = False
        self.claims = ClaimList(self.scale, id="claims")
        self.claims.me = self.me
        self.claims.on_move = self._moved
        self.claims.border_title = self.claims.title
        self.claims.empty_text = "Loading claims…"
        self.panel = ClaimPanel(self.scale, id="claim")
        self.panel.border_title = "Claim"
        self.strip = CheckedStrip(id="checked")
        self.evidence = EvidenceList(id="evidence")
        self.evidence.border_title = "Evidence"
        self.verdicts = VerdictBar(self.scale, id="verdicts")
        self.top = TopBar(self.me, id="top")
        self.change_watch = ChangeWatch(
            db, self.me, after_event=session.since_event, every=poll_seconds, id="watch"
        )

    if TYPE_CHECKING:  # the running app, typed as verify's (Textual's own getter)
        app = getters.app(VerifyApp)

    # --- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield self.top
        yield self.change_watch
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield Input(placeholder=FILTER_HELP, id="filter")
                yield self.claims
            with Vertical(id="right"):
                yield self.panel
                yield self.strip
                yield self.evidence
        yield self.verdicts
        yield TaskBar(id="task")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#filter", Input).display = False
        self.strip.display = False
        self.load_article(self._wanted_article)

    # --- loading ----------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="article", exit_on_error=False)
    def load_article(self, article_id: int | None, keep: int | None = None) -> None:
        """The article's claims: the first screenful and its first claim at once, then
        the rest of a long list (one after the other: Python runs one thread at a time)."""
        articles = browse.article_heads(self.db)
        if not articles:
            self.post_message(ArticleLoaded(None, [], None))
            return
        chosen = next((a for a in articles if a.id == article_id), None)
        if chosen is None:
            chosen = max(articles, key=lambda a: a.id)
        if keep is None:
            first = browse.claim_rows(self.db, chosen.id, limit=FIRST_ROWS, viewer=self.me)
            if len(first) < FIRST_ROWS:
                self.post_message(ArticleLoaded(chosen, first, None))
                return
            self._incoming = first[0].id
            self._drawn.clear()
            self.post_message(ArticleLoaded(chosen, first, None, complete=False))
            self._load_detail(first[0].id, None, True)
            self._drawn.wait(timeout=2.0)  # let the screen be drawn before the long read
        rows = browse.claim_rows(self.db, chosen.id, viewer=self.me)
        self.post_message(ArticleLoaded(chosen, rows, keep))

    def on_article_loaded(self, message: ArticleLoaded) -> None:
        if message.article is None:
            self.app.show_empty()
            return
        if not (self._partial and message.complete and message.keep is None):
            self._views.clear()  # a reload or another article: read everything afresh
        self.article = message.article
        claims = self.claims
        claims.empty_text = (
            "This article has no claims" if not message.rows else "No claim matches the filter"
        )
        keep, announce = message.keep, True
        if keep is None and self._partial and claims.current is not None:
            keep, announce = claims.current.id, False  # the rest of a long list
        claims.set_rows(message.rows, keep, announce)
        self._partial = not message.complete
        self._loaded = True
        self.change_watch.start()
        self._update_top()

    @on(ClaimList.Highlighted)
    def _claim_highlighted(self, event: ClaimList.Highlighted) -> None:
        claim = event.claim
        if claim is None:
            self.detail = None
            self.panel.show(None, placeholder=self.claims.empty_text)
            self.strip.show(())
            self.evidence.show([])
            self.verdicts.refresh_keys(None)
            return
        self.verdicts.refresh_keys(claim.rating)
        self.claim_changed()
        if claim.id == self._incoming:
            self._incoming = None  # the article's loader is reading it already
            return
        if self.detail is not None and self.detail.row.id == claim.id:
            # Drawn from what was read ahead (see _moved); once it is on screen, check
            # it is still so.
            self.call_after_refresh(self.load_detail, claim.id, None, True)
            return
        self.load_detail(claim.id, fresh=True)

    def claim_changed(self) -> None:
        """Another claim is highlighted (the workbench forgets its last label)."""

    def _moved(self, claim: ClaimRow | None) -> None:
        """The cursor moved: a claim read ahead is drawn at once, with the moved cursor."""
        kept = self._views.get(claim.id) if claim is not None else None
        if kept is not None and claim is not None and claim.id != self._incoming:
            self.on_detail_loaded(DetailLoaded(claim.id, kept.detail, kept.evidence, None, True))

    @work(thread=True, exclusive=True, group="detail", exit_on_error=False)
    def load_detail(self, claim_id: int, keep_link: int | None = None, fresh: bool = False) -> None:
        self._load_detail(claim_id, keep_link, fresh)

    def _load_detail(self, claim_id: int, keep_link: int | None, fresh: bool) -> None:
        view = browse.claim_view(self.db, claim_id, neighbours=self._neighbours, viewer=self.me)
        detail, evidence = (view.detail, view.evidence) if view else (None, [])
        self.post_message(DetailLoaded(claim_id, detail, evidence, keep_link, fresh))

    def on_detail_loaded(self, message: DetailLoaded) -> None:
        if message.claim_id == self._incoming:
            self._incoming = None
        current = self.claims.current
        if current is None or current.id != message.claim_id:
            return  # the analyst has moved on
        detail = message.detail
        if detail is None:
            safe.say(
                self,
                f"Claim {message.claim_id} is gone (deleted by someone else?)",
                severity="warning",
            )
            return
        pending = self.session.pending(detail.row.id)
        warned = False
        if message.fresh and not pending:
            warned = self.session.read_afresh(detail.row.id, detail.row.version)
        if not pending:
            self._views.set(detail.row.id, browse.ClaimView(detail, list(message.evidence)))
            if self.claims.row(detail.row.id) != detail.row:
                self.claims.update_rows([detail.row])
        same = (
            self.detail == detail
            and self.evidence.rows == list(message.evidence)
            and message.keep_link is None
            and not warned
        )
        if not same:  # a read-ahead claim checked and found unchanged is not drawn twice
            self.detail = detail
            keep = message.keep_link
            if keep is None and self.evidence.current is not None and not message.fresh:
                keep = self.evidence.current.link_id
            self._show_detail()
            self.evidence.show(message.evidence, keep)
            self._update_top()
        if not self._drawn.is_set():
            self.call_after_refresh(self._drawn.set)
        self.call_after_refresh(self._read_ahead)  # once this claim is on screen

    # --- reading ahead ----------------------------------------------------------------

    def forget(self, *claim_ids: int) -> None:
        """Read these claims afresh next time they are shown."""
        for claim_id in claim_ids:
            self._views.discard(claim_id)

    def _read_ahead(self) -> None:
        wanted = [i for i in self.claims.around() if i not in self._views]
        if wanted:
            self.read_ahead(wanted)

    @work(thread=True, exclusive=True, group="ahead", exit_on_error=False)
    def read_ahead(self, claim_ids: list[int]) -> None:
        views = []
        for claim_id in claim_ids:
            view = browse.claim_view(self.db, claim_id, neighbours=self._neighbours, viewer=self.me)
            if view is not None:
                views.append(view)
        self.post_message(Prefetched(views))

    def on_prefetched(self, message: Prefetched) -> None:
        views = [v for v in message.views if not self.session.pending(v.detail.row.id)]
        for view in views:
            self._views.set(view.detail.row.id, view)

        def prepare() -> None:
            for view in views:
                self.evidence.prepare(view.evidence)

        self.call_after_refresh(prepare)  # never between a key and its screen

    def _show_detail(self) -> None:
        detail = self.detail
        claims = self.claims
        if detail is None or claims.current is None or claims.current.id != detail.row.id:
            return  # the claim now highlighted is still being read
        position = f"{claims.cursor + 1} of {claims.shown_count}"
        row = claims.row(detail.row.id) or detail.row
        pending = self.session.pending(detail.row.id)
        if pending and row.rating != (detail.verdict.rating if detail.verdict else None):
            detail = replace(detail, verdict=self._optimistic_verdict(row, detail))
        self.panel.show(
            detail,
            position=position,
            warning=self.session.warning(detail.row.id),
            pending=pending,
        )
        self.strip.show(detail.earlier)
        self.verdicts.refresh_keys(row.rating)

    def _optimistic_verdict(
        self, row: ClaimRow, detail: browse.ClaimDetail
    ) -> review.VerdictView | None:
        if row.rating is None:
            return None
        old = detail.verdict
        return review.VerdictView(
            0,
            row.id,
            row.rating,
            row.rating_value,
            old.confidence if old else None,
            old.rationale if old else None,
            self.me,
            "submitted",
            datetime.now(UTC),
        )

    def _update_top(self) -> None:
        if self.article is None:
            return
        claims = self.claims
        done, total = claims.with_verdict, len(claims.rows)
        shown: int | None = claims.shown_count
        status = "saving…" if self.session.busy else ""
        if self._partial:  # the rest of the list is still on its way
            shown, status = None, "reading the rest of the claims…"
        claim_filter = claims.claim_filter
        self.top.show(
            self.article.title,
            done,
            total,
            shown,
            claim_filter.text if claim_filter.active else "",
            status,
        )

    @work(thread=True, group="rows", exit_on_error=False)
    def reload_rows(self, ids: list[int]) -> None:
        self.post_message(RowsLoaded(browse.claim_rows(self.db, ids=ids, viewer=self.me)))

    def on_rows_loaded(self, message: RowsLoaded) -> None:
        rows = [r for r in message.rows if not self.session.pending(r.id)]
        self.claims.update_rows(rows)
        self._update_top()

    def reload_claim(self, claim_id: int, fresh: bool = False) -> None:
        self.reload_rows([claim_id])
        current = self.claims.current
        if current is not None and current.id == claim_id:
            self.load_detail(claim_id, fresh=fresh)

    # --- other analysts' changes (read by the ChangeWatch) ----------------------------

    def on_polled(self, message: Polled) -> None:
        if not message.changes:
            return
        self.change_watch.seen(message.changes[-1].event_id)
        self.forget(*(c.claim_id for c in message.changes if c.claim_id is not None))
        article_id = self.article.id if self.article else None
        rows = [
            r for r in message.rows if r.article_id == article_id and not self.session.pending(r.id)
        ]
        self.claims.update_rows(rows)
        current = self.claims.current
        theirs = [c for c in message.changes if c.analyst != self.me]
        if current is not None:
            mine = [c for c in theirs if c.claim_id == current.id]
            if mine:
                last = mine[-1]
                verb = ACTIONS.get(last.action, "changed")
                warning = f"{last.analyst} {verb} at {when(last.at)}; your next change asks first"
                self.session.warn(current.id, warning)
                safe.say(
                    self, warning, title="Changed by someone else", severity="warning", timeout=8
                )
                self.load_detail(current.id, fresh=False)
        self._update_top()

    @on(ChangeWatch.Recovered)
    def _database_back(self) -> None:
        safe.say(self, "The database answers again; everything was read afresh.", timeout=5)
        self.action_reload()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A read that fails is reported (its traceback logged); the screen stays."""
        worker = event.worker
        if event.state == WorkerState.ERROR and worker.error is not None:
            event.stop()
            self.app.report_failure(f"Reading ({worker.group})", worker.error)

    # --- moving -----------------------------------------------------------------------

    def _jump(self, forward: bool) -> None:
        claims = self.claims
        position = claims.find(lambda r: not r.has_verdict, forward=forward, wrap=True)
        if position is None:
            if claims.shown_count:
                safe.say(self, "Every claim shown has a verdict.", timeout=3)
            return
        if (forward and position <= claims.cursor) or (not forward and position >= claims.cursor):
            safe.say(self, "Wrapped around the list.", timeout=2)
        claims.move_to(position)

    def action_next_unreviewed(self) -> None:
        self._jump(True)

    def action_previous_unreviewed(self) -> None:
        self._jump(False)

    def action_next_claim(self) -> None:
        self.claims.action_cursor_down()

    def action_previous_claim(self) -> None:
        self.claims.action_cursor_up()

    @on(ClaimList.ToEvidence)
    def _to_evidence(self) -> None:
        if self.evidence.count:
            self.evidence.focus()

    def on_resize(self) -> None:
        neighbours = 2 if self.size.height >= TALL else 1
        if neighbours != self._neighbours:
            self._neighbours = neighbours
            self._views.clear()
            current = self.claims.current if self._loaded else None
            if current is not None:
                self.load_detail(current.id)

    def on_descendant_focus(self) -> None:
        self.set_class(self.evidence.has_focus, "-labelling")
        self.call_after_refresh(self.claims.scroll_to_cursor)

    @on(EvidenceList.Back)
    def _to_claims(self) -> None:
        self.claims.focus()

    # --- filter -----------------------------------------------------------------------

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.display = True
        box.focus()

    def apply_filter(self, text: str) -> None:
        box = self.query_one("#filter", Input)
        with box.prevent(Input.Changed):
            box.value = text
        box.display = bool(text.strip())
        self.claims.set_filter(ClaimFilter.parse(text, self.me, self.worthy))
        self._show_detail()
        self._update_top()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.claims.set_filter(ClaimFilter.parse(event.value, self.me, self.worthy))
        self._show_detail()  # "n of m" changed even when the claim did not
        self._update_top()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.input.display = bool(event.value.strip())
        self.claims.focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        if box.has_focus or self.claims.claim_filter.active:
            self.apply_filter("")
            self.claims.focus()

    # --- sources, articles ------------------------------------------------------------

    @on(EvidenceList.OpenSource)
    def _open_source(self, event: EvidenceList.OpenSource) -> None:
        self.load_source(event.row)

    def action_open_source(self) -> None:
        if self.evidence.current is not None:
            self.load_source(self.evidence.current)

    @work(thread=True, exclusive=True, group="source", exit_on_error=False)
    def load_source(self, row: EvidenceRow) -> None:
        self.post_message(SourceLoaded(browse.source_view(self.db, row.passage_id)))

    def on_source_loaded(self, message: SourceLoaded) -> None:
        if message.view is None:
            safe.say(self, "That source is gone.", severity="warning")
            return
        self.app.push_screen(SourceScreen(message.view))

    def action_articles(self) -> None:
        self.list_articles()

    @work(thread=True, exclusive=True, group="articles", exit_on_error=False)
    def list_articles(self) -> None:
        self.post_message(ArticlesLoaded(browse.articles(self.db)))

    def on_articles_loaded(self, message: ArticlesLoaded) -> None:
        current = self.article.id if self.article else None

        def chosen(article_id: int | None) -> None:
            if article_id is not None and article_id != current:
                self.switch_article(article_id)

        self.app.push_screen(ArticleScreen(message.articles, current), chosen)

    def switch_article(self, article_id: int | None) -> None:
        self.apply_filter("")
        self.load_article(article_id)

    def action_reload(self) -> None:
        current = self.claims.current
        self.load_article(
            self.article.id if self.article else None, current.id if current else None
        )
