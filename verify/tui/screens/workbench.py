"""The workbench: the browser (:mod:`verify.tui.screens.browser`) plus your changes.

Changes go to the review session (:class:`~verify.services.session.ReviewSession`),
which saves them one at a time off the UI thread, and show on screen at once. A
change to a claim someone else changed since you read it asks first
(:class:`~verify.tui.screens.conflict.ConflictScreen`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cached_property
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.binding import Binding, BindingType

from verify.config import Rating
from verify.errors import InputError
from verify.services import assignment, browse, review
from verify.services.browse import ClaimRow
from verify.services.correction import Correction
from verify.services.factchecks import adoption
from verify.services.session import Job
from verify.tui import keys, safe
from verify.tui.messages import WriteDone
from verify.tui.screens.browser import BrowserScreen
from verify.tui.screens.conflict import ConflictScreen, Resolution
from verify.tui.screens.correct import Corrections
from verify.tui.screens.earlier import EarlierScreen
from verify.tui.screens.note import NoteResult, NoteScreen
from verify.tui.widgets.checked_strip import CheckedStrip
from verify.tui.widgets.evidence_list import EvidenceList


class WorkbenchScreen(BrowserScreen):
    """Review the claims of one article against their evidence.

    The verdict keys come from the rating scale: make the screen for a scale with
    :func:`workbench_for`.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *keys.bindings(keys.WORKBENCH_KEYS),
        Binding("escape", "clear_filter", "Clear filter", show=False),
    ]

    def on_mount(self) -> None:  # (Textual calls BrowserScreen.on_mount too)
        self.refresh_keys()

    def _label_hint(self) -> None:
        keymap = self.app.keymap
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
        current = self.claims.current
        self.verdicts.refresh_keys(current.rating if current else None, self.app.keymap)
        self._label_hint()

    _last_label: tuple[int, str] | None = None

    def claim_changed(self) -> None:
        self._last_label = None

    @on(EvidenceList.Changed)
    def _evidence_changed(self) -> None:
        self._label_hint()

    # --- correcting the machine (verify.tui.screens.correct) ---------------------------

    def action_edit_claim(self) -> None:
        self.corrections.edit()

    def action_split_claim(self) -> None:
        self.corrections.split()

    def action_merge_claim(self) -> None:
        self.corrections.merge()

    def action_drop_claim(self) -> None:
        self.corrections.drop()

    def action_add_claim(self) -> None:
        self.corrections.add()

    @cached_property
    def corrections(self) -> Corrections:
        return Corrections(self)

    # --- assignment -------------------------------------------------------------------

    def action_take_next(self) -> None:
        self.take_next(self.article.id if self.article else None)

    @work(thread=True, exclusive=True, group="take", exit_on_error=False)
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

    # --- changes ----------------------------------------------------------------------

    def submit(self, job: Job) -> None:
        """Queue ``job`` with the session; its result comes back as :class:`WriteDone`."""
        shown = None
        if job.claim_id is not None:
            self.forget(job.claim_id)
            row = self.claims.row(job.claim_id)
            shown = row.version if row is not None else None
        self.session.submit(
            job, lambda j, result, error: self.post_message(WriteDone(j, result, error)), shown
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
        self.submit(
            self.session.verdict(row.id, rating, rationale, confidence, what=what, state=state)
        )
        self.claims.update_rows(
            [
                replace(
                    row,
                    rating=rating.name,
                    rating_value=rating.value,
                    analyst=self.me,
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
        self.submit(self.session.approve(row.id))

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
        self.submit(self.session.label(row.id, link.link_id, new))
        index = self.evidence.highlighted or 0
        self._last_label = (index + 1, new or "label off")
        self.evidence.update_row(replace(link, stance=new, labelled_by=self.me if new else None))
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
            self.submit(self.session.passage_note(row.id, link.link_id, text))
            self.evidence.update_row(replace(link, note=text))

        self.app.push_screen(
            NoteScreen(f"Note on passage {link.passage_id}", link.note or "", subject=link.text),
            saved,
        )

    def action_undo(self) -> None:
        self.submit(self.session.undo())

    def on_write_done(self, message: WriteDone) -> None:
        job, error = message.job, message.error
        self.session.finished(job, error)
        if isinstance(message.result, review.Undone):
            self.forget(message.result.claim_id)
        if job.claim_id is not None:
            self.forget(job.claim_id)
        self._update_top()
        if isinstance(error, review.UndoConflict):
            safe.say(
                self,
                f"Not undone: {error}. Press u again to undo the change before it.",
                severity="warning",
                timeout=8,
            )
            self.reload_claim(error.claim_id, fresh=True)
            return
        if isinstance(error, review.Conflict):
            self._conflict(job, error)
            return
        if error is not None:
            self.app.report_failure(f"Not saved ({job.describe})", error)
            if job.claim_id is not None:
                self.reload_claim(job.claim_id, fresh=True)
            return
        if job.kind == "undo":
            self._undone(message.result)
            return
        if isinstance(message.result, Correction):
            self.corrections.done(message.result)
            return
        if job.claim_id is not None:
            self.reload_claim(job.claim_id)

    def _undone(self, undone: review.Undone | None) -> None:
        if undone is None:
            safe.say(self, "Nothing left to undo from this session.", timeout=3)
            return
        safe.say(self, f"Undid {undone.summary}", timeout=4)
        if undone.action in ("label", "note"):
            self._last_label = None  # "#2 contradicts" no longer holds
            self._label_hint()
        if undone.action.startswith("claim_"):  # claims came, went or changed place
            article = self.article
            current = self.claims.current
            keep = current.id if current is not None else undone.claim_id
            self.load_article(article.id if article else None, keep)
            return
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
        if not self.session.open_conflict(claim_id):
            return  # the analyst is deciding about this claim already
        self.reload_claim(claim_id)

        def resolved(resolution: Resolution | None) -> None:
            dropped = self.session.close_conflict(claim_id)
            if resolution is not None and resolution.override and job.override is not None:
                theirs = conflict.theirs
                if theirs is not None and conflict.by in (None, theirs.analyst):
                    whose = f"{theirs.analyst}'s verdict {theirs.rating!r}"
                else:  # someone's label or note, not the verdict's author
                    whose = f"{conflict.by or 'another analyst'}'s change"
                self.submit(job.override(f"Saved over {whose}: {resolution.reason}"))
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
            self.reload_claim(claim_id, fresh=True)

        self.app.push_screen(
            ConflictScreen(conflict, job.describe, needs_reason=job.override is not None),
            resolved,
        )


def workbench_for(scale: Sequence[Rating]) -> type[WorkbenchScreen]:
    """The workbench with the verdict keys of ``scale`` among its ``BINDINGS``."""
    return type(
        "WorkbenchScreen",
        (WorkbenchScreen,),
        {"BINDINGS": keys.bindings(keys.verdict_keys(scale)), "__module__": __name__},
    )
