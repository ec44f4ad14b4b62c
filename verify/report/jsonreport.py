"""The JSON export: the ``verify-report`` contract of DESIGN.md, version 1.

Its JSON Schema ships beside this module as ``verify-report.schema.json``.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from verify.report.model import Report, ReportClaim, ReportEvidence, VerdictView, iso_utc

FORMAT = "verify-report"
VERSION = 1
SCHEMA_FILE = "verify-report.schema.json"


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) every JSON export validates against."""
    text = resources.files("verify.report").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)


def _verdict(verdict: VerdictView | None) -> dict[str, Any] | None:
    if verdict is None:
        return None
    return {
        "rating": verdict.rating,
        "rating_value": verdict.rating_value,
        "confidence": verdict.confidence,
        "rationale": verdict.rationale,
        "analyst": verdict.analyst,
        "state": verdict.state,
        "at": iso_utc(verdict.at),
    }


def _evidence(item: ReportEvidence) -> dict[str, Any]:
    source = item.source
    return {
        "passage_id": item.passage_id,
        "score": item.score,
        "stance": item.stance,
        "stance_hint": item.stance_hint,
        "stance_confidence": item.stance_confidence,
        "stance_reason": item.stance_reason,
        "numbers": item.numbers,
        "text": item.text,
        "page": item.page,
        "paragraph": item.paragraph,
        "span": list(item.span) if item.span else None,
        "source": {
            "id": source.id,
            "title": source.title,
            "publisher": source.publisher,
            "url": source.url,
            "path": source.path,
            "external_id": source.external_id,
            "reliability": source.reliability,
        },
    }


def _claim(claim: ReportClaim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "text": claim.text,
        "speaker": claim.speaker,
        "turn": claim.turn,
        "sentence": claim.sentence,
        "start": claim.start,
        "end": claim.end,
        "kind": claim.kind,
        "checkworthiness": claim.checkworthiness,
        "status": claim.status,
        "verdict": _verdict(claim.verdict),
        "evidence": [_evidence(e) for e in claim.evidence],
        "checked_before": [e.as_json() for e in claim.checked_before],
        "changed_in": claim.changed_in,
        "previous_text": claim.previous_text,
        "changed_since_verdict": claim.changed_since_verdict,
        "removed_in": claim.removed_in,
    }


def as_data(report: Report) -> dict[str, Any]:
    """The report as plain JSON data."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "generated_at": iso_utc(report.generated_at),
        "articles": [
            {
                "id": article.id,
                "title": article.title,
                "url": article.url,
                "publisher": article.publisher,
                "published_at": article.published_at,
                "article_version": article.version,
                "version_imported_at": iso_utc(article.version_at) if article.version_at else None,
                "claims": [_claim(c) for c in article.claims],
                "removed_claims": [_claim(c) for c in article.removed],
            }
            for article in report.articles
        ],
    }


def render(report: Report) -> str:
    return json.dumps(as_data(report), ensure_ascii=False, indent=2) + "\n"
