"""Re-matching a 30-claim article against the demo store, stance hints included.

    python benchmarks/rematch_speed.py [--claims 30] [--runs 5]

Loads the bundled demo into a temporary SQLite file, imports one article made of the
demo article and the three test articles of ``tests/data/articles`` (all written for
this project), and times ``match_claims`` over its first ``--claims`` claims: what
"Re-match claims" in the workbench and ``verify match`` do. It prints the median of
``--runs`` runs (wall clock, and this process's CPU time, which other work on a
shared machine does not inflate), and, in the same run, the time the stance judge alone takes on the
same claim-passage pairs, so its share of the whole is visible. The target is under a
second on the project's 2-core machines without the extras; it says which stance judge
ran (with the ``nli`` extra installed, ``VERIFY_NLI=0`` times the signal judge alone).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from importlib.resources import files
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from db import claims as claim_db
from db import links as link_db
from db.session import open_database
from verify.demo import load_demo
from verify.match import figures, nli, stance
from verify.match.link import match_claims
from verify.services.article import import_article

ROOT = Path(__file__).resolve().parent.parent


def article_text() -> str:
    parts = [(files("verify.demo") / "data" / "article.txt").read_text(encoding="utf-8")]
    for path in sorted((ROOT / "tests" / "data" / "articles").glob("*.txt")):
        parts.append(path.read_text(encoding="utf-8"))
    return "\n\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=30)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{Path(tmp) / 'bench.db'}")
        load_demo(db)
        path = Path(tmp) / "article.txt"
        path.write_text(article_text(), encoding="utf-8")
        imported = import_article(db, path, match=False)
        with db.read() as session:
            ids = claim_db.claim_ids(session, imported.article_id)[: args.claims]
        times, cpu = [], []
        for _ in range(args.runs):
            figures.figures.cache_clear()  # each run judges from cold, as after an import
            start, start_cpu = time.perf_counter(), time.process_time()
            match_claims(db, claim_ids=ids)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        with db.read() as session:
            pairs = [
                (claim.text, passage.text)
                for claim in claim_db.claims(session, ids=ids)
                for _, passage, _ in link_db.evidence(session, claim.id)
            ]
        figures.figures.cache_clear()
        start = time.perf_counter()
        for claim_text, passage_text in pairs:
            stance.stance_hint(claim_text, passage_text)
        judging = time.perf_counter() - start
        db.dispose()
    judge = "signals and the inference model" if nli.enabled() else "signals only"
    print(f"stance judge: {judge}")
    print(
        f"re-match {len(ids)} claims against the demo store: "
        f"median {statistics.median(times):.3f} s"
        f" over {args.runs} runs (min {min(times):.3f}, max {max(times):.3f}); "
        f"CPU time of this process {statistics.median(cpu):.3f} s (what load does not add)"
    )
    print(
        f"stance judge alone on the same {len(pairs)} claim-passage pairs: {judging:.3f} s "
        f"({1000 * judging / max(1, len(pairs)):.2f} ms a pair)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
