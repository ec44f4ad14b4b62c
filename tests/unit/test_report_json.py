"""The JSON export keeps the verify-report contract of DESIGN.md, checked by its JSON Schema."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import jsonschema
import pytest

from tests.support.report_fixture import (
    BUDGET_NUMBERS,
    HOSTILE_CLAIM,
    HOSTILE_EVIDENCE,
    ReportData,
    build,
)
from verify.report import export
from verify.report.jsonreport import schema

NOW = datetime(2026, 1, 9, 10, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def report_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReportData]:
    data = build(f"sqlite:///{tmp_path_factory.mktemp('json') / 'report.db'}")
    yield data
    data.db.dispose()


@pytest.fixture(scope="module")
def document(report_db: ReportData) -> dict[str, Any]:
    return json.loads(export(report_db.db, report_db.settings, "json", now=NOW))


def _validator() -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema())
    return jsonschema.Draft202012Validator(schema())


def test_every_json_export_validates_against_the_shipped_schema(report_db: ReportData) -> None:
    validator = _validator()
    for article_id in (None, *report_db.article_ids.values()):
        text = export(report_db.db, report_db.settings, "json", article_id=article_id)
        errors = list(validator.iter_errors(json.loads(text)))
        assert errors == [], [e.message for e in errors]


def test_the_schema_rejects_documents_that_break_the_contract(document: dict[str, Any]) -> None:
    validator = _validator()
    broken: list[dict[str, Any]] = []
    for change in (
        lambda d: d.update(version=2),
        lambda d: d.update(generated_at="9 January 2026"),
        lambda d: d["articles"][0]["claims"][0].pop("verdict"),
        lambda d: d["articles"][0]["claims"][0]["verdict"].update(state="published"),
        lambda d: d["articles"][0]["claims"][0]["evidence"][0].update(stance="agrees"),
        lambda d: d["articles"][0]["claims"][0]["evidence"][0]["source"].pop("url"),
        lambda d: d["articles"][0].update(colour="red"),
    ):
        doc = copy.deepcopy(document)
        change(doc)
        broken.append(doc)
    for doc in broken:
        assert not validator.is_valid(doc)


def test_the_document_has_the_contracts_fields_and_nothing_else(
    document: dict[str, Any],
) -> None:
    assert document["format"] == "verify-report"
    assert document["version"] == 1
    assert document["generated_at"] == "2026-01-09T10:00:00Z"
    article = document["articles"][0]
    assert set(article) == {
        "id",
        "title",
        "url",
        "publisher",
        "published_at",
        "article_version",
        "version_imported_at",
        "claims",
        "removed_claims",
    }
    claim = article["claims"][0]
    assert set(claim) == {
        "id",
        "text",
        "speaker",
        "turn",
        "sentence",
        "start",
        "end",
        "kind",
        "checkworthiness",
        "status",
        "verdict",
        "evidence",
        "checked_before",
        "changed_in",
        "previous_text",
        "changed_since_verdict",
        "removed_in",
    }
    assert set(claim["verdict"]) == {
        "rating",
        "rating_value",
        "confidence",
        "rationale",
        "analyst",
        "state",
        "at",
    }
    evidence = claim["evidence"][0]
    assert set(evidence) == {
        "passage_id",
        "score",
        "page",
        "paragraph",
        "stance",
        "stance_hint",
        "stance_confidence",
        "stance_reason",
        "numbers",
        "text",
        "span",
        "source",
    }
    assert set(evidence["source"]) == {
        "id",
        "title",
        "publisher",
        "url",
        "path",
        "external_id",
        "reliability",
    }


def test_a_claims_verdict_is_its_newest_and_null_without_one(document: dict[str, Any]) -> None:
    claims = {c["text"]: c for c in document["articles"][0]["claims"]}
    budget = claims["The Korsa dam was finished entirely on budget."]
    # ben's draft "True" came first; ana's approved "False" replaced it.
    assert budget["verdict"]["rating"] == "False"
    assert budget["verdict"]["rating_value"] == 1
    assert budget["verdict"]["analyst"] == "ana"
    assert budget["verdict"]["state"] == "approved"
    assert budget["verdict"]["confidence"] == 0.85
    assert budget["status"] == "reviewed"
    misleading = claims["Every village in the Korsa valley now has running water."]["verdict"]
    assert misleading["rating_value"] is None
    reservoir = claims["The reservoir holds 300 million cubic metres of water."]
    assert reservoir["verdict"] is None
    assert reservoir["status"] == "open"


def test_evidence_is_ordered_best_score_first_with_labels_and_hints(
    document: dict[str, Any],
) -> None:
    for article in document["articles"]:
        for claim in article["claims"]:
            scores = [e["score"] for e in claim["evidence"]]
            assert scores == sorted(scores, reverse=True)
    budget = document["articles"][0]["claims"][0]["evidence"]
    assert [(e["score"], e["stance"], e["stance_hint"]) for e in budget] == [
        (91.25, "context", "supports"),
        (88.5, "contradicts", "contradicts"),
    ]
    assert budget[1]["span"] == [4, 70]
    assert budget[1]["source"]["publisher"] == "Pellandria Audit Office"
    assert budget[1]["source"]["path"] == "evidence/audit-2025.txt"
    jobs = document["articles"][0]["claims"][1]["evidence"]
    assert [e["source"]["external_id"] for e in jobs] == [f"bulletin-{n}" for n in (1, 2, 3, 4)]


def test_text_is_carried_exactly_as_stored(document: dict[str, Any]) -> None:
    hostile = document["articles"][1]
    assert hostile["url"] == "javascript:alert(4)"
    claim = hostile["claims"][0]
    assert claim["text"] == HOSTILE_CLAIM
    assert claim["evidence"][0]["text"] == HOSTILE_EVIDENCE


def test_evidence_carries_the_hints_confidence_and_the_figures_compared(
    document: dict[str, Any],
) -> None:
    budget = document["articles"][0]["claims"][0]["evidence"]
    contradicting = budget[1]
    assert contradicting["stance_confidence"] == 0.74
    assert contradicting["numbers"] == BUDGET_NUMBERS
    assert contradicting["numbers"]["agree"] is False
    assert budget[0]["stance_confidence"] is None
    assert budget[0]["numbers"] is None
