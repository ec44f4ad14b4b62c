"""Matching at scale: import N synthetic passages, then time and score 200 claims.

    python benchmarks/match_scale.py --passages 1000000
    python benchmarks/match_scale.py --passages 1000000 --db postgresql://postgres@/bench_scale

Builds a deterministic synthetic evidence store (about 35 words a passage, drawn from a
Zipf-distributed vocabulary), plants one noisy paraphrase of each of 200 claims among
them, imports the store through the product's own import path (JSONL files ->
``verify.evidence.ingest.import_paths``), then ranks every claim through the product's
matcher (``verify.match.rank.rank``) and prints: import rate and time, database size,
peak memory, median and p95 time for one claim's top 10, recall@10 of the planted
passage, and the same for brute-force rapidfuzz over every passage on a sample of the
claims, as the exact reference, and on every claim the matcher missed (which bounds how
far below brute force its recall can be).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rapidfuzz import fuzz, process
from sqlalchemy import func, select, text

from db.evidence import counts
from db.models import Claim
from db.session import Database, open_database
from verify.config import DEFAULT_SCALE
from verify.evidence.ingest import import_paths
from verify.evidence.search import search_evidence
from verify.match.rank import rank
from verify.services.article import import_article
from verify.services.review import record_verdict

CLAIMS = 200
DEMO_ARTICLE = Path(__file__).resolve().parent.parent / "verify" / "demo" / "data" / "article.txt"
RECORDS_PER_FILE = 125_000
SYLLABLES = (
    "ka ri to mu se na lo vi de pa ren sol mar tek bru fal gon ist ver dal "
    "qua zen hor lim bec nor tus ami ode yel"
).split()


def vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def zipf_sampler(rng: random.Random, vocab: list[str]):  # type: ignore[no-untyped-def]
    weights = [1.0 / (rank + 1) ** 1.05 for rank in range(len(vocab))]
    cumulative = []
    total = 0.0
    for w in weights:
        total += w
        cumulative.append(total)

    def sample(k: int) -> list[str]:
        return rng.choices(vocab, cum_weights=cumulative, k=k)

    return sample


def paraphrase(rng: random.Random, words: list[str], vocab: list[str]) -> str:
    """A noisy version: some words dropped, some replaced, a typo, local reordering."""
    out = []
    for word in words:
        roll = rng.random()
        if roll < 0.15:
            continue
        if roll < 0.25:
            out.append(rng.choice(vocab))
            continue
        if roll < 0.30 and len(word) > 4:
            i = rng.randrange(len(word) - 1)
            word = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        out.append(word)
    for _ in range(len(out) // 8):
        i = rng.randrange(max(1, len(out) - 1))
        out[i : i + 2] = reversed(out[i : i + 2])
    return " ".join(out[:20])


def build(folder: Path, n: int, seed: int) -> tuple[list[str], list[str]]:
    """Write the store as JSONL files; return the claims and their planted ids."""
    rng = random.Random(seed)
    vocab = vocabulary(rng, 30_000)
    sample = zipf_sampler(rng, vocab)
    planted_at = set(rng.sample(range(n), CLAIMS))
    claims: list[str] = []
    planted_ids: list[str] = []
    for first in range(0, n, RECORDS_PER_FILE):
        with open(folder / f"store-{first // RECORDS_PER_FILE:03d}.jsonl", "w") as handle:
            for i in range(first, min(n, first + RECORDS_PER_FILE)):
                words = sample(rng.randint(28, 42))
                record = {"id": f"P{i}", "text": " ".join(words).capitalize() + "."}
                if i in planted_at:
                    claims.append(paraphrase(rng, words, vocab))
                    planted_ids.append(f"P{i}")
                handle.write(json.dumps(record) + "\n")
    return claims, planted_ids


def peak_mb() -> float:
    """The larger of this process's peak and that of the import's read-ahead process."""
    return (
        max(
            resource.getrusage(who).ru_maxrss
            for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
        )
        / 1024
    )


def demo_claims(db: Database) -> list[int]:
    """Claims of the (fictional) demo article, stored for the analyst working alongside."""
    with db.read() as session:
        if not session.scalar(select(func.count()).select_from(Claim)):
            import_article(db, DEMO_ARTICLE)
        return list(session.scalars(select(Claim.id).order_by(Claim.id)))


def work_alongside(url: str, claim_ids: list[int], queries: list[str], stop: Any, out: Any) -> None:
    """Another analyst (a process of its own) during the import: a verdict, then a search
    for one of the benchmark's claims, every 50 ms; their times go to ``out``."""
    db = open_database(url)
    verdicts: list[float] = []
    searches: list[float] = []
    i = 0
    while not stop.is_set():
        t0 = time.perf_counter()
        record_verdict(db, claim_ids[i % len(claim_ids)], DEFAULT_SCALE[i % 5], "alongside")
        verdicts.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        search_evidence(db, queries[i % len(queries)], top_k=10, with_stance=False)
        searches.append(time.perf_counter() - t0)
        i += 1
        stop.wait(0.05)
    db.dispose()
    out.put((verdicts, searches))


class Alongside:
    """Runs :func:`work_alongside` for as long as the ``with`` block (the import)."""

    def __init__(self, url: str, claim_ids: list[int], queries: list[str]):
        context = multiprocessing.get_context("spawn")
        self._stop = context.Event()
        self._out = context.Queue()
        self._process = context.Process(
            target=work_alongside, args=(url, claim_ids, queries, self._stop, self._out)
        )
        self.verdicts: list[float] = []
        self.searches: list[float] = []

    def __enter__(self) -> Alongside:
        self._process.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self.verdicts, self.searches = self._out.get()
        self._process.join()

    def print(self) -> None:
        for name, times in (("verdict", self.verdicts), ("search", self.searches)):
            times = sorted(times)
            if not times:
                continue
            p95 = times[max(0, int(len(times) * 0.95) - 1)] * 1000
            print(
                f"during the import, another analyst's {name}: {len(times)} in all, median "
                f"{statistics.median(times) * 1000:.1f} ms, p95 {p95:.1f} ms, "
                f"worst {times[-1] * 1000:.1f} ms"
            )


def database_size(db: Database, db_path: Path) -> int:
    """Bytes on disk: the SQLite file with its WAL folded in, or PostgreSQL's database."""
    if db.dialect == "sqlite":
        with sqlite3.connect(db_path) as raw:  # fold the WAL in before measuring
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return sum(p.stat().st_size for p in db_path.parent.glob(db_path.name + "*"))
    with db.read() as session:
        return int(session.scalar(text("SELECT pg_database_size(current_database())")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument(
        "--brute-sample",
        type=int,
        default=5,
        help="claims checked by brute force (each scans every passage)",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="keep the SQLite database at this path")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="an empty database to import into instead of a new SQLite file "
        "(postgresql://user@host/bench_scale: create it first)",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        claims, planted = build(folder, args.passages, args.seed)
        print(f"generated {args.passages:,} passages in {time.perf_counter() - t0:.1f} s")
        db_path = args.keep or folder / "scale.db"
        db = open_database(args.db or f"sqlite:///{db_path}")
        with db.read() as session:
            if counts(session)["passages"]:
                sys.exit(f"{db.display_url} already holds passages: give an empty database")
        print(f"database: {db.dialect} ({db.display_url})")
        claim_ids = demo_claims(db)
        alongside = Alongside(db.url, claim_ids, claims)
        t0 = time.perf_counter()
        with alongside:
            report = import_paths(db, sorted(folder.glob("*.jsonl")))
        took = time.perf_counter() - t0
        print(
            f"import: {report.passages_added:,} passages in {took:.1f} s "
            f"({report.passages_added / took:,.0f} passages/s), index included"
        )
        print(f"database size: {database_size(db, db_path) / 2**20:,.0f} MiB")
        alongside.print()

        from db.models import Passage, Source

        times: list[float] = []
        hits = 0
        found_ids: list[list[str]] = []
        with db.read() as session:
            for claim, want in zip(claims, planted, strict=True):
                t0 = time.perf_counter()
                matches = rank(session, claim, top_k=10, with_stance=False)
                times.append(time.perf_counter() - t0)
                ext = [m.passage.external_id for m in matches]
                found_ids.append(ext)
                hits += want in ext
        times.sort()
        median = statistics.median(times) * 1000
        p95 = times[int(len(times) * 0.95) - 1] * 1000
        print(
            f"matcher: top 10 per claim median {median:.1f} ms, p95 {p95:.1f} ms, "
            f"mean {statistics.mean(times) * 1000:.1f} ms, worst {times[-1] * 1000:.1f} ms"
        )
        print(f"matcher: recall@10 {hits / len(claims):.3f} ({hits}/{len(claims)})")
        print(f"peak memory through import and matching: {peak_mb():,.0f} MiB")

        if args.brute_sample:
            with db.read() as session:
                rows = session.execute(
                    select(Source.external_id, Passage.text).join(
                        Passage, Passage.source_id == Source.id
                    )
                ).all()
            texts = [r[1] for r in rows]
            ids = [r[0] for r in rows]
            del rows

            def brute(claim: str) -> tuple[set[str], float]:
                t0 = time.perf_counter()
                top = process.extract(claim, texts, scorer=fuzz.token_set_ratio, limit=10)
                return {ids[i] for _, _, i in top}, time.perf_counter() - t0

            cases = list(zip(claims, planted, found_ids, strict=True))
            brute_hits = matcher_hits = 0
            brute_times = []
            for claim, want, ours in cases[: args.brute_sample]:
                top, took = brute(claim)
                brute_times.append(took)
                brute_hits += want in top
                matcher_hits += want in ours
            n = args.brute_sample
            brute_median = statistics.median(brute_times) * 1000
            print(
                f"brute force (token_set_ratio over every passage, {n} claims): "
                f"median {brute_median:.0f} ms per claim, recall@10 {brute_hits / n:.3f}; "
                f"matcher on the same claims {matcher_hits / n:.3f}"
            )
            print(f"speed-up of the matcher over brute force: {brute_median / median:,.0f}x")
            # Where the matcher misses, would the exact reference have found it? Brute
            # force over all 200 claims takes about 25 minutes at a million passages;
            # over the misses it settles the comparison in seconds.
            missed = [(claim, want) for claim, want, ours in cases if want not in ours]
            if missed:
                rescued = sum(want in brute(claim)[0] for claim, want in missed)
                claims_word = "claim" if len(missed) == 1 else "claims"
                print(
                    f"brute force on the {len(missed)} {claims_word} the matcher missed: found "
                    f"{rescued}; so the matcher's recall@10 is at most "
                    f"{rescued / len(cases):.3f} below brute force's"
                )
        print(f"peak memory with brute force's copy of every passage: {peak_mb():,.0f} MiB")
        db.dispose()


if __name__ == "__main__":
    main()
