"""Article versions: a changed copy of a stored article becomes its next version.

Its claims are paired with the article's (see :mod:`verify.extract.versions`). An
unchanged claim keeps everything, moved to its new place. A changed one keeps its
verdicts, labels and notes, takes the new sentence, remembers the old text and the
version it changed in (``changed_in``), and is matched again. A removed one is kept with
status ``removed`` and the version it left (``removed_in``): its verdicts stay for the
record. New claims are added and matched. The version, and every claim it changed or
removed, is in the audit trail.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from db import articles as article_db
from db import claims as claim_db
from db import factchecks as factcheck_db
from db import links as link_db
from db import versions as version_db
from db.audit import record_event
from db.session import Database
from verify.errors import ConflictError, InputError
from verify.evidence.ingest import keep_copy
from verify.extract.claims import ClaimCandidate
from verify.extract.versions import OldClaim, correspond
from verify.match.link import article_context, rank_texts
from verify.progress import Progress
from verify.read import Document

REMOVED = claim_db.REMOVED
"""The status of a claim no longer in its article's newest version."""


@dataclass(frozen=True)
class VersionView:
    """One version of an article, as ``verify article versions`` lists it."""

    number: int
    title: str
    imported_at: datetime
    imported_by: str
    sha256: str
    url: str | None
    path: str | None
    unchanged: int | None
    changed: int | None
    new: int | None
    removed: int | None


@dataclass(frozen=True)
class NewVersion:
    article_id: int
    title: str
    number: int
    unchanged: int
    changed: int
    new: int
    removed: int

    @property
    def claims(self) -> int:
        return self.unchanged + self.changed + self.new


def versions(db: Database, article_id: int) -> list[VersionView]:
    """An article's versions, oldest first (an unknown id is an :class:`InputError`)."""
    with db.read() as session:
        if article_db.article(session, article_id) is None:
            raise InputError(f"no article with id {article_id}")
        found = version_db.versions(session, article_id)
    return [
        VersionView(
            v.number,
            v.title,
            v.imported_at,
            v.imported_by,
            v.sha256,
            v.url,
            v.path,
            *(_count(v.summary, key) for key in ("unchanged", "changed", "new", "removed")),
        )
        for v in found
    ]


def _count(summary: Any, key: str) -> int | None:
    value = summary.get(key) if isinstance(summary, dict) else None
    return int(value) if isinstance(value, int) else None


def first_version(
    session: Any, article_id: int, values: dict[str, Any], claims: int, analyst: str
) -> None:
    """Record a newly imported article as its own version 1 (in the import's transaction)."""
    version_db.add_version(session, _version_row(article_id, 1, values, analyst, {"new": claims}))


def _version_row(
    article_id: int, number: int, values: dict[str, Any], analyst: str, summary: dict[str, int]
) -> dict[str, Any]:
    """An article version's row: the article's text as imported, and what it changed."""
    return {
        "article_id": article_id,
        "number": number,
        "title": values["title"],
        "url": values.get("url"),
        "path": values.get("path"),
        "text": values["text"],
        "sha256": values["sha256"],
        "imported_by": analyst,
        "summary": summary,
    }


def _number(session: Any, article_id: int) -> int:
    """The article's newest version number (1 for one stored before versions were kept)."""
    newest = version_db.current(session, article_id)
    return newest.number if newest else 1


def claim_row(c: ClaimCandidate) -> dict[str, Any]:
    """An extracted claim as the claim table's row takes it."""
    return {
        "text": c.text,
        "sentence": c.sentence,
        "start": c.start,
        "end": c.end,
        "speaker": c.speaker,
        "turn": c.turn,
        "kind": c.kind,
        "checkworthiness": round(c.checkworthiness, 3),
        "features": c.features,
        "merged": list(c.merged),
    }


def add_version(
    db: Database,
    article_id: int,
    doc: Document,
    found: Sequence[ClaimCandidate],
    values: dict[str, Any],
    *,
    analyst: str,
    match: bool = True,
    top_k: int = 10,
    progress: Progress | None = None,
) -> NewVersion:
    """Store ``doc`` (its claims ``found``) as the next version of the article.

    ``values`` are the article's new title, publisher, url, published_at, path, text and
    sha256. Claims are paired and the changed and new ones ranked in reads; then all of
    it is stored in one transaction, which is refused (:class:`ConflictError`) if
    another analyst stored a version of the same article meanwhile.
    """
    with db.read() as session:
        if article_db.article(session, article_id) is None:
            raise InputError(f"no article with id {article_id}")
        current = _number(session, article_id)
        old = [
            c
            for c in claim_db.claims(session, article_id, include_hidden=True)
            if c.removed_in is None
        ]
    plan = correspond([OldClaim(c.id or 0, c.text, c.sentence) for c in old], found, doc.text)
    to_rank = [found[c.index].text for c in plan.changed] + [found[i].text for i in plan.new]
    ranked = (
        rank_texts(db, to_rank, article_context(doc.text), top_k, progress, article_id)
        if match
        else [([], []) for _ in to_rank]
    )
    number = current + 1
    by_id = {c.id or 0: c for c in old}
    with db.write() as session:
        article = article_db.article_for_update(session, article_id)
        if article is None or _number(session, article_id) != current:
            raise ConflictError(
                f"article {article_id} got a new version from another analyst meanwhile: "
                "add it again"
            )
        before = {"version": current, "title": article.title, "sha256": article.sha256}
        article_db.rewrite_article(session, article_id, values)
        summary = {
            "unchanged": len(plan.kept),
            "changed": len(plan.changed),
            "new": len(plan.new),
            "removed": len(plan.removed),
        }
        version_db.add_version(session, _version_row(article_id, number, values, analyst, summary))
        if doc.fetched is not None:
            keep_copy(session, doc.fetched, article_id=article_id)
        # Ordinals: the claims of the new version in text order, then the removed ones.
        places: list[tuple[int, int, int]] = []  # (start, end, claim id)
        claims = {c.id: c for c in claim_db.claims_for_update(session, list(by_id))}
        for kept in plan.kept:
            claim = claims[kept.claim_id]
            claim.start, claim.end = kept.start, kept.end
            session.add(claim)
            places.append((kept.start, kept.end, kept.claim_id))
        for change, (rows, earlier) in zip(plan.changed, ranked, strict=False):
            claim = claims[change.claim_id]
            new = found[change.index]
            old_text = claim.text
            claim_db.touch_claim(
                session,
                claim,
                **claim_row(new),
                previous_text=old_text,
                changed_in=number,
            )
            if match:
                link_db.store_links(session, change.claim_id, rows)
                factcheck_db.store_checked(session, change.claim_id, earlier)
            places.append((new.start, new.end, change.claim_id))
            record_event(
                session,
                analyst,
                "claim_changed",
                "claim",
                change.claim_id,
                change.claim_id,
                {"text": old_text, "version": current},
                {"text": new.text, "version": number, "similarity": round(change.similarity, 1)},
            )
        fresh = [found[i] for i in plan.new]
        fresh_ids = claim_db.add_claims(session, article_id, [claim_row(c) for c in fresh])
        for claim_id, c, (rows, earlier) in zip(
            fresh_ids, fresh, ranked[len(plan.changed) :], strict=True
        ):
            if rows:
                link_db.store_links(session, claim_id, rows)
            if earlier:
                factcheck_db.store_checked(session, claim_id, earlier)
            places.append((c.start, c.end, claim_id))
        for claim_id in plan.removed:
            claim = claims[claim_id]
            status = claim.status
            hidden = status in claim_db.HIDDEN_STATUSES
            claim_db.touch_claim(
                session, claim, removed_in=number, **({} if hidden else {"status": REMOVED})
            )
            record_event(
                session,
                analyst,
                "claim_removed",
                "claim",
                claim_id,
                claim_id,
                {"status": status, "version": current},
                {"status": claim.status, "removed_in": number},
            )
        order = [claim_id for _, _, claim_id in sorted(places)] + list(plan.removed)
        claim_db.set_ordinals(session, article_id, order)
        record_event(
            session,
            analyst,
            "article_version",
            "article",
            article_id,
            None,
            before,
            {"version": number, "title": values["title"], "sha256": values["sha256"], **summary},
        )
    return NewVersion(
        article_id,
        values["title"],
        number,
        summary["unchanged"],
        summary["changed"],
        summary["new"],
        summary["removed"],
    )
