"""Fact-check archives: importing published fact-checks, listing and searching them, and
each claim's "checked before" matches."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from db import factchecks as factcheck_db
from db.audit import record_event
from db.factchecks import Earlier
from db.models import FactCheck
from db.session import Database
from verify.config import Rating
from verify.errors import InputError
from verify.match.checked import Candidate, candidates, refresh_checked
from verify.read.factchecks import factcheck_files, read_factchecks

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ArchiveImport:
    files: int
    added: int
    already_stored: int
    claims_refreshed: int


def add_factchecks(
    db: Database,
    paths: Iterable[Path],
    *,
    analyst: str = "verify",
    refresh: bool = True,
    progress: Progress | None = None,
) -> ArchiveImport:
    """Import fact-check files and folders: all of them, or nothing.

    Every record of every file is read and checked before anything is stored, so a bad
    record (an InputError naming its file and record) leaves the archive as it was.
    Importing the same records again adds nothing. Then every claim's checked-before
    matches are refreshed (unless ``refresh`` is false).
    """
    files = factcheck_files(paths)
    rows: dict[str, dict[str, object]] = {}
    for done, path in enumerate(files):
        if progress:
            progress(done, len(files), str(path))
        for record in read_factchecks(path):
            rows.setdefault(
                record.sha256,
                {
                    "claim": record.claim,
                    "rating": record.rating,
                    "reviewed_at": record.reviewed_at,
                    "publisher": record.publisher,
                    "url": record.url,
                    "claimant": record.claimant,
                    "language": record.language,
                    "title": record.title,
                    "external_id": record.external_id,
                    "path": str(record.path),
                    "record": record.record,
                    "format": record.format,
                    "sha256": record.sha256,
                },
            )
    with db.write() as session:
        known = factcheck_db.existing_hashes(session, rows)
        fresh = [row for sha, row in rows.items() if sha not in known]
        factcheck_db.insert_factchecks(session, fresh)
        if fresh:
            factcheck_db.refresh_statistics(session)
        if fresh:
            record_event(
                session,
                analyst,
                "import",
                "factcheck",
                None,
                None,
                None,
                {"paths": [str(p) for p in files], "factchecks": len(fresh)},
            )
    refreshed = refresh_checked(db, progress=progress) if fresh and refresh else 0
    return ArchiveImport(len(files), len(fresh), len(rows) - len(fresh), refreshed)


def list_factchecks(db: Database, limit: int | None = None) -> tuple[int, list[FactCheck]]:
    """(how many are stored, the newest ``limit`` of them)."""
    with db.read() as session:
        return factcheck_db.count(session), factcheck_db.listing(session, limit)


@dataclass(frozen=True)
class ArchiveHit:
    score: float
    factcheck: FactCheck | None
    earlier: factcheck_db.JudgedClaim | None


def search_archives(
    db: Database, text: str, top: int = 10, viewer: str | None = None
) -> list[ArchiveHit]:
    """The archive entries and earlier team verdicts that best match ``text``, best
    first, with their checked-before scores (below the threshold too); team verdicts
    as ``viewer`` may see them (blind review)."""
    with db.read() as session:
        found: list[Candidate] = candidates(session, text, None)[:top]
        archive = factcheck_db.by_id(session, [c.factcheck_id for c in found if c.factcheck_id])
        team = factcheck_db.judged_claims(
            session, [c.earlier_claim_id for c in found if c.earlier_claim_id], viewer
        )
    return [
        ArchiveHit(
            c.score,
            archive.get(c.factcheck_id) if c.factcheck_id else None,
            team.get(c.earlier_claim_id) if c.earlier_claim_id else None,
        )
        for c in found
    ]


SAME_RATINGS = {
    "pants on fire": "false",
    "false": "false",
    "incorrect": "false",
    "fake": "false",
    "mostly false": "mostly false",
    "half true": "mixed",
    "half-true": "mixed",
    "mixture": "mixed",
    "mixed": "mixed",
    "mostly true": "mostly true",
    "correct": "true",
    "true": "true",
    "misleading": "misleading",
    "missing context": "misleading",
    "unproven": "unverifiable",
    "unverified": "unverifiable",
}
"""Common published ratings -> the default scale's names, for adopting a verdict."""


def adoption(entry: Earlier, scale: tuple[Rating, ...]) -> tuple[int, str]:
    """What adopting ``entry`` as a starting point saves: the index of its rating on
    ``scale`` and a rationale that cites it. An InputError when the rating has no
    counterpart on the scale (the analyst then chooses one)."""
    wanted = entry.rating.casefold().strip()
    names = [r.name.casefold() for r in scale]
    index = names.index(wanted) if wanted in names else None
    if index is None and SAME_RATINGS.get(wanted) in names:
        index = names.index(SAME_RATINGS[wanted])
    if index is None:
        raise InputError(
            f"the rating {entry.rating!r} is not on your scale: choose the verdict yourself"
        )
    if entry.source == "team":
        cited = (
            f"Adopted from {entry.analyst}'s verdict {entry.rating!r} on claim "
            f"{entry.earlier_claim_id} (article {entry.article_id}, {entry.date}): {entry.text}"
        )
        if entry.rationale:
            cited += f"\n\nTheir rationale: {entry.rationale}"
    else:
        where = ", ".join(p for p in (entry.publisher, entry.date) if p)
        cited = f"Adopted from the published fact-check {entry.rating!r} ({where}): {entry.text}"
        if entry.url:
            cited += f"\n{entry.url}"
    return index, cited
