"""The optional sentence embeddings: off by default and then absent; on, a semantic term.

The tests marked below need the ``embeddings`` extra and are skipped where it is not
installed; the first runs everywhere.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.models import PassageVector
from db.session import Database, open_database
from verify.evidence.ingest import import_paths
from verify.evidence.search import search_evidence
from verify.match import embed, nli
from verify.match.rank import rank
from verify.match.score import W_SEMANTIC

ROOT = Path(__file__).resolve().parents[2]
CLAIM = "The mayor of Dunmore resigned after the flood inquiry."
PARAPHRASE = "Dunmore's mayor stepped down once the inquiry into the floods had reported."
SAME_WORDS = "The Dunmore flood inquiry heard that the mayor's office ordered new pumps in 2019."
OTHER = "Port Lenna counted 412 cargo ships in March, the harbour authority said."


def evidence_file(folder: Path) -> Path:
    path = folder / "dunmore.jsonl"
    records = [
        {"id": "P", "text": PARAPHRASE},
        {"id": "W", "text": SAME_WORDS},
        {"id": "O", "text": OTHER, "title": "Harbour count"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def vector_rows(db: Database) -> list[tuple[int, str, bytes]]:
    with db.read() as session:
        return [
            tuple(row)
            for row in session.execute(
                select(PassageVector.passage_id, PassageVector.model, PassageVector.vector)
            )
        ]


OFF_PATH = """
import json, sys
from pathlib import Path
from sqlalchemy import func, select
from db.models import PassageVector
from db.session import open_database
from verify.evidence.ingest import import_paths
from verify.match.rank import rank
folder = Path(sys.argv[1])
db = open_database(f"sqlite:///{folder / 'off.db'}")
import_paths(db, [folder / 'dunmore.jsonl'])
with db.read() as session:
    matches = rank(session, sys.argv[2])
    vectors = session.scalar(select(func.count()).select_from(PassageVector))
print(json.dumps({"torch": "torch" in sys.modules,
                  "onnxruntime": "onnxruntime" in sys.modules,
                  "vectors": vectors, "matches": len(matches),
                  "semantic": any("semantic" in m.parts for m in matches)}))
"""


def test_with_embeddings_and_the_inference_model_off_no_model_runtime_is_imported(
    tmp_path: Path,
) -> None:
    evidence_file(tmp_path)
    env = {k: v for k, v in os.environ.items() if k != embed.ENV}
    env[nli.ENV] = "0"  # the stance judge's optional model uses the same runtime
    run = subprocess.run(
        [sys.executable, "-c", OFF_PATH, str(tmp_path), CLAIM],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen == {
        "torch": False,
        "onnxruntime": False,
        "vectors": 0,
        "matches": 2,
        "semantic": False,
    }


# --- with the embeddings extra installed --------------------------------------------------


@pytest.fixture
def extra() -> None:
    """Skips the test where the embeddings extra is not installed."""
    pytest.importorskip("onnxruntime")
    pytest.importorskip(embed.PACKAGE)


@pytest.fixture
def embeddings_on(extra: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(embed.ENV, "1")


def test_vectors_are_float32_and_of_unit_length(embeddings_on: None) -> None:
    import numpy as np

    vectors = embed.embedder().embed([CLAIM, OTHER])
    assert [len(v) for v in vectors] == [4 * embed.DIMENSIONS] * 2
    for v in vectors:
        assert abs(float(np.linalg.norm(np.frombuffer(v, dtype="<f4"))) - 1.0) < 1e-4


def test_a_paraphrase_is_closer_to_the_claim_than_a_passage_about_something_else(
    embeddings_on: None,
) -> None:
    import numpy as np

    claim, near, far = (
        np.frombuffer(v, dtype="<f4") for v in embed.embedder().embed([CLAIM, PARAPHRASE, OTHER])
    )
    assert float(claim @ near) > 0.6 > 0.2 > float(claim @ far)


def test_import_with_embeddings_on_stores_one_vector_per_new_passage(
    db: Database, tmp_path: Path, embeddings_on: None
) -> None:
    path = evidence_file(tmp_path)
    import_paths(db, [path])
    rows = vector_rows(db)
    assert len(rows) == 3
    assert {model for _, model, _ in rows} == {embed.MODEL}
    assert all(len(vector) == 4 * embed.DIMENSIONS for _, _, vector in rows)
    import_paths(db, [path])  # nothing new: no new vectors
    assert len(vector_rows(db)) == 3


def test_embeddings_put_a_paraphrase_above_a_passage_that_repeats_the_claims_words(
    sqlite_db: Database, tmp_path: Path, embeddings_on: None
) -> None:
    import_paths(sqlite_db, [evidence_file(tmp_path)])
    results = search_evidence(sqlite_db, CLAIM)
    assert [r.source.external_id for r in results] == ["P", "W"]


def test_the_semantic_term_is_fused_by_the_documented_formula(
    sqlite_db: Database, tmp_path: Path, extra: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_paths(sqlite_db, [evidence_file(tmp_path)])
    with sqlite_db.read() as session:
        off = {m.passage_id: m for m in rank(session, CLAIM)}
    monkeypatch.setenv(embed.ENV, "1")
    with sqlite_db.read() as session:
        on = {m.passage_id: m for m in rank(session, CLAIM)}
    assert set(on) == set(off)
    for pid, match in on.items():
        semantic = match.parts["semantic"]
        assert 0 < semantic <= 100
        expected = (1 - W_SEMANTIC) * off[pid].score + W_SEMANTIC * semantic
        assert abs(match.score - expected) < 0.02


def test_passages_imported_without_embeddings_are_embedded_when_ranked(
    tmp_path: Path, extra: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = evidence_file(tmp_path)
    stored = open_database(f"sqlite:///{tmp_path / 'stored.db'}")
    later = open_database(f"sqlite:///{tmp_path / 'later.db'}")
    monkeypatch.setenv(embed.ENV, "1")
    import_paths(stored, [path])
    monkeypatch.setenv(embed.ENV, "0")
    import_paths(later, [path])
    assert vector_rows(later) == []
    monkeypatch.setenv(embed.ENV, "1")
    with stored.read() as session:
        from_store = [(m.passage_id, m.parts["semantic"]) for m in rank(session, CLAIM)]
    with later.read() as session:
        on_the_fly = [(m.passage_id, m.parts["semantic"]) for m in rank(session, CLAIM)]
        assert session.scalar(select(func.count()).select_from(PassageVector)) == 0
    assert [p for p, _ in on_the_fly] == [p for p, _ in from_store]
    assert all(abs(a - b) < 1e-3 for (_, a), (_, b) in zip(on_the_fly, from_store, strict=True))
    stored.dispose()
    later.dispose()


def test_a_batch_search_ranks_each_query_as_a_single_search_does(
    sqlite_db: Database, tmp_path: Path, embeddings_on: None
) -> None:
    from verify.evidence.search import search_batch

    import_paths(sqlite_db, [evidence_file(tmp_path)])
    queries = [CLAIM, OTHER, PARAPHRASE, "Harbour count of cargo ships"] * 10
    one_by_one = [
        [(r.passage_id, r.score) for r in search_evidence(sqlite_db, q, with_stance=False)]
        for q in queries
    ]
    batched = [
        [(r.passage_id, r.score) for r in found] for found in search_batch(sqlite_db, queries)
    ]
    assert batched == one_by_one


MAKE_MODEL = """
import sys, time
from verify.match import embed, nli
start = time.perf_counter()
embed.embedder().embed(["one claim"])
print(round(time.perf_counter() - start, 3))
"""


def test_the_runtime_model_is_made_once_in_the_cache_folder_and_then_reused(
    tmp_path: Path, extra: None
) -> None:
    env = {**os.environ, embed.ENV: "1", embed.CACHE_ENV: str(tmp_path / "cache")}
    runs = []
    for _ in range(2):
        run = subprocess.run(
            [sys.executable, "-c", MAKE_MODEL],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert run.returncode == 0, run.stderr[-2000:]
        runs.append(sorted((p.name, p.stat().st_mtime_ns) for p in (tmp_path / "cache").iterdir()))
    assert len(runs[0]) == 1 and runs[0][0][0].endswith(".onnx")
    assert runs[1] == runs[0]  # the second run made nothing new


def test_an_import_embeds_after_its_passages_commit_so_other_writers_never_wait_on_it(
    tmp_path: Path, embeddings_on: None
) -> None:
    import threading

    from db.audit import record_event
    from db.evidence import counts

    path = tmp_path / "many.jsonl"
    path.write_text(
        "".join(
            json.dumps(
                {
                    "id": f"M-{i}",
                    "text": f"Dunmore's flood inquiry heard witness {i} "
                    "describe the pumps failing.",
                }
            )
            + "\n"
            for i in range(1_500)
        )
    )
    db = open_database(f"sqlite:///{tmp_path / 'busy.db'}")
    worker = threading.Thread(target=import_paths, args=(db, [path]))
    worker.start()
    seen_between = False
    while worker.is_alive() and not seen_between:
        with db.read() as session:
            vectors = session.scalar(select(func.count()).select_from(PassageVector)) or 0
            passages = counts(session)["passages"]
        if 0 < vectors < 1_500:
            assert passages == 1_500  # the passages were committed before embedding
            with db.write() as session:  # another analyst's write goes through meanwhile
                record_event(session, "other", "note", "claim", None, None, None, {})
            seen_between = True
    worker.join()
    assert seen_between
    assert len(vector_rows(db)) == 1_500
    db.dispose()


def test_the_cli_says_so_once_when_the_first_use_makes_the_model(
    tmp_path: Path, extra: None
) -> None:
    path = evidence_file(tmp_path)
    env = {**os.environ, embed.ENV: "1", embed.CACHE_ENV: str(tmp_path / "cache")}
    said = []
    for command in (["evidence", "add", str(path)], ["evidence", "search", CLAIM]):
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "verify.cli",
                "--db",
                f"sqlite:///{tmp_path / 'cli.db'}",
                *command,
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert run.returncode == 0, run.stderr[-2000:]
        said.append("making the embedding model" in run.stderr)
    assert said == [True, False]
