"""Verdict reports: Markdown, HTML, JSON, CSV and schema.org ClaimReview.

Every format is rendered from one :class:`~verify.report.model.Report`, gathered once
from the database, so all of them carry the same facts.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from db.session import Database
from verify.config import Settings
from verify.errors import InputError
from verify.report import claimreview, csvreport, htmlreport, jsonreport, markdown
from verify.report.model import build_report

FORMATS: tuple[str, ...] = ("md", "html", "json", "csv", "claimreview")

EXTENSIONS: dict[str, str] = {
    "md": ".md",
    "html": ".html",
    "json": ".json",
    "csv": ".csv",
    "claimreview": ".jsonld",
}
"""The usual file name ending for each format, for save dialogs."""


def export(
    db: Database,
    settings: Settings,
    fmt: str,
    *,
    article_id: int | None = None,
    include_unapproved: bool = False,
    bom: bool = False,
    now: datetime | None = None,
) -> str:
    """The whole report in format ``fmt`` (one of :data:`FORMATS`), as text.

    ``article_id`` limits it to one article; ``include_unapproved`` lets ClaimReview
    publish verdicts that are not approved yet (the other formats always show the
    current verdict with its state); ``bom`` starts CSV with a UTF-8 byte order mark;
    ``now`` fixes the generation time. Raises InputError for an unknown format or
    article, and for ClaimReview without an organisation or ``claim_url`` in the config
    file; ClaimReview with no approved verdict raises ``claimreview.NothingApproved``.
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; formats: {', '.join(FORMATS)}")
    if fmt == "claimreview":
        organisation = claimreview.require_organisation(settings)
        claim_url = claimreview.require_claim_url(settings)
        report = build_report(db, settings, article_id=article_id, now=now)
        return claimreview.render(
            report, organisation, claim_url, include_unapproved=include_unapproved
        )
    report = build_report(db, settings, article_id=article_id, now=now)
    if fmt == "md":
        return markdown.render(report)
    if fmt == "html":
        return htmlreport.render(report)
    if fmt == "json":
        return jsonreport.render(report)
    return csvreport.render(report, bom=bom)


def save(document: str, path: Path) -> None:
    """Write ``document`` to ``path`` whole or not at all: a ``.part`` file renamed into place.

    Raises InputError naming the file when it cannot be written; no ``.part`` is left.
    """
    part = path.with_name(path.name + ".part")
    try:
        with open(part, "w", encoding="utf-8", newline="") as handle:
            handle.write(document)
        part.replace(path)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise InputError(f"cannot write: {exc.strerror}", path) from exc


__all__ = ["EXTENSIONS", "FORMATS", "export", "save"]
