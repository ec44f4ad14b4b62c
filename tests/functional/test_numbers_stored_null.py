"""A link with no figures compared reads the same whether its ``numbers`` is SQL NULL or
a JSON null (as links written before were stored): in the workbench, the counts and
every export."""

from __future__ import annotations

import csv
import io
import json

from sqlalchemy import text

from db.session import open_database
from tests.support.report_fixture import build
from verify.report import export
from verify.services.browse import claim_rows, evidence_rows


def test_a_stored_json_null_reads_as_no_figures_like_sql_null(db_url: str) -> None:
    data = build(db_url)
    db = data.db
    water = data.claim_ids["water"]
    with db.engine.begin() as conn:
        assert (
            conn.execute(
                text("SELECT COUNT(*) FROM evidence_link WHERE claim_id = :c AND numbers IS NULL"),
                {"c": water},
            ).scalar()
            == 2
        ), "links without figures are written as SQL NULL"
        first = conn.execute(
            text("SELECT MIN(id) FROM evidence_link WHERE claim_id = :c"), {"c": water}
        ).scalar()
        null = "'null'" if db.dialect == "sqlite" else "'null'::json"
        conn.execute(text(f"UPDATE evidence_link SET numbers = {null} WHERE id = :i"), {"i": first})
        assert (
            conn.execute(
                text("SELECT COUNT(*) FROM evidence_link WHERE claim_id = :c AND numbers IS NULL"),
                {"c": water},
            ).scalar()
            == 1
        ), "one JSON null and one SQL NULL now"
    db.dispose()
    db = open_database(db_url)
    rows = evidence_rows(db, water)
    assert len(rows) == 2
    assert [(r.figures, r.numbers_differ, r.numbers_summary) for r in rows] == [((), False, "")] * 2
    row = next(r for r in claim_rows(db) if r.id == water)
    assert row.numbers_differ == 0
    document = json.loads(export(db, data.settings, "json"))
    claims = [c for a in document["articles"] for c in a["claims"] if c["id"] == water]
    assert [e["numbers"] for e in claims[0]["evidence"]] == [None, None]
    table = list(csv.DictReader(io.StringIO(export(db, data.settings, "csv"), newline="")))
    assert next(r for r in table if int(r["claim_id"]) == water)["best_evidence_numbers"] == ""
    db.dispose()
