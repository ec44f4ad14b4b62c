"""What the workbench shows: claims, a claim in its context, evidence, sources, changes.

The read side of the review workflow. Each function is one short read transaction and
returns plain frozen dataclasses, so a screen can hold them without a session.

(Over the house's 400 lines on purpose: it is the workbench's whole read side, one
short function per view, and the frozen rows they return are shared between them.)
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session

from db import articles as article_db
from db import audit as audit_db
from db import blind as blind_db
from db import claims as claim_db
from db import evidence as evidence_db
from db import factchecks as factcheck_db
from db import links as link_db
from db import ratings as rating_db
from db import verdicts as verdict_db
from db import versions as version_db
from db.factchecks import Earlier
from db.session import Database
from verify.extract.sentences import split_sentences
from verify.read import place
from verify.report.model import VerdictView, earlier_than
from verify.report.wording import version_note

__all__ = ["Earlier"]  # a claim's checked-before match, as ClaimDetail.earlier holds it

CONTEXT_WINDOW = 700
"""Characters read either side of a claim to find its neighbouring sentences."""


@dataclass(frozen=True)
class ArticleRow:
    id: int
    title: str
    publisher: str | None
    published_at: str | None
    claims: int
    with_verdict: int


@dataclass(slots=True)
class ClaimRow:
    """One line of the claims list (never changed in place: use ``dataclasses.replace``).

    Not frozen: ten thousand are made at once, and a frozen dataclass is several times
    slower to build."""

    id: int
    article_id: int
    ordinal: int
    text: str
    speaker: str | None
    kind: str
    checkworthiness: float
    status: str
    version: int
    rating: str | None = None
    rating_value: int | None = None
    analyst: str | None = None
    labels: int = 0
    links: int = 0
    assigned_to: str | None = None
    checked: int = 0  # checked-before matches
    turn: str | None = None  # in a transcript: the turn's timestamp, or "line N"
    contradicting: int = 0  # links whose stance hint is "contradicts"
    numbers_differ: int = 0  # links whose figures differ from the claim's

    @property
    def has_verdict(self) -> bool:
        return self.rating is not None


@dataclass(frozen=True)
class ClaimDetail:
    """A claim with its neighbouring sentences and its current verdict.

    ``context`` is the previous sentence, the claim's sentence and the next one;
    ``sentence_span`` and ``claim_span`` are offsets into it.
    """

    row: ClaimRow
    article_title: str
    context: str
    sentence_span: tuple[int, int]
    claim_span: tuple[int, int]
    verdict: VerdictView | None
    verdicts: int
    last_change_by: str | None
    last_change_at: datetime | None
    earlier: tuple[Earlier, ...] = ()
    """Its checked-before matches, best first."""
    version_note: str | None = None
    """What a newer version of the article did to it: "changed in version 2 since the
    verdict; was: …", "removed in version 3"; None if nothing."""


@dataclass(frozen=True)
class EvidenceRow:
    """One evidence link with its passage and the header of its source."""

    link_id: int
    passage_id: int
    source_id: int
    score: float
    rank: int
    text: str
    span: tuple[int, int] | None
    hint: str
    hint_reason: str | None
    stance: str | None
    labelled_by: str | None
    note: str | None
    source_title: str | None
    publisher: str | None
    published_at: str | None
    url: str | None
    path: str | None
    place: str | None = None
    """Where the passage is in its source: "p. 14" (PDF), "para. 3" (Word), else None."""
    reliability: str | None = None
    """The publisher's rating as the team set it ("official"...), None if unrated."""
    hint_confidence: float | None = None
    figures: tuple[tuple[str, str, bool], ...] = ()
    """The figures compared (see verify.match.figures): (claim's, passage's, agree)."""

    @property
    def numbers_differ(self) -> bool:
        return any(not agree for _, _, agree in self.figures)

    @property
    def numbers_summary(self) -> str:
        """ "numbers differ: nothing against $2.1m", or "" when no figures compared."""
        if not self.figures:
            return ""
        shown = [f for f in self.figures if not f[2]] or list(self.figures)
        word = "numbers differ" if self.numbers_differ else "numbers agree"
        return f"{word}: " + "; ".join(f"{mine} against {theirs}" for mine, theirs, _ in shown)


@dataclass(frozen=True)
class SourceView:
    """A whole evidence source, with where one passage sits in it."""

    id: int
    title: str | None
    publisher: str | None
    published_at: str | None
    url: str | None
    path: str | None
    text: str
    passage_start: int
    passage_end: int
    place: str | None = None
    """Where the passage is: "p. 14" (PDF), "para. 3" (Word), else None."""
    reliability: str | None = None
    """The publisher's rating as the team set it, None if unrated."""


@dataclass(frozen=True)
class Change:
    """One audit event: someone changed something about a claim."""

    event_id: int
    at: datetime
    analyst: str
    action: str
    claim_id: int | None


def has_articles(db: Database) -> bool:
    with db.read() as session:
        return article_db.article_count(session) > 0


def articles(db: Database) -> list[ArticleRow]:
    with db.read() as session:
        return [
            ArticleRow(
                r.id, r.title, r.publisher, r.published_at, int(r.claims), int(r.with_verdict)
            )
            for r in article_db.article_rows(session)
        ]


def article_heads(db: Database) -> list[ArticleRow]:
    """Every article, by id, without counting its claims (``claims`` is 0): quick."""
    with db.read() as session:
        return [
            ArticleRow(r.id, r.title, r.publisher, r.published_at, 0, 0)
            for r in article_db.article_heads(session)
        ]


def claim_rows(
    db: Database,
    article_id: int | None = None,
    ids: Sequence[int] | None = None,
    limit: int | None = None,
    viewer: str | None = None,
) -> list[ClaimRow]:
    """The claims of an article (or the given ones), in article order, with verdicts;
    with ``limit``, only the first ones (to draw a long list at once, then the rest).

    With ``viewer``, a blind article's verdicts are shown as that analyst may see them
    (see :mod:`verify.services.blind`)."""
    with db.read() as session:
        return _claim_rows(session, article_id, ids, limit, viewer)


def _claim_rows(
    session: Session,
    article_id: int | None,
    ids: Sequence[int] | None,
    limit: int | None = None,
    viewer: str | None = None,
) -> list[ClaimRow]:
    rows = claim_db.claim_rows(session, article_id, ids, limit)
    if limit is not None:
        article_id, ids = None, [row[0] for row in rows]
    blind = blind_db.blind_view(session, list({row[1] for row in rows}), viewer)
    verdicts = blind.current(verdict_db.newest_verdicts(session, article_id, ids))
    counts = link_db.evidence_counts(session, article_id, ids)
    checked = factcheck_db.checked_counts(session, [row[0] for row in rows])
    out = []
    for claim_id, art, ordinal, text, speaker, kind, worth, status, version, assignee, turn in rows:
        verdict = verdicts.get(claim_id)
        rating, value, analyst = (
            (verdict.rating, verdict.rating_value, verdict.analyst)
            if verdict
            else (None, None, None)
        )
        links, labelled, contradicting, differ = counts.get(claim_id, (0, 0, 0, 0))
        out.append(
            ClaimRow(
                claim_id,
                art,
                ordinal,
                text,
                speaker,
                kind,
                float(worth or 0.0),
                status,
                version,
                rating,
                value,
                analyst,
                labelled,
                links,
                assignee,
                checked.get(claim_id, 0),
                turn,
                contradicting,
                differ,
            )
        )
    return out


@dataclass(frozen=True)
class ClaimView:
    """Everything the right-hand side shows for one claim, read in one transaction."""

    detail: ClaimDetail
    evidence: list[EvidenceRow]


def claim_detail(db: Database, claim_id: int) -> ClaimDetail | None:
    """The claim in its sentence and neighbours, with its current verdict; None if gone."""
    view = claim_view(db, claim_id)
    return view.detail if view else None


def claim_view(
    db: Database, claim_id: int, neighbours: int = 1, viewer: str | None = None
) -> ClaimView | None:
    """The claim in context (``neighbours`` sentences either side) with its verdict and
    its evidence; None if it is gone. ``viewer``: as in :func:`claim_rows`."""
    with db.read() as session:
        claim = claim_db.claim_fields(session, claim_id)
        if claim is None:
            return None
        evidence = _evidence_rows(session, claim_id)
        header = article_db.article_head(session, claim.article_id)
        text = _article_text(db, session, header) if header else ""
        history = verdict_db.verdict_history(session, claim_id)
        history = blind_db.blind_view(session, [claim.article_id], viewer).history(
            claim_id, history
        )
        last = audit_db.last_claim_event(session, claim_id)
        earlier = tuple(factcheck_db.checked_before(session, [claim_id], viewer).get(claim_id, []))
        changed_at = (
            version_db.imported_at(session, claim.article_id, claim.changed_in)
            if claim.changed_in
            else None
        )
    lo = max(0, claim.start - CONTEXT_WINDOW)
    hi = min(len(text), claim.end + CONTEXT_WINDOW)
    window = text[lo:hi]
    length = len(text)
    current = history[-1] if history else None
    row = ClaimRow(
        claim.id,
        claim.article_id,
        claim.ordinal,
        claim.text,
        claim.speaker,
        claim.kind,
        float(claim.checkworthiness or 0.0),
        claim.status,
        claim.version,
        current.rating if current else None,
        current.rating_value if current else None,
        current.analyst if current else None,
        sum(1 for e in evidence if e.stance),
        len(evidence),
        claim.assigned_to,
        len(earlier),
        claim.turn,
        sum(1 for e in evidence if e.hint == "contradicts"),
        sum(1 for e in evidence if e.numbers_differ),
    )
    if claim.removed_in is not None:  # its offsets are into an older version's text
        context, sentence_span, claim_span = _bare_context(claim.sentence, claim.text)
    else:
        context, sentence_span, claim_span = _context(
            window, lo, hi < length, claim.start, claim.end, claim.sentence, claim.text, neighbours
        )
    since = bool(
        current is not None
        and changed_at is not None
        and earlier_than(current.created_at, changed_at)
    )
    detail = ClaimDetail(
        row=row,
        article_title=header.title if header else "",
        context=context,
        sentence_span=sentence_span,
        claim_span=claim_span,
        verdict=VerdictView.of(current) if current else None,
        verdicts=_decisions(history),
        last_change_by=last.analyst if last else None,
        last_change_at=last.at if last else None,
        earlier=earlier,
        version_note=version_note(claim.changed_in, claim.previous_text, claim.removed_in, since),
    )
    return ClaimView(detail, evidence)


def _decisions(history: list[Any]) -> int:
    """How many verdicts the history holds: a row that repeats the one before it (the
    same analyst and rating: a note or confidence saved, an approval) is not another."""
    count, last = 0, None
    for verdict in history:
        if (verdict.analyst, verdict.rating) != last:
            count += 1
            last = (verdict.analyst, verdict.rating)
    return count


_TEXTS: OrderedDict[tuple[str, int, str], str] = OrderedDict()
_TEXTS_LOCK = threading.Lock()
_TEXTS_KEPT = 4


def article_text(db: Database, article_id: int) -> str:
    """An article's whole text ("" if it is gone): where a missed claim is picked."""
    with db.read() as session:
        header = article_db.article_head(session, article_id)
        return _article_text(db, session, header) if header else ""


def _article_text(db: Database, session: Session, header: Any) -> str:
    """An article's text, kept for the next claim: articles never change once stored
    (their sha256 is their identity), and a long one costs milliseconds to read."""
    key = (db.url, header.id, header.sha256)
    with _TEXTS_LOCK:
        text = _TEXTS.get(key)
        if text is not None:
            _TEXTS.move_to_end(key)
            return text
    text = article_db.article_text(session, header.id) or ""
    with _TEXTS_LOCK:
        _TEXTS[key] = text
        while len(_TEXTS) > _TEXTS_KEPT:
            _TEXTS.popitem(last=False)
    return text


def _context(
    window: str,
    lo: int,
    cut_end: bool,
    start: int,
    end: int,
    sentence: str,
    text: str,
    neighbours: int = 1,
) -> tuple[str, tuple[int, int], tuple[int, int]]:
    """Sentences before, the claim's sentence(s), sentences after, from an article window."""
    cs, ce = start - lo, end - lo
    if not (0 <= cs < ce <= len(window)) or not window[cs:ce].strip():
        return _bare_context(sentence, text)
    sentences = split_sentences(window)
    if lo > 0 and sentences:
        sentences = sentences[1:]  # the window may start mid-sentence
    if cut_end and sentences:
        sentences = sentences[:-1]
    hit = [i for i, s in enumerate(sentences) if s.end > cs and s.start < ce]
    if not hit:
        return _bare_context(sentence, text)
    first, last = hit[0], hit[-1]
    s_start = min(sentences[first].start, cs)
    s_end = max(sentences[last].end, ce)
    parts: list[str] = []
    previous_end = None
    for before in sentences[max(0, first - neighbours) : first]:
        if previous_end is not None:
            parts.append("\n" if "\n" in window[previous_end : before.start] else " ")
        parts.append(before.text)
        previous_end = before.end
    if previous_end is not None:
        parts.append("\n" if "\n" in window[previous_end:s_start] else " ")
    offset = sum(len(p) for p in parts)
    parts.append(window[s_start:s_end])
    sentence_span = (offset, offset + (s_end - s_start))
    claim_span = (offset + cs - s_start, offset + ce - s_start)
    previous_end = s_end
    for after in sentences[last + 1 : last + 1 + neighbours]:
        parts.append("\n" if "\n" in window[previous_end : after.start] else " ")
        parts.append(after.text)
        previous_end = after.end
    return "".join(parts), sentence_span, claim_span


def _bare_context(sentence: str, text: str) -> tuple[str, tuple[int, int], tuple[int, int]]:
    found = sentence.find(text)
    if found < 0:
        return text, (0, len(text)), (0, len(text))
    return sentence, (0, len(sentence)), (found, found + len(text))


def verdict_history(db: Database, claim_id: int, viewer: str | None = None) -> list[VerdictView]:
    """Every verdict of a claim, oldest first, as ``viewer`` may see them (blind review)."""
    with db.read() as session:
        claim = claim_db.claim_fields(session, claim_id)
        if claim is None:
            return []
        history = verdict_db.verdict_history(session, claim_id)
        history = blind_db.blind_view(session, [claim.article_id], viewer).history(
            claim_id, history
        )
    return [VerdictView.of(v) for v in history]


def evidence_rows(db: Database, claim_id: int) -> list[EvidenceRow]:
    """A claim's evidence, best score first, with the aligned span of each passage."""
    with db.read() as session:
        return _evidence_rows(session, claim_id)


def _figures(numbers: object) -> tuple[tuple[str, str, bool], ...]:
    """A link's stored ``numbers`` JSON as (claim's, passage's, agree) triples."""
    if not isinstance(numbers, dict) or not isinstance(numbers.get("figures"), list):
        return ()
    return tuple(
        (str(f.get("claim", "")), str(f.get("passage", "")), bool(f.get("agree")))
        for f in numbers["figures"]
        if isinstance(f, dict)
    )


def _evidence_rows(session: Session, claim_id: int) -> list[EvidenceRow]:
    rows = link_db.evidence_rows(session, claim_id)
    out = []
    for r in rows:
        span = None
        if r.span_start is not None and r.span_end is not None:
            s, e = max(0, int(r.span_start)), min(len(r.text), int(r.span_end))
            span = (s, e) if e > s else None
        out.append(
            EvidenceRow(
                r.link_id,
                r.passage_id,
                r.source_id,
                float(r.score),
                int(r.rank or 0),
                r.text,
                span,
                r.stance_hint or "none",
                r.stance_reason or None,
                r.stance,
                r.labelled_by,
                r.note,
                r.title or r.external_id,
                r.publisher,
                r.published_at,
                r.url,
                r.path,
                place(r.page, r.paragraph),
                r.reliability,
                float(r.stance_confidence) if r.stance_confidence is not None else None,
                _figures(r.numbers),
            )
        )
    return out


def source_view(db: Database, passage_id: int) -> SourceView | None:
    """The whole source a passage comes from, and where the passage sits in it."""
    with db.read() as session:
        found = evidence_db.passage_and_source(session, passage_id)
        rated = (
            rating_db.rating(session, found[1].publisher) if found and found[1].publisher else None
        )
    if found is None:
        return None
    passage, source = found
    start, end = passage.start, passage.end
    if source.text[start:end] != passage.text:
        at = source.text.find(passage.text)
        start, end = (at, at + len(passage.text)) if at >= 0 else (0, 0)
    return SourceView(
        source.id or 0,
        source.title,
        source.publisher,
        source.published_at,
        source.url,
        source.path,
        source.text,
        start,
        end,
        place(passage.page, passage.paragraph),
        rated.level if rated else None,
    )


def last_event_id(db: Database) -> int:
    """The newest audit event's id (0 if none): a point to ask for changes since."""
    with db.read() as session:
        return audit_db.last_event_id(session)


def changes_since(
    db: Database, event_id: int, limit: int = 500, viewer: str | None = None
) -> list[Change]:
    """Audit events after ``event_id``, oldest first (at most ``limit``).

    With ``viewer``, others' verdicts on claims still in blind review are left out:
    that someone rated the claim is not told while it is blind.
    """
    with db.read() as session:
        rows = audit_db.events_after(session, event_id, limit)
        blind = blind_db.blind_view_of_claims(session, (r.claim_id for r in rows), viewer)
    return [
        Change(r.id, r.at, r.analyst, r.action, r.claim_id)
        for r in rows
        if not (r.entity == "verdict" and blind.hides(r.claim_id, r.analyst))
    ]
