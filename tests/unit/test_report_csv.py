"""The CSV export: one row per claim, opens cleanly in a spreadsheet, cannot run formulas."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.report_fixture import HOSTILE_CLAIM, HOSTILE_EVIDENCE, ReportData, build
from verify.report import export
from verify.report.csvreport import COLUMNS, defuse


@pytest.fixture(scope="module")
def report_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReportData]:
    data = build(f"sqlite:///{tmp_path_factory.mktemp('csv') / 'report.db'}")
    yield data
    data.db.dispose()


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_there_is_one_row_per_claim_with_the_documented_columns(report_db: ReportData) -> None:
    text = export(report_db.db, report_db.settings, "csv")
    rows = _rows(text)
    assert list(rows[0]) == list(COLUMNS)
    assert COLUMNS[:18] == (
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
    )
    assert [int(r["claim_id"]) for r in rows] == sorted(report_db.claim_ids.values())
    budget = rows[0]
    assert budget["verdict"] == "False"
    assert budget["rating_value"] == "1"
    assert budget["confidence"] == "0.85"
    assert budget["analyst"] == "ana"
    assert budget["state"] == "approved"
    assert budget["rationale"] == (
        "The audit office reports a 41 per cent overrun.\n\n"
        "The ministry's statement does not mention the cost."
    )
    assert budget["best_evidence_source"] == "Annual audit of public works 2025"
    assert budget["best_evidence_url"] == "https://audit.example/reports/2025-works"
    assert budget["best_evidence_stance"] == "contradicts"
    reservoir = rows[3]
    assert reservoir["verdict"] == reservoir["analyst"] == reservoir["rating_value"] == ""
    assert reservoir["best_evidence_stance"] == ""
    assert reservoir["best_evidence_stance_hint"] == "none"


def test_cells_that_a_spreadsheet_would_run_as_formulas_are_defused(
    report_db: ReportData,
) -> None:
    rows = _rows(export(report_db.db, report_db.settings, "csv"))
    hostile = next(r for r in rows if int(r["claim_id"]) == report_db.claim_ids["hostile"])
    assert hostile["claim"] == "'" + HOSTILE_CLAIM
    assert hostile["best_evidence"] == "'" + HOSTILE_EVIDENCE
    assert hostile["rationale"].startswith("'@SUM(")
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (column, cell)


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@A1", "\tx", "\rx"])
def test_every_formula_start_gets_a_leading_quote(cell: str) -> None:
    assert defuse(cell) == "'" + cell


def test_ordinary_text_is_left_alone() -> None:
    assert defuse("Minus 3 is -3") == "Minus 3 is -3"
    assert defuse("'quoted'") == "'quoted'"


def test_the_bom_option_makes_excel_read_utf8(report_db: ReportData, tmp_path: Path) -> None:
    plain = export(report_db.db, report_db.settings, "csv")
    marked = export(report_db.db, report_db.settings, "csv", bom=True)
    assert not plain.startswith("\ufeff")
    assert marked == "\ufeff" + plain
    path = tmp_path / "report.csv"
    path.write_text(marked, encoding="utf-8", newline="")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        assert _rows(handle.read()) == _rows(plain)


def test_bom_changes_only_csv(report_db: ReportData) -> None:
    for fmt in ("md", "json"):
        assert not export(report_db.db, report_db.settings, fmt, bom=True).startswith("\ufeff")


def test_the_best_evidence_carries_its_publishers_reliability(tmp_path: Path) -> None:
    from verify.services.sources import rate_publisher

    data = build(f"sqlite:///{tmp_path / 'rated.db'}")
    try:
        rate_publisher(data.db, "Pellandria Audit Office", "official", analyst="ana")
        rows = _rows(export(data.db, data.settings, "csv"))
    finally:
        data.db.dispose()
    budget = rows[0]
    assert budget["best_evidence_source"] == "Annual audit of public works 2025"
    assert budget["best_evidence_reliability"] == "official"
    assert {r["best_evidence_reliability"] for r in rows[1:]} <= {""}


def test_the_best_passage_carries_the_hints_confidence_and_the_figures_compared(
    report_db: ReportData,
) -> None:
    rows = _rows(export(report_db.db, report_db.settings, "csv"))
    budget = next(r for r in rows if int(r["claim_id"]) == report_db.claim_ids["budget"])
    assert budget["best_evidence_stance_hint"] == "contradicts"
    assert budget["best_evidence_stance_confidence"] == "0.74"
    assert (
        budget["best_evidence_numbers"]
        == "numbers differ: entirely on budget against 41 per cent more"
    )
    reservoir = next(r for r in rows if int(r["claim_id"]) == report_db.claim_ids["reservoir"])
    assert reservoir["best_evidence_stance_confidence"] == ""
    assert reservoir["best_evidence_numbers"] == ""
