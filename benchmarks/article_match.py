"""Matching quality on an article and an evidence set whose answers are known.

    python benchmarks/article_match.py                       # the bundled demo
    python benchmarks/article_match.py --article A.txt --evidence FOLDER --expected E.json

Runs the product end to end, as ``verify evidence add`` then ``verify article add`` do:
the evidence is imported, the article's claims are extracted and matched, and each
expected claim's stored evidence (top 20) is scored. In the same run, two references
rank every passage (source title and text) for the same claim text: rapidfuzz
``token_set_ratio`` alone, and plain BM25 (bm25s, from the ``bench`` extra).

The expected file (``tests/data/demo_expected.json`` is one) holds::

    {"claims": [{"claim_contains": "text found in the claim or its sentence",
                 "supports": ["text found in a supporting passage", ...],
                 "contradicts": ["text found in a contradicting passage", ...],
                 "distractors": ["text found in a passage that is not evidence", ...]}]}

A passage is relevant when it holds any ``supports`` or ``contradicts`` text. Printed
per method: claims found, MAP@5, Recall@5, Recall@10, and the share of claims whose first
relevant passage ranks above every distractor; for the product also how many of its
stance hints on relevant passages in the top 10 agree with the expected side.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import references
from sqlalchemy import select

from db import claims as claim_db
from db import links as link_db
from db.models import Passage, Source
from db.session import Database, open_database
from verify.evidence.ingest import import_paths
from verify.services.article import import_article

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "verify" / "demo" / "data"
TOP = 20


@dataclass
class Case:
    claim: str
    relevant: set[int]
    distractors: set[int]
    side: dict[int, str]  # relevant passage -> "supports" or "contradicts"


def passages(db: Database) -> dict[int, str]:
    """Every passage's searchable text (source title, then text), by id."""
    with db.read() as session:
        rows = session.execute(
            select(Passage.id, Passage.text, Source.title).join(
                Source, Source.id == Passage.source_id
            )
        )
        return {pid: f"{title or ''} {text}" for pid, text, title in rows}


def holding(texts: dict[int, str], snippets: list[str]) -> set[int]:
    return {pid for pid, text in texts.items() if any(s in text for s in snippets)}


def scores(ranked: list[int], case: Case) -> dict[str, float]:
    hits, total = 0, 0.0
    for i, pid in enumerate(ranked[:5], 1):
        if pid in case.relevant:
            hits += 1
            total += hits / i
    first_relevant = next((i for i, p in enumerate(ranked) if p in case.relevant), None)
    first_distractor = next((i for i, p in enumerate(ranked) if p in case.distractors), None)
    above = first_relevant is not None and (
        first_distractor is None or first_relevant < first_distractor
    )
    return {
        "map5": total / min(len(case.relevant), 5),
        "r5": len(case.relevant & set(ranked[:5])) / len(case.relevant),
        "r10": len(case.relevant & set(ranked[:10])) / len(case.relevant),
        "above": float(above),
    }


def report(
    name: str,
    results: list[dict[str, float]],
    found: int,
    wanted: int,
    took: float,
    extra: str = "",
) -> None:
    def mean(key: str) -> float:
        return statistics.mean(r[key] for r in results) if results else 0.0

    print(
        f"{name:<28} claims {found}/{wanted}  MAP@5 {mean('map5'):.3f}  "
        f"R@5 {mean('r5'):.3f}  R@10 {mean('r10'):.3f}  "
        f"relevant above distractors {mean('above'):.2f}  {took * 1000:6.1f} ms/claim{extra}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", type=Path, default=DEMO / "article.txt")
    parser.add_argument("--evidence", type=Path, default=DEMO / "evidence")
    parser.add_argument(
        "--expected", type=Path, default=ROOT / "tests" / "data" / "demo_expected.json"
    )
    args = parser.parse_args()
    expected = json.loads(args.expected.read_text(encoding="utf-8"))["claims"]

    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{Path(tmp) / 'article.db'}")
        t0 = time.perf_counter()
        imported = import_paths(db, [args.evidence])
        print(
            f"evidence: {imported.sources_added} sources, {imported.passages_added} "
            f"passages in {time.perf_counter() - t0:.1f} s"
        )
        t0 = time.perf_counter()
        article = import_article(db, args.article, top_k=TOP)
        product_took = (time.perf_counter() - t0) / max(article.claims, 1)
        print(
            f"article: {article.claims} claims extracted and matched "
            f"in {time.perf_counter() - t0:.1f} s"
        )
        texts = passages(db)
        with db.read() as session:
            claims = claim_db.claims(session, article_id=article.article_id)

        cases: list[tuple[Case, int | None]] = []
        for item in expected:
            found = [
                c
                for c in claims
                if item["claim_contains"] in c.text or item["claim_contains"] in c.sentence
            ]
            side = {pid: "supports" for pid in holding(texts, item.get("supports", []))}
            side.update({pid: "contradicts" for pid in holding(texts, item.get("contradicts", []))})
            case = Case(
                found[0].text if found else item["claim_contains"],
                set(side),
                holding(texts, item.get("distractors", [])),
                side,
            )
            if not case.relevant:
                if item.get("supports") or item.get("contradicts"):
                    print(
                        f"no passage holds the expected evidence of "
                        f"{item['claim_contains']!r}: left out"
                    )
                continue
            cases.append((case, found[0].id if found else None))
        wanted = len(cases)

        product, agree, hinted = [], 0, 0
        with db.read() as session:
            for case, claim_id in cases:
                links = link_db.evidence(session, claim_id) if claim_id is not None else []
                product.append(scores([link.passage_id for link, _, _ in links], case))
                for link, _, _ in links[:10]:
                    if link.passage_id in case.relevant and link.stance_hint != "none":
                        hinted += 1
                        agree += link.stance_hint == case.side[link.passage_id]
        found_n = sum(1 for _, cid in cases if cid is not None)
        report(
            "verify (product)",
            product,
            found_n,
            wanted,
            product_took,
            f"  stance hints agreeing {agree}/{hinted}",
        )

        ids = list(texts)
        docs = [texts[pid] for pid in ids]

        def reference(name: str, rank: Callable[[str], list[int]]) -> None:
            t = time.perf_counter()
            results = [scores(rank(case.claim), case) for case, _ in cases]
            report(name, results, found_n, wanted, (time.perf_counter() - t) / max(wanted, 1))

        reference("rapidfuzz token_set_ratio", references.token_set(ids, docs, TOP))
        bm25 = references.bm25(ids, docs, TOP)
        if bm25 is not None:
            reference("BM25 (bm25s)", bm25)
        db.dispose()


if __name__ == "__main__":
    main()
