"""The CSV export: one row per claim, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io

from verify.report.model import Report, ReportArticle, ReportClaim, iso_utc
from verify.report.wording import numbers_line, version_note

COLUMNS = (
    "article_id",
    "article_title",
    "claim_id",
    "claim",
    "speaker",
    "kind",
    "verdict",
    "rating_value",
    "confidence",
    "analyst",
    "verdict_at",
    "state",
    "rationale",
    "best_evidence",
    "best_evidence_source",
    "best_evidence_place",
    "best_evidence_url",
    "best_evidence_stance",
    "best_evidence_stance_hint",
    "best_evidence_stance_confidence",
    "best_evidence_numbers",
    # added later, at the end so that columns read by position keep their place
    "best_evidence_reliability",
    "article_version",
    "claim_change",
)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def defuse(cell: str) -> str:
    """``cell`` with a leading ``'`` if a spreadsheet would read it as a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def _row(article: ReportArticle, claim: ReportClaim) -> list[str | int | float]:
    verdict = claim.verdict
    best = claim.best_evidence
    cells: dict[str, str | int | float | None] = {
        "article_id": article.id,
        "article_title": article.title,
        "article_version": article.version,
        "claim_id": claim.id,
        "claim": claim.text,
        "claim_change": version_note(
            claim.changed_in, claim.previous_text, claim.removed_in, claim.changed_since_verdict
        ),
        "speaker": claim.speaker,
        "kind": claim.kind,
    }
    if verdict is not None:
        cells.update(
            {
                "verdict": verdict.rating,
                "rating_value": verdict.rating_value,
                "confidence": verdict.confidence,
                "analyst": verdict.analyst,
                "verdict_at": iso_utc(verdict.at),
                "state": verdict.state,
                "rationale": verdict.rationale,
            }
        )
    if best is not None:
        cells.update(
            {
                "best_evidence": best.text,
                "best_evidence_source": best.source.label,
                "best_evidence_place": best.place,
                "best_evidence_url": best.source.url,
                "best_evidence_reliability": best.source.reliability,
                "best_evidence_stance": best.stance,
                "best_evidence_stance_hint": best.stance_hint,
                "best_evidence_stance_confidence": best.stance_confidence,
                "best_evidence_numbers": numbers_line(best.numbers),
            }
        )
    row: list[str | int | float] = []
    for column in COLUMNS:
        value = cells.get(column)
        row.append("" if value is None else defuse(value) if isinstance(value, str) else value)
    return row


def render(report: Report, *, bom: bool = False) -> str:
    """The report as CSV text (``\\r\\n`` line ends; ``bom`` prefixes a UTF-8 BOM)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for article in report.articles:
        for claim in article.claims:
            writer.writerow(_row(article, claim))
    return (BOM if bom else "") + out.getvalue()
