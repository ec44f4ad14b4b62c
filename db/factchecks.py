"""The fact-check archives and each claim's "checked before" matches.

Published fact-checks live in ``factcheck``; the team's own history is its claims with
verdicts. A claim's matches in either are rows of ``checked_before``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlmodel import Session, col

from db.blind import blind_view_of_claims
from db.models import CheckedBefore, Claim, FactCheck, Verdict
from db.search import CLAIMS, FACTCHECKS, refresh_term_stats, search_index
from db.verdicts import current_verdicts

FACTCHECK_COLUMNS = (
    "claim",
    "rating",
    "reviewed_at",
    "publisher",
    "url",
    "claimant",
    "language",
    "title",
    "external_id",
    "path",
    "record",
    "format",
    "sha256",
)
"""The keys of the rows :func:`insert_factchecks` takes."""


def existing_hashes(session: Session, hashes: Iterable[str]) -> set[str]:
    """Which of ``hashes`` are already stored as fact-checks."""
    wanted = list(set(hashes))
    found: set[str] = set()
    for i in range(0, len(wanted), 500):
        batch = wanted[i : i + 500]
        found.update(
            session.scalars(select(col(FactCheck.sha256)).where(col(FactCheck.sha256).in_(batch)))
        )
    return found


def insert_factchecks(session: Session, rows: Sequence[dict[str, Any]]) -> int:
    """Insert fact-checks (dicts of ``FACTCHECK_COLUMNS``); the caller owns the transaction."""
    if rows:
        session.execute(insert(FactCheck), list(rows))
    return len(rows)


def refresh_statistics(session: Session) -> None:
    """Refresh what search needs after an import (term statistics)."""
    refresh_term_stats(session, FACTCHECKS)


def texts_by_id(session: Session, ids: Sequence[int]) -> dict[int, tuple[str, str | None]]:
    """(claim, title) of the fact-checks ``ids`` (Core: this runs per claim)."""
    found: dict[int, tuple[str, str | None]] = {}
    query = select(col(FactCheck.id), col(FactCheck.claim), col(FactCheck.title))
    for i in range(0, len(ids), 500):
        rows = session.connection().execute(
            query.where(col(FactCheck.id).in_(list(ids[i : i + 500])))
        )
        found.update((fid, (claim, title)) for fid, claim, title in rows if fid is not None)
    return found


def count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(FactCheck)) or 0)


def listing(session: Session, limit: int | None = None, offset: int = 0) -> list[FactCheck]:
    """Fact-checks, newest review first (undated last), then by id."""
    query = (
        select(FactCheck)
        .order_by(col(FactCheck.reviewed_at).desc().nulls_last(), col(FactCheck.id))
        .offset(offset)
    )
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query))


def by_id(session: Session, ids: Sequence[int]) -> dict[int, FactCheck]:
    found: dict[int, FactCheck] = {}
    for i in range(0, len(ids), 500):
        rows = session.scalars(
            select(FactCheck).where(col(FactCheck.id).in_(list(ids[i : i + 500])))
        )
        found.update((f.id, f) for f in rows if f.id is not None)
    return found


def search_factchecks(session: Session, terms: list[str], limit: int) -> list[tuple[int, float]]:
    """(fact-check id, full-text score) of the best ``limit`` holding any of ``terms``."""
    return search_index(session, FACTCHECKS, terms, limit)


_WITH_VERDICT = "SELECT claim_id FROM verdict"


def search_judged_claims(session: Session, terms: list[str], limit: int) -> list[tuple[int, float]]:
    """(claim id, full-text score) of the best ``limit`` claims that have a verdict."""
    return search_index(session, CLAIMS, terms, limit, among=_WITH_VERDICT)


@dataclass(frozen=True)
class JudgedClaim:
    """An earlier claim of the team's with its current verdict."""

    claim_id: int
    article_id: int
    text: str
    verdict: Verdict


def judged_claims(
    session: Session, ids: Sequence[int], viewer: str | None = None
) -> dict[int, JudgedClaim]:
    """The claims ``ids`` that have a verdict, each with its newest one; with ``viewer``,
    as they may see it (blind review: only their own until two are in)."""
    if not ids:
        return {}
    verdicts = current_verdicts(session, list(ids))
    verdicts = blind_view_of_claims(session, verdicts, viewer).current(verdicts)
    rows = session.execute(
        select(col(Claim.id), col(Claim.article_id), col(Claim.text)).where(
            col(Claim.id).in_(list(verdicts))
        )
    )
    return {cid: JudgedClaim(cid, aid, text, verdicts[cid]) for cid, aid, text in rows}


def store_checked(session: Session, claim_id: int, rows: Sequence[dict[str, Any]]) -> None:
    """Make a claim's checked-before matches exactly ``rows`` (best first)."""
    session.execute(delete(CheckedBefore).where(col(CheckedBefore.claim_id) == claim_id))
    if rows:
        session.execute(
            insert(CheckedBefore),
            [{**row, "claim_id": claim_id, "rank": i} for i, row in enumerate(rows)],
        )


@dataclass(frozen=True)
class Earlier:
    """One checked-before match as shown: an archive entry or an earlier team verdict."""

    claim_id: int
    score: float
    source: str  # "archive" or "team"
    rating: str
    date: str | None  # ISO date of the review or the verdict
    url: str | None
    publisher: str | None  # the archive's publisher, or the analyst of a team verdict
    text: str  # the claim that was checked
    factcheck_id: int | None = None
    earlier_claim_id: int | None = None
    article_id: int | None = None
    verdict_id: int | None = None
    analyst: str | None = None
    title: str | None = None
    claimant: str | None = None
    rationale: str | None = None  # a team verdict's

    def as_json(self) -> dict[str, Any]:
        """The entry as ``claims --json`` and the JSON report carry it."""
        return {
            "source": self.source,
            "rating": self.rating,
            "date": self.date,
            "url": self.url,
            "score": self.score,
            "publisher": self.publisher,
            "claim": self.text,
            "claimant": self.claimant,
            "factcheck_id": self.factcheck_id,
            "earlier_claim_id": self.earlier_claim_id,
            "article_id": self.article_id,
            "analyst": self.analyst,
        }

    def line(self) -> str:
        """One line: ``False, 2026-03-02, Other Check`` or ``Mostly false, by ana, article 12``."""
        if self.source == "team":
            return f"{self.rating}, by {self.analyst}, article {self.article_id}"
        return ", ".join(p for p in (self.rating, self.date, self.publisher) if p)


def checked_before(
    session: Session, claim_ids: Sequence[int] | None = None, viewer: str | None = None
) -> dict[int, list[Earlier]]:
    """Each claim's checked-before matches, best first (claims without any are absent).

    A team match shows the earlier claim's current verdict (as ``viewer`` may see it:
    see :mod:`db.blind`); one whose verdict is gone (undone since) or hidden
    is left out.
    """
    query = select(CheckedBefore).order_by(col(CheckedBefore.claim_id), col(CheckedBefore.rank))
    if claim_ids is not None:
        query = query.where(col(CheckedBefore.claim_id).in_(list(claim_ids)))
    rows = list(session.scalars(query))
    archive = by_id(session, [r.factcheck_id for r in rows if r.factcheck_id is not None])
    team = judged_claims(session, [r.earlier_claim_id for r in rows if r.earlier_claim_id], viewer)
    out: dict[int, list[Earlier]] = {}
    for row in rows:
        entry: Earlier | None = None
        if row.factcheck_id is not None and row.factcheck_id in archive:
            f = archive[row.factcheck_id]
            entry = Earlier(
                row.claim_id,
                row.score,
                "archive",
                f.rating,
                f.reviewed_at[:10] if f.reviewed_at else None,
                f.url,
                f.publisher,
                f.claim,
                factcheck_id=f.id,
                title=f.title,
                claimant=f.claimant,
            )
        elif row.earlier_claim_id is not None and row.earlier_claim_id in team:
            j = team[row.earlier_claim_id]
            entry = Earlier(
                row.claim_id,
                row.score,
                "team",
                j.verdict.rating,
                _day(j.verdict.created_at),
                None,
                j.verdict.analyst,
                j.text,
                earlier_claim_id=j.claim_id,
                article_id=j.article_id,
                verdict_id=j.verdict.id,
                analyst=j.verdict.analyst,
                rationale=j.verdict.rationale,
            )
        if entry is not None:
            out.setdefault(row.claim_id, []).append(entry)
    return out


def _day(moment: datetime) -> str:
    return moment.date().isoformat()


def checked_counts(session: Session, claim_ids: Sequence[int]) -> dict[int, int]:
    """How many checked-before matches each of ``claim_ids`` has (none: absent)."""
    found: dict[int, int] = {}
    query = select(col(CheckedBefore.claim_id), func.count()).group_by(col(CheckedBefore.claim_id))
    for i in range(0, len(claim_ids), 500):
        batch = list(claim_ids[i : i + 500])
        rows = session.connection().execute(query.where(col(CheckedBefore.claim_id).in_(batch)))
        found.update((cid, int(n)) for cid, n in rows)
    return found
