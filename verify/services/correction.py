"""Correcting the machine: edit, split, merge, add and drop claims.

The extractor gets some claims wrong; an analyst fixes them here. Every correction is
one write transaction with an AuditEvent (action ``claim_edit``, ``claim_split``,
``claim_merge``, ``claim_add`` or ``claim_drop``, entity ``claim``) whose ``before``
and ``after`` hold every field it changed, so `verify log` shows it and
:func:`verify.services.review.undo_last` takes it back. A claim whose text changed is
matched against the evidence store again once the change is committed.

A dropped claim ("not a claim") and the second claim of a merge stay in the database
with status ``dropped`` or ``merged`` (:data:`db.claims.HIDDEN_STATUSES`): hidden from
the default views, counted by :func:`hidden_counts`.

(Over the house's 400 lines on purpose: the five corrections share one audit record,
one way to rematch and one way back for undo; apart, that shared part would be
imported back and forth.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from db import claims as claim_db
from db import verdicts as verdict_db
from db.models import Article, AuditEvent, Claim, EvidenceLink, Verdict, id_of
from db.session import Database
from verify.errors import InputError
from verify.extract.sentences import split_sentences
from verify.report.model import VerdictView
from verify.sanitize import clean, clean_line
from verify.services.review import (
    UndoConflict,
    Undone,
    check_version,
    locked_claim,
)

DROPPED, MERGED, REMOVED = claim_db.HIDDEN_STATUSES
FIELDS = ("text", "sentence", "start", "end", "speaker", "status", "ordinal")
"""The fields a correction may change, kept before and after in the audit trail."""
RESTORED = FIELDS[:-1]
"""What an undo puts back: not the place in the list, which later changes may move."""


@dataclass(frozen=True)
class Correction:
    """What a correction did: the claims it touched (the first is the one to show)."""

    claim_ids: tuple[int, ...]
    event_id: int
    summary: str
    version: int
    """The version of the first claim after the change."""


def _fields(claim: Claim) -> dict[str, Any]:
    return {name: getattr(claim, name) for name in FIELDS} | {"id": claim.id}


def _visible(claim: Claim) -> None:
    if claim.status == REMOVED:
        raise InputError(f"claim {claim.id} was removed in version {claim.removed_in}")
    if claim.status in claim_db.HIDDEN_STATUSES:
        what = "marked not a claim" if claim.status == DROPPED else "merged into another"
        raise InputError(f"claim {claim.id} is {what}; undo that first")


def _article_text(session: Session, article_id: int) -> str:
    return session.scalar(select(col(Article.text)).where(col(Article.id) == article_id)) or ""


def _record(
    session: Session,
    analyst: str,
    action: str,
    claim: Claim,
    before: dict[str, Any] | None,
    after: dict[str, Any],
) -> int:
    event = AuditEvent(
        analyst=analyst,
        action=action,
        entity="claim",
        entity_id=claim.id,
        claim_id=claim.id,
        before=before,
        after=after,
    )
    session.add(event)
    session.flush()
    return event.id or 0


def _clean_text(text: str) -> str:
    cleaned = " ".join(clean(text).split())
    if not any(ch.isalnum() for ch in cleaned):
        raise InputError("a claim needs some text")
    return cleaned


def _clean_speaker(speaker: str | None) -> str | None:
    return (clean_line(speaker).strip() or None) if speaker else None


def _span_in(text: str, part: str, lo: int, hi: int) -> tuple[int, int] | None:
    """Where ``part`` is in ``text[lo:hi]`` (widened by its own length), or None."""
    lo, hi = max(0, lo - len(part)), min(len(text), hi + len(part))
    at = text.find(part, lo, hi)
    return (at, at + len(part)) if at >= 0 else None


def _rematch(db: Database, claim_ids: list[int], match: bool) -> None:
    if match and claim_ids:
        from verify.match.link import match_claims

        match_claims(db, claim_ids=claim_ids)


def edit_claim(
    db: Database,
    claim_id: int,
    analyst: str,
    *,
    text: str | None = None,
    speaker: str | None = None,
    clear_speaker: bool = False,
    expected_version: int | None = None,
    match: bool = True,
) -> Correction:
    """Change a claim's text and/or speaker (``clear_speaker``: it has none).

    When the new text is found in the article near the claim, the claim's offsets
    follow it. A changed text is matched again.
    """
    if text is None and speaker is None and not clear_speaker:
        raise InputError("nothing to change: give a new text or speaker")
    with db.write() as session:
        claim = locked_claim(session, claim_id)
        _visible(claim)
        check_version(session, claim, expected_version)
        before = _fields(claim)
        changes: dict[str, Any] = {}
        if text is not None:
            new = _clean_text(text)
            if new != claim.text:
                changes["text"] = new
                span = _span_in(
                    _article_text(session, claim.article_id), new, claim.start, claim.end
                )
                if span is not None:
                    changes["start"], changes["end"] = span
        if clear_speaker:
            changes["speaker"] = None
        elif speaker is not None:
            changes["speaker"] = _clean_speaker(speaker)
        changes = {k: v for k, v in changes.items() if before[k] != v}
        if not changes:
            raise InputError(f"claim {claim_id} already reads so")
        claim_db.touch_claim(session, claim, **changes)
        after = _fields(claim) | {"version": claim.version}
        event = _record(session, analyst, "claim_edit", claim, before, after)
        result = Correction(
            (claim_id,), event, f"edited claim {claim_id}: {', '.join(changes)}", claim.version
        )
    _rematch(db, [claim_id] if "text" in changes else [], match)
    return result


def split_at(text: str, at: int | str) -> int:
    """Where to cut ``text``: an offset into it, or where the text ``at`` begins."""
    if isinstance(at, str):
        found = text.find(at)
        if found < 0 or not at.strip():
            raise InputError(f"{at!r} is not in the claim's text")
        if text.find(at, found + 1) >= 0:
            raise InputError(f"{at!r} is in the claim's text more than once: give an offset")
        return found
    return at


def split_claim(
    db: Database,
    claim_id: int,
    at: int | str,
    analyst: str,
    *,
    expected_version: int | None = None,
    match: bool = True,
) -> Correction:
    """Split a claim in two where ``at`` says (see :func:`split_at`).

    The first part stays the claim (its verdicts and labels stay with it); the second
    becomes a new claim right after it, with the same speaker. Both are matched again.
    """
    with db.write() as session:
        claim = locked_claim(session, claim_id)
        _visible(claim)
        check_version(session, claim, expected_version)
        cut = split_at(claim.text, at)
        first, second = claim.text[:cut].rstrip(), claim.text[cut:].lstrip()
        if not any(c.isalnum() for c in first) or not any(c.isalnum() for c in second):
            raise InputError(
                f"a split at {cut} leaves one part of claim {claim_id} empty "
                f"(the text is {len(claim.text)} characters)"
            )
        article = _article_text(session, claim.article_id)
        if article[claim.start : claim.end] == claim.text:
            first_span = (claim.start, claim.start + len(first))
            second_span = (claim.end - len(second), claim.end)
        else:
            first_span = _span_in(article, first, claim.start, claim.end) or (
                claim.start,
                claim.end,
            )
            second_span = _span_in(article, second, claim.start, claim.end) or (
                claim.start,
                claim.end,
            )
        before = _fields(claim)
        claim_db.shift_ordinals(session, claim.article_id, claim.ordinal, 1)
        new = claim_db.add_claim(
            session,
            {
                "article_id": claim.article_id,
                "ordinal": claim.ordinal + 1,
                "text": second,
                "sentence": claim.sentence,
                "start": second_span[0],
                "end": second_span[1],
                "speaker": claim.speaker,
                "kind": claim.kind,
                "checkworthiness": claim.checkworthiness,
                "features": {**claim.features, "split_from": claim.id},
                "merged": [],
                "assigned_to": claim.assigned_to,
            },
        )
        claim_db.touch_claim(session, claim, text=first, start=first_span[0], end=first_span[1])
        after = _fields(claim) | {
            "version": claim.version,
            "new": _fields(new) | {"version": new.version},
        }
        event = _record(session, analyst, "claim_split", claim, before, after)
        result = Correction(
            (claim_id, new.id or 0),
            event,
            f"split claim {claim_id}; the second part is claim {new.id}",
            claim.version,
        )
    _rematch(db, list(result.claim_ids), match)
    return result


def merge_claims(
    db: Database,
    first_id: int,
    second_id: int,
    analyst: str,
    *,
    match: bool = True,
) -> Correction:
    """Merge two claims of one article into the earlier one.

    The earlier claim takes the text from its start to the later one's end (or both
    texts joined, when they are not a stretch of the article); the later claim is
    hidden with status ``merged``, its verdicts and labels kept. The result is matched
    again.
    """
    if first_id == second_id:
        raise InputError("merging needs two different claims")
    with db.write() as session:
        a, b = (locked_claim(session, i) for i in sorted((first_id, second_id)))
        for claim in (a, b):
            _visible(claim)
        if a.article_id != b.article_id:
            raise InputError(
                f"claims {a.id} and {b.id} are from different articles; only claims of "
                "one article merge"
            )
        keep, gone = (a, b) if (a.ordinal, a.id or 0) <= (b.ordinal, b.id or 0) else (b, a)
        article = _article_text(session, keep.article_id)
        exact = article[keep.start : keep.end] == keep.text and (
            article[gone.start : gone.end] == gone.text
        )
        start, end = min(keep.start, gone.start), max(keep.end, gone.end)
        text = article[start:end].strip() if exact else f"{keep.text} {gone.text}"
        sentence = keep.sentence if gone.sentence == keep.sentence else article[start:end]
        before = {"keep": _fields(keep), "gone": _fields(gone)}
        claim_db.touch_claim(session, keep, text=text, start=start, end=end, sentence=sentence)
        claim_db.touch_claim(session, gone, status=MERGED)
        after = {
            "keep": _fields(keep) | {"version": keep.version},
            "gone": _fields(gone) | {"version": gone.version, "merged_into": keep.id},
        }
        event = _record(session, analyst, "claim_merge", keep, before, after)
        result = Correction(
            (keep.id or 0,),
            event,
            f"merged claim {gone.id} into claim {keep.id}",
            keep.version,
        )
    _rematch(db, list(result.claim_ids), match)
    return result


def drop_claim(
    db: Database, claim_id: int, analyst: str, *, expected_version: int | None = None
) -> Correction:
    """Mark a claim "not a claim": it leaves the default views, counted as dropped."""
    with db.write() as session:
        claim = locked_claim(session, claim_id)
        _visible(claim)
        check_version(session, claim, expected_version)
        before = _fields(claim)
        claim_db.touch_claim(session, claim, status=DROPPED)
        after = _fields(claim) | {"version": claim.version}
        event = _record(session, analyst, "claim_drop", claim, before, after)
        return Correction((claim_id,), event, f"claim {claim_id} marked not a claim", claim.version)


def add_claim(
    db: Database,
    article_id: int,
    start: int,
    end: int,
    analyst: str,
    *,
    speaker: str | None = None,
    match: bool = True,
) -> Correction:
    """Add the claim the machine missed at ``article.text[start:end]``.

    The offsets are kept exactly (less any whitespace at either edge); the claim is
    placed among the article's claims by where it starts, and matched.
    """
    with db.write() as session:
        article = session.get(Article, article_id)
        if article is None:
            raise InputError(f"no article with id {article_id}")
        text = article.text
        if not 0 <= start < end <= len(text):
            raise InputError(
                f"the span {start}:{end} is not inside article {article_id} "
                f"(0:{len(text)} characters)"
            )
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        span = text[start:end]
        if not any(ch.isalnum() for ch in span):
            raise InputError(f"the span {start}:{end} holds no words")
        existing = claim_db.claims(session, article_id=article_id, include_hidden=True)
        for other in existing:
            shown = other.status not in claim_db.HIDDEN_STATUSES
            if shown and (other.start, other.end) == (start, end):
                raise InputError(f"claim {other.id} is that span already")
        ordinal = max((c.ordinal for c in existing if c.start <= start), default=-1)
        if existing and ordinal < 0:
            ordinal = min(c.ordinal for c in existing) - 1
        claim_db.shift_ordinals(session, article_id, ordinal, 1)
        claim = claim_db.add_claim(
            session,
            {
                "article_id": article_id,
                "ordinal": ordinal + 1,
                "text": " ".join(span.split()),
                "sentence": _sentence_around(text, start, end),
                "start": start,
                "end": end,
                "speaker": _clean_speaker(speaker),
                "kind": "statement",
                "checkworthiness": 1.0,
                "features": {"added_by": analyst},
                "merged": [],
            },
        )
        after = _fields(claim) | {"version": claim.version}
        event = _record(session, analyst, "claim_add", claim, None, after)
        result = Correction(
            (claim.id or 0,),
            event,
            f"added claim {claim.id} at {start}:{end} of article {article_id}",
            claim.version,
        )
    _rematch(db, list(result.claim_ids), match)
    return result


def find_span(db: Database, article_id: int, text: str) -> tuple[int, int]:
    """The offsets of ``text`` in an article, which must hold it exactly once."""
    with db.read() as session:
        article = _article_text(session, article_id)
        if session.get(Article, article_id) is None:
            raise InputError(f"no article with id {article_id}")
    wanted = text.strip()
    at = article.find(wanted) if wanted else -1
    if at < 0:
        raise InputError(f"article {article_id} does not contain {wanted!r}")
    if article.find(wanted, at + 1) >= 0:
        raise InputError(
            f"article {article_id} contains {wanted!r} more than once: give --span START:END"
        )
    return at, at + len(wanted)


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence(s) of the article holding ``text[start:end]``."""
    lo, hi = max(0, start - 600), min(len(text), end + 600)
    window = text[lo:hi]
    hit = [s for s in split_sentences(window) if s.end + lo > start and s.start + lo < end]
    if not hit:
        return text[start:end]
    return window[min(hit[0].start, start - lo) : max(hit[-1].end, end - lo)].strip()


def hidden_counts(db: Database, article_id: int | None = None) -> dict[str, int]:
    """How many claims are hidden: ``{"dropped": n, "merged": m}`` (zeros left out)."""
    with db.read() as session:
        return claim_db.hidden_counts(session, article_id)


def hidden_note(counts: dict[str, int]) -> str | None:
    """``"2 marked not a claim, 1 merged"``: the count the default views show, or None."""
    parts = []
    if counts.get(DROPPED):
        parts.append(f"{counts[DROPPED]} marked not a claim")
    if counts.get(MERGED):
        parts.append(f"{counts[MERGED]} merged")
    if counts.get(REMOVED):
        parts.append(f"{counts[REMOVED]} removed from the article")
    return ", ".join(parts) or None


# --- undo ---------------------------------------------------------------------------


def _built_on(session: Session, event: AuditEvent, claim: Claim, version: Any) -> None:
    """Refuse to undo a correction that someone (or a later change) has built on."""
    if claim.version == version:
        return
    current = verdict_db.current_verdicts(session, [id_of(claim)]).get(id_of(claim))
    later = session.scalar(
        select(AuditEvent)
        .where(col(AuditEvent.claim_id) == claim.id, col(AuditEvent.id) > (event.id or 0))
        .order_by(col(AuditEvent.id).desc())
    )
    raise UndoConflict(
        event.id or 0,
        claim.id or 0,
        VerdictView.of(current) if current else None,
        later.analyst if later else None,
    )


def _restore(session: Session, claim: Claim, fields: dict[str, Any]) -> None:
    claim_db.touch_claim(session, claim, **{k: fields[k] for k in RESTORED if k in fields})


def _has_work(session: Session, claim_id: int) -> bool:
    """Whether anyone gave the claim a verdict or labelled its evidence."""
    verdict = session.scalar(
        select(col(Verdict.id)).where(col(Verdict.claim_id) == claim_id).limit(1)
    )
    label = session.scalar(
        select(col(EvidenceLink.id))
        .where(col(EvidenceLink.claim_id) == claim_id, col(EvidenceLink.stance).is_not(None))
        .limit(1)
    )
    return verdict is not None or label is not None


def undo_correction(session: Session, analyst: str, event: AuditEvent) -> Undone:
    """Take back one correction (called by :func:`verify.services.review.undo_last`)."""
    before, after = event.before or {}, event.after or {}
    claim = session.get(Claim, event.entity_id, with_for_update=True, populate_existing=True)
    rematch: list[int] = []
    if claim is None:
        return _undone(session, analyst, event, None, {"gone": True}, "nothing: it is gone", [])
    if event.action == "claim_merge":
        keep_after, gone_after = after["keep"], after["gone"]
        gone = session.get(Claim, gone_after["id"], with_for_update=True, populate_existing=True)
        _built_on(session, event, claim, keep_after["version"])
        if gone is not None:
            _built_on(session, event, gone, gone_after["version"])
            _restore(session, gone, before["gone"])
        _restore(session, claim, before["keep"])
        rematch = [claim.id or 0]
        summary = f"merge of claim {gone_after['id']} into claim {claim.id}"
    elif event.action == "claim_split":
        _built_on(session, event, claim, after["version"])
        new_id = after["new"]["id"]
        new = session.get(Claim, new_id, with_for_update=True, populate_existing=True)
        if new is not None:
            _built_on(session, event, new, after["new"]["version"])
            if _has_work(session, new_id):
                raise UndoConflict(event.id or 0, new_id, None, None)
            session.delete(new)
            session.flush()
            claim_db.shift_ordinals(session, claim.article_id, claim.ordinal, -1)
        _restore(session, claim, before)
        rematch = [claim.id or 0]
        summary = f"split of claim {claim.id} (claim {new_id} is gone)"
    elif event.action == "claim_add":
        _built_on(session, event, claim, after["version"])
        if _has_work(session, claim.id or 0):
            raise UndoConflict(event.id or 0, claim.id or 0, None, None)
        article_id, ordinal = claim.article_id, claim.ordinal
        session.delete(claim)
        session.flush()
        claim_db.shift_ordinals(session, article_id, ordinal, -1)
        return _undone(
            session, analyst, event, None, {"removed": True}, f"added claim {event.entity_id}", []
        )
    else:  # claim_edit, claim_drop
        _built_on(session, event, claim, after["version"])
        _restore(session, claim, before)
        if event.action == "claim_edit":
            rematch = [claim.id or 0] if before.get("text") != after.get("text") else []
            summary = f"edit of claim {claim.id}"
        else:
            summary = f"claim {claim.id} marked not a claim; it is back"
    return _undone(session, analyst, event, claim, _fields(claim), summary, rematch)


def _undone(
    session: Session,
    analyst: str,
    event: AuditEvent,
    claim: Claim | None,
    after: dict[str, Any],
    summary: str,
    rematch: list[int],
) -> Undone:
    undo = AuditEvent(
        analyst=analyst,
        action="undo",
        entity="claim",
        entity_id=event.entity_id,
        claim_id=claim.id if claim is not None else None,
        before=event.after,
        after={"undoes": event.id, **after},
    )
    session.add(undo)
    session.flush()
    return Undone(
        event.id or 0,
        undo.id or 0,
        claim.id if claim is not None and claim.id is not None else (event.claim_id or 0),
        event.action,
        summary,
        claim.version if claim is not None else 0,
        tuple(rematch),
    )


__all__ = [
    "Correction",
    "add_claim",
    "drop_claim",
    "edit_claim",
    "find_span",
    "hidden_counts",
    "hidden_note",
    "merge_claims",
    "split_claim",
]
