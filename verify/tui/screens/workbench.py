"""The workbench: claims on the left, the claim and its evidence on the right.

Reads run in thread workers and come back as messages; changes go to the session's
one writer thread (:mod:`verify.tui.writes`) and show on screen at once. A timer asks
the audit trail what changed every few seconds, so another analyst's verdict on the
claim in front of you appears, and your next change to it asks before saving over it.
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input

from verify.config import Settings
from verify.errors import InputError
from verify.services import approval, assignment, browse, review
from verify.services.browse import ArticleRow, ClaimRow, EvidenceRow
from verify.services.factchecks import adoption
from verify.tui import keys, safe
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
    WriteDone,
)
from verify.tui.screens.ask import ArticleScreen
from verify.tui.screens.conflict import ConflictScreen, Resolution
from verify.tui.screens.earlier import EarlierScreen
from verify.tui.screens.note import NoteResult, NoteScreen
from verify.tui.screens.source import SourceScreen
from verify.tui.widgets.bars import TaskBar, TopBar, VerdictBar
from verify.tui.widgets.checked_strip import CheckedStrip
from verify.tui.widgets.claim_list import ClaimList
from verify.tui.widgets.claim_panel import ClaimPanel
from verify.tui.widgets.evidence_list import EvidenceList
from verify.tui.widgets.look import when
from verify.tui.writes import Job, Writes

if TYPE_CHECKING:
    from db.session import Database

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


class WorkbenchScreen(Screen):
    """Review the claims of one article against their evidence."""

    BINDINGS = [
        *keys.bindings(keys.WORKBENCH_KEYS),
        Binding("escape", "clear_filter", "Clear filter", show=False),
    ]
    AUTO_FOCUS = "#claims"

    def __init__(
        self,
        db: Database,
        settings: Settings,
        writes: Writes,
        *,
        since_event: int = 0,
        article_id: int | None = None,
        poll_seconds: float = 2.0,
    ) -> None:
        super().__init__()
        self.db = db
        self.settings = settings
        self.scale = settings.scale
        self.me = settings.analyst
        self.worthy = settings.worthy
        self.writes = writes
        self.since_event = since_event
        self.poll_seconds = poll_seconds
        self.article: ArticleRow | None = None
        self._wanted_article = article_id
        self.detail: browse.ClaimDetail | None = None
        self._last_event = since_event
        self._pending: Counter[int] = Counter()
        self._warnings: dict[int, str] = {}
        self._in_conflict: set[int] = set()
        self._dropped: Counter[int] = Counter()
        self._undo_skip: set[int] = set()
        self._last_label: tuple[int, str] | None = None
        self._neighbours = 1
        self._partial = False
        self._incoming: int | None = None
        self._drawn = threading.Event()
        self._views: OrderedDict[int, browse.ClaimView] = OrderedDict()
        self._loaded = False
        for key in keys.verdict_keys(self.scale):
            for binding in Binding.make_bindings([key.binding()]):
                self._bindings._add_binding(binding)  # the scale's keys, known only now
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

    # --- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield self.top
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
        self.verdicts.refresh_keys(keymap=self.app._keymap)
        self._label_hint()
        self.load_article(self._wanted_article)
        self.set_interval(self.poll_seconds, self._poll, name="poll")

    def _label_hint(self) -> None:
        keymap = self.app._keymap
        hint = " ".join(
            f"{'/'.join(keys.effective(k, keymap))} {k.description.lower()}"
            for k in keys.EVIDENCE_KEYS
            if k.id.startswith("label_")
        )
        labelled = sum(1 for row in self.evidence.rows if row.stance)
        count = f" {labelled}/{len(self.evidence.rows)} labelled" if self.evidence.rows else ""
        done = f" · #{self._last_label[0]} {self._last_label[1]}" if self._last_label else ""
        self.evidence.border_title = Text.assemble(
            "Evidence", count, (done, "bold"), "  ", (hint, "dim")
        )

    def refresh_keys(self) -> None:
        """The keymap changed: redraw what shows keys."""
        self.verdicts.refresh_keys(self._current_rating(), self.app._keymap)
        self._label_hint()

    # --- loading ----------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="article")
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
            self.app.show_empty()  # type: ignore[attr-defined]
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
        self._last_label = None
        if claim.id == self._incoming:
            self._incoming = None  # the article's loader is reading it already
            return
        if self.detail is not None and self.detail.row.id == claim.id:
            # Drawn from what was read ahead (see _moved); once it is on screen, check
            # it is still so.
            self.call_after_refresh(self.load_detail, claim.id, None, True)
            return
        self.load_detail(claim.id, fresh=True)

    def _moved(self, claim: ClaimRow | None) -> None:
        """The cursor moved: a claim read ahead is drawn at once, with the moved cursor."""
        kept = self._views.get(claim.id) if claim is not None else None
        if kept is not None and claim is not None and claim.id != self._incoming:
            self.on_detail_loaded(DetailLoaded(claim.id, kept.detail, kept.evidence, None, True))

    @work(thread=True, exclusive=True, group="detail")
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
        pending = self._pending[detail.row.id] > 0
        warned = False
        if message.fresh and not pending:
            self.writes.seen(detail.row.id, detail.row.version)
            warned = self._warnings.pop(detail.row.id, None) is not None
        if not pending:
            self._keep_view(browse.ClaimView(detail, list(message.evidence)))
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

    def _keep_view(self, view: browse.ClaimView) -> None:
        self._views[view.detail.row.id] = view
        self._views.move_to_end(view.detail.row.id)
        while len(self._views) > KEPT_VIEWS:
            self._views.popitem(last=False)

    def _forget(self, *claim_ids: int) -> None:
        for claim_id in claim_ids:
            self._views.pop(claim_id, None)

    def _read_ahead(self) -> None:
        wanted = [i for i in self.claims.around() if i not in self._views]
        if wanted:
            self.read_ahead(wanted)

    @work(thread=True, exclusive=True, group="ahead")
    def read_ahead(self, claim_ids: list[int]) -> None:
        views = []
        for claim_id in claim_ids:
            view = browse.claim_view(self.db, claim_id, neighbours=self._neighbours, viewer=self.me)
            if view is not None:
                views.append(view)
        self.post_message(Prefetched(views))

    def on_prefetched(self, message: Prefetched) -> None:
        views = [v for v in message.views if not self._pending[v.detail.row.id]]
        for view in views:
            self._keep_view(view)

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
        pending = self._pending[detail.row.id] > 0
        if pending and row.rating != (detail.verdict.rating if detail.verdict else None):
            detail = replace(detail, verdict=self._optimistic_verdict(row, detail))
        self.panel.show(
            detail, position=position, warning=self._warnings.get(detail.row.id), pending=pending
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

    def _current_rating(self) -> str | None:
        current = self.claims.current
        return current.rating if current else None

    def _update_top(self) -> None:
        if self.article is None:
            return
        claims = self.claims
        done, total, shown = claims.with_verdict, len(claims.rows), claims.shown_count
        status = "saving…" if self.writes.busy else ""
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

    @work(thread=True, group="rows")
    def reload_rows(self, ids: list[int]) -> None:
        self.post_message(RowsLoaded(browse.claim_rows(self.db, ids=ids, viewer=self.me)))

    def on_rows_loaded(self, message: RowsLoaded) -> None:
        rows = [r for r in message.rows if not self._pending[r.id]]
        self.claims.update_rows(rows)
        self._update_top()

    def _reload_claim(self, claim_id: int, fresh: bool = False) -> None:
        self.reload_rows([claim_id])
        current = self.claims.current
        if current is not None and current.id == claim_id:
            self.load_detail(claim_id, fresh=fresh)

    # --- polling for other analysts' changes ------------------------------------------

    def _poll(self) -> None:
        if self._loaded:
            self.poll_changes(self._last_event)

    @work(thread=True, exclusive=True, group="poll")
    def poll_changes(self, after: int) -> None:
        changes = browse.changes_since(self.db, after)
        if not changes:
            return
        ids = sorted({c.claim_id for c in changes if c.claim_id is not None})
        rows = browse.claim_rows(self.db, ids=ids, viewer=self.me) if ids else []
        self.post_message(Polled(changes, rows))

    def on_polled(self, message: Polled) -> None:
        if not message.changes:
            return
        self._last_event = max(self._last_event, message.changes[-1].event_id)
        self._forget(*(c.claim_id for c in message.changes if c.claim_id is not None))
        article_id = self.article.id if self.article else None
        rows = [r for r in message.rows if r.article_id == article_id and not self._pending[r.id]]
        self.claims.update_rows(rows)
        current = self.claims.current
        theirs = [c for c in message.changes if c.analyst != self.me]
        if current is not None:
            mine = [c for c in theirs if c.claim_id == current.id]
            if mine:
                last = mine[-1]
                verb = ACTIONS.get(last.action, "changed")
                warning = f"{last.analyst} {verb} at {when(last.at)}; your next change asks first"
                self._warnings[current.id] = warning
                safe.say(
                    self, warning, title="Changed by someone else", severity="warning", timeout=8
                )
                self.load_detail(current.id, fresh=False)
        self._update_top()

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

    def action_take_next(self) -> None:
        self.take_next(self.article.id if self.article else None)

    @work(thread=True, exclusive=True, group="take")
    def take_next(self, article_id: int | None) -> None:
        """Assign the next open, unassigned claim of the article to me, then go to it."""
        claim_id = assignment.take_next(self.db, self.me, article_id)
        self.app.call_from_thread(self._taken, claim_id)

    def _taken(self, claim_id: int | None) -> None:
        if claim_id is None:
            safe.say(self, "No open claim is left unassigned in this article.", timeout=4)
            return
        position = self.claims.find(lambda r: r.id == claim_id, forward=True, wrap=True)
        if position is not None:
            self.claims.move_to(position)
        safe.say(self, f"Claim {claim_id} is assigned to you.", timeout=3)

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

    @on(EvidenceList.Changed)
    def _evidence_changed(self) -> None:
        self._label_hint()

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

    # --- changes ----------------------------------------------------------------------

    def _submit(self, job: Job) -> None:
        if job.claim_id is not None:
            self._forget(job.claim_id)
            self._pending[job.claim_id] += 1
            if self.writes.known(job.claim_id) is None:
                row = self.claims.row(job.claim_id)
                if row is not None:
                    self.writes.seen(job.claim_id, row.version)
        self.writes.submit(
            job, lambda j, result, error: self.post_message(WriteDone(j, result, error))
        )
        self._update_top()

    def action_verdict(self, index: int) -> None:
        row = self.claims.current
        if row is None or not 0 <= index < len(self.scale):
            self.app.bell()
            return
        previous = self.detail.verdict if self.detail and self.detail.row.id == row.id else None
        rationale = confidence = None
        if previous is not None and previous.analyst == self.me:
            rationale, confidence = previous.rationale, previous.confidence
        self._save_verdict(row, index, rationale, confidence)

    def _save_verdict(
        self,
        row: ClaimRow,
        index: int,
        rationale: str | None,
        confidence: float | None,
        what: str = "verdict",
        state: str = "submitted",
    ) -> None:
        rating = self.scale[index]
        db, me, claim_id = self.db, self.me, row.id

        def run(expected: int | None, extra: str = "") -> Any:
            note = rationale
            if extra:
                note = f"{rationale}\n\n{extra}" if rationale else extra
            return review.record_verdict(
                db,
                claim_id,
                rating,
                me,
                rationale=note,
                confidence=confidence,
                state=state,
                expected_version=expected,
            )

        def override(reason: str) -> Job:
            return Job(
                what,
                claim_id,
                f"{what} {rating.name!r} over theirs",
                lambda _e: run(None, reason),
                checked=False,
            )

        self._submit(Job(what, claim_id, f"{what} {rating.name!r}", run, override))
        self.claims.update_rows(
            [
                replace(
                    row,
                    rating=rating.name,
                    rating_value=rating.value,
                    analyst=me,
                    status="reviewed",
                )
            ]
        )
        self._show_detail()

    # --- checked before ---------------------------------------------------------------

    def action_checked_before(self) -> None:
        if self.strip.entries:
            self.strip.focus()
        else:
            safe.say(self, "No published fact-check or earlier verdict matches this claim.")

    @on(CheckedStrip.Back)
    def _strip_back(self) -> None:
        self.claims.focus()

    @on(CheckedStrip.Open)
    def _open_earlier(self, event: CheckedStrip.Open) -> None:
        entry = event.entry

        def closed(adopt: bool | None) -> None:
            if adopt:
                self._adopt(entry)

        self.app.push_screen(EarlierScreen(entry), closed)

    def action_adopt(self) -> None:
        """Adopt the highlighted checked-before entry's verdict as a draft."""
        entry = self.strip.current
        if entry is None:
            self.app.bell()
            return
        self._adopt(entry)

    def _adopt(self, entry: browse.Earlier) -> None:
        row = self.claims.current
        if row is None:
            self.app.bell()
            return
        try:
            index, rationale = adoption(entry, self.scale)
        except InputError as error:
            safe.say(self, f"Not adopted: {error}", severity="warning", timeout=6)
            return
        self._save_verdict(row, index, rationale, None, what="adopt", state="draft")
        safe.say(
            self,
            f"Draft {self.scale[index].name!r} adopted from the earlier check; "
            "its rationale cites it (u undoes).",
            timeout=5,
        )

    def action_approve(self) -> None:
        """Approve the claim's current verdict: an editor's second pair of eyes."""
        row = self.claims.current
        if row is None or not row.has_verdict:
            safe.say(self, "No verdict to approve on this claim yet.", timeout=3)
            return
        db, me, claim_id = self.db, self.me, row.id
        self._submit(
            Job(
                "approve",
                claim_id,
                "approval",
                lambda expected: approval.approve(db, claim_id, me, expected_version=expected),
            )
        )

    def action_note(self) -> None:
        row = self.claims.current
        if row is None:
            self.app.bell()
            return
        detail = self.detail if self.detail and self.detail.row.id == row.id else None
        verdict = detail.verdict if detail else None
        screen = NoteScreen(
            f"Note on claim {row.id}",
            (verdict.rationale or "") if verdict else "",
            scale=self.scale,
            rating=row.rating,
            confidence=verdict.confidence if verdict else None,
            subject=row.text,
        )

        def saved(result: NoteResult | None) -> None:
            if result is None or result.rating_index is None:
                return
            current = self.claims.row(row.id) or row
            self._save_verdict(
                current,
                result.rating_index,
                result.text.strip() or None,
                result.confidence,
                what="note",
            )

        self.app.push_screen(screen, saved)

    def action_label(self, stance: str | None) -> None:
        row = self.claims.current
        link = self.evidence.current
        if row is None or link is None:
            self.app.bell()
            return
        new = None if stance is None or link.stance == stance else stance
        if new is None and link.stance is None:
            return
        db, me, link_id = self.db, self.me, link.link_id

        def run(expected: int | None, reason: str | None = None) -> Any:
            return review.label_evidence(
                db, link_id, new, me, expected_version=expected, reason=reason
            )

        def override(reason: str) -> Job:
            return Job(
                "label",
                row.id,
                f"label {new or 'cleared'}",
                lambda _e: run(None, reason),
                checked=False,
            )

        self._submit(
            Job("label", row.id, f"label {new!r}" if new else "cleared label", run, override)
        )
        index = self.evidence.highlighted or 0
        self._last_label = (index + 1, new or "label off")
        self.evidence.update_row(replace(link, stance=new, labelled_by=me if new else None))
        labels = sum(1 for r in self.evidence.rows if r.stance)
        self.claims.update_rows([replace(self.claims.row(row.id) or row, labels=labels)])
        if new is not None:
            self.evidence.action_cursor_down()

    def action_passage_note(self) -> None:
        row = self.claims.current
        link = self.evidence.current
        if row is None or link is None:
            self.app.bell()
            return

        def saved(result: NoteResult | None) -> None:
            if result is None:
                return
            text = result.text.strip() or None
            db, me = self.db, self.me

            def run(expected: int | None, reason: str | None = None) -> Any:
                return review.annotate_evidence(
                    db, link.link_id, text, me, expected_version=expected, reason=reason
                )

            def override(reason: str) -> Job:
                return Job(
                    "note", row.id, "note on passage", lambda _e: run(None, reason), checked=False
                )

            self._submit(Job("note", row.id, "note on passage", run, override))
            self.evidence.update_row(replace(link, note=text))

        self.app.push_screen(
            NoteScreen(f"Note on passage {link.passage_id}", link.note or "", subject=link.text),
            saved,
        )

    def action_undo(self) -> None:
        db, me, since, skip = self.db, self.me, self.since_event, set(self._undo_skip)
        self._submit(
            Job(
                "undo",
                None,
                "undo",
                lambda _e: review.undo_last(db, me, since_event_id=since, skip=skip),
            )
        )

    def on_write_done(self, message: WriteDone) -> None:
        job, error = message.job, message.error
        if isinstance(message.result, review.Undone):
            self._forget(message.result.claim_id)
        if job.claim_id is not None:
            self._forget(job.claim_id)
            self._pending[job.claim_id] -= 1
            if self._pending[job.claim_id] <= 0:
                del self._pending[job.claim_id]
        self._update_top()
        if isinstance(error, review.UndoConflict):
            self._undo_skip.add(error.event_id)
            safe.say(
                self,
                f"Not undone: {error}. Press u again to undo the change before it.",
                severity="warning",
                timeout=8,
            )
            self._reload_claim(error.claim_id, fresh=True)
            return
        if isinstance(error, review.Conflict):
            self._conflict(job, error)
            return
        if error is not None:
            safe.say(self, f"Not saved ({job.describe}): {error}", severity="error", timeout=10)
            if job.claim_id is not None:
                self._reload_claim(job.claim_id, fresh=True)
            return
        if job.kind == "undo":
            self._undone(message.result)
            return
        if job.claim_id is not None:
            self._reload_claim(job.claim_id)

    def _undone(self, undone: review.Undone | None) -> None:
        if undone is None:
            safe.say(self, "Nothing left to undo from this session.", timeout=3)
            return
        safe.say(self, f"Undid {undone.summary}", timeout=4)
        if undone.action in ("label", "note"):
            self._last_label = None  # "#2 contradicts" no longer holds
            self._label_hint()
        if self.claims.row(undone.claim_id) is None:
            return  # a claim of another article
        self.reload_rows([undone.claim_id])
        current = self.claims.current
        if current is not None and current.id == undone.claim_id:
            self.load_detail(undone.claim_id)
        else:
            self.claims.select_claim(undone.claim_id)  # show what was undone

    def _conflict(self, job: Job, conflict: review.Conflict) -> None:
        claim_id = conflict.claim_id
        if claim_id in self._in_conflict:
            self._dropped[claim_id] += 1
            return
        self._in_conflict.add(claim_id)
        self._reload_claim(claim_id)

        def resolved(resolution: Resolution | None) -> None:
            self._in_conflict.discard(claim_id)
            dropped = self._dropped.pop(claim_id, 0)
            self._warnings.pop(claim_id, None)
            if resolution is not None and resolution.override and job.override is not None:
                theirs = conflict.theirs
                if theirs is not None and conflict.by in (None, theirs.analyst):
                    whose = f"{theirs.analyst}'s verdict {theirs.rating!r}"
                else:  # someone's label or note, not the verdict's author
                    whose = f"{conflict.by or 'another analyst'}'s change"
                self._submit(job.override(f"Saved over {whose}: {resolution.reason}"))
            else:
                safe.say(self, "Kept their change; yours was not saved.", timeout=4)
            if dropped:
                safe.say(
                    self,
                    f"{dropped} more of your changes to claim {claim_id} were not "
                    "saved; make them again if you still want them.",
                    severity="warning",
                    timeout=8,
                )
            self._reload_claim(claim_id, fresh=True)

        self.app.push_screen(
            ConflictScreen(conflict, job.describe, needs_reason=job.override is not None),
            resolved,
        )

    # --- sources, articles ------------------------------------------------------------

    @on(EvidenceList.OpenSource)
    def _open_source(self, event: EvidenceList.OpenSource) -> None:
        self.load_source(event.row)

    def action_open_source(self) -> None:
        if self.evidence.current is not None:
            self.load_source(self.evidence.current)

    @work(thread=True, exclusive=True, group="source")
    def load_source(self, row: EvidenceRow) -> None:
        self.post_message(SourceLoaded(browse.source_view(self.db, row.passage_id)))

    def on_source_loaded(self, message: SourceLoaded) -> None:
        if message.view is None:
            safe.say(self, "That source is gone.", severity="warning")
            return
        self.app.push_screen(SourceScreen(message.view))

    def action_articles(self) -> None:
        self.list_articles()

    @work(thread=True, exclusive=True, group="articles")
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

    # --- background tasks started from here ------------------------------------------

    def task_bar(self) -> TaskBar:
        return self.query_one(TaskBar)

    def rematch(self, everything: bool = False) -> None:
        from verify.match.link import match_claims

        article_id = None if everything or self.article is None else self.article.id
        db = self.db

        def matched(n: int) -> None:
            safe.say(self, f"Re-matched {n} claims.", timeout=4)
            self.action_reload()

        self.app.run_task(  # type: ignore[attr-defined]
            "Matching claims",
            lambda progress: match_claims(db, article_id=article_id, progress=progress),
            matched,
        )

    def export_to(self, fmt: str, path: Path) -> None:
        from verify.report import export, save

        db, settings = self.db, self.settings
        article_id = self.article.id if self.article else None

        folder = self.app.export_folder()  # type: ignore[attr-defined]

        def write(progress: Any) -> Path:
            document = export(db, settings, fmt, article_id=article_id)
            if path.parent == folder:
                folder.mkdir(parents=True, exist_ok=True)  # the export folder is made on use
            save(document, path)
            return path

        self.app.run_task(  # type: ignore[attr-defined]
            f"Exporting {fmt}",
            write,
            lambda written: safe.say(self, f"Wrote {written}", timeout=6),
        )
