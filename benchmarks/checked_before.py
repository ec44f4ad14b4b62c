"""Checked before: how often the right earlier fact-check shows, how often a claim never
checked stays clean, and what the lookup costs at 100,000 archived fact-checks.

    python benchmarks/checked_before.py ../shared/eval/clef2020-task2-en

Quality, on CLEF CheckThat! 2020 Task 2 (English): the verified claims are the archive,
the tweets the claims asked about. To have claims that were never checked, half of each
split's tweets (a fixed seed) have their verified claims taken out of the archive; any
match shown for them is a false alarm. The archive is written at run time as JSONL (the
claim, its title and id; the data set has no ratings, so every rating reads "not
given") and imported with ``verify factchecks add``'s own path. For each tweet the
product's best checked-before candidate is taken (:mod:`verify.match.checked`), and at
each threshold the script prints:

- precision: of the tweets shown a match, the share whose match is a right one;
- recall: of the tweets that were checked, the share shown a right match;
- clean: of the tweets never checked, the share shown nothing;

for the product and for the baseline, rapidfuzz ``token_set_ratio`` of the tweet with
each archived claim and title (its best one), computed in the same run. Two choices are
printed for each split: the threshold with the best F1, and the lowest threshold at
which at least 90% of the never-checked tweets stay clean (the rule the product follows:
a false "checked before" costs an analyst more than a missed one).
``verify.match.checked.THRESHOLD`` is the train split's choice by that rule; the dev
split is the one reported (never tuned on).

Speed: a synthetic archive of ``--archive`` fact-checks (Zipf-distributed made-up words,
as ``benchmarks/match_scale.py`` makes passages) is imported, then an article of about
30 claims drawn from the same words; the script prints the time of the checked-before
lookup for all its claims on SQLite (the part an article import adds).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checkthat import load_split, read_tsv
from match_scale import vocabulary, zipf_sampler
from rapidfuzz import fuzz, process, utils

from db.claims import claims as claim_rows
from db.session import Database, open_database
from verify.match.checked import THRESHOLD, candidates, checked_before, refresh_checked
from verify.services.article import import_article
from verify.services.factchecks import add_factchecks
from verify.text import normalise

SEED = 20_26
THRESHOLDS = range(30, 100)
SHOWN = 5  # print every fifth threshold (and the product's)
CLEAN = 0.9

Best = tuple[str | None, float]
"""A tweet's best candidate: its archive id (None: no candidate) and its score."""


def archive_file(folder: Path, rows: list[list[str]], leave_out: set[str]) -> Path:
    path = folder / "archive.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for vid, claim, title in (row[:3] for row in rows):
            if vid not in leave_out and claim.strip():
                record = {"id": vid, "claim": claim, "title": title, "rating": "not given"}
                out.write(json.dumps(record) + "\n")
    return path


def product(db: Database, texts: list[str]) -> list[Best]:
    ids: dict[int, str] = {}
    with db.read() as session:
        for fid, external in session.connection().exec_driver_sql(
            "SELECT id, external_id FROM factcheck"
        ):
            ids[int(fid)] = external
        out: list[Best] = []
        for text in texts:
            found = candidates(session, text)
            best = found[0] if found else None
            if best is None or best.factcheck_id is None:
                out.append((None, 0.0))
            else:
                out.append((ids[best.factcheck_id], best.score))
    return out


def baseline(rows: list[list[str]], leave_out: set[str]) -> Callable[[str], Best]:
    kept = [row for row in rows if row[0] not in leave_out]
    docs = [utils.default_process(f"{row[1]} {row[2]}") for row in kept]

    def best(text: str) -> Best:
        found = process.extractOne(
            utils.default_process(normalise(text)),
            docs,
            scorer=fuzz.token_set_ratio,
            processor=None,
        )
        return (kept[found[2]][0], float(found[1])) if found else (None, 0.0)

    return best


def curve(
    best: list[Best], relevant: list[set[str]], never: list[bool], thresholds: range
) -> list[tuple[float, float, float, float]]:
    """(threshold, precision, recall, clean) at each threshold."""
    checked = sum(not n for n in never)
    out = []
    for t in thresholds:
        shown = [(b, r) for b, r in zip(best, relevant, strict=True) if b[0] and b[1] >= t]
        right = sum(1 for (vid, _), r in shown if vid in r)
        clean = sum(1 for b, n in zip(best, never, strict=True) if n and not (b[0] and b[1] >= t))
        precision = right / len(shown) if shown else 1.0
        out.append((t, precision, right / checked, clean / (len(never) - checked)))
    return out


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def quality(data: Path, split: str, folder: Path) -> None:
    queries, qrels = load_split(data / split)
    rows = read_tsv(data / "verified_claims.docs.tsv")[1:]
    asked = sorted(q for q in queries if qrels.get(q))
    never = set(random.Random(SEED).sample(asked, len(asked) // 2))
    leave_out = set().union(*(qrels[q] for q in never))
    db = open_database(f"sqlite:///{folder / f'{split}.db'}")
    t0 = time.perf_counter()
    report = add_factchecks(db, [archive_file(folder, rows, leave_out)], refresh=False)
    print(
        f"\n{split}: {len(asked)} tweets, {len(never)} never checked; "
        f"{report.added} fact-checks imported in {time.perf_counter() - t0:.1f} s"
    )
    texts = [queries[q] for q in asked]
    relevant = [qrels[q] for q in asked]
    is_never = [q in never for q in asked]
    t0 = time.perf_counter()
    ours = product(db, texts)
    took = time.perf_counter() - t0
    db.dispose()
    reference = baseline(rows, leave_out)
    theirs = [reference(t) for t in texts]
    print(f"{'threshold':>9}  {'product P / R / clean':>24}  {'token_set_ratio P / R / clean':>30}")
    curves = {
        "product": curve(ours, relevant, is_never, THRESHOLDS),
        "token_set_ratio": curve(theirs, relevant, is_never, THRESHOLDS),
    }
    for a, b in zip(curves["product"], curves["token_set_ratio"], strict=True):
        if a[0] % SHOWN and a[0] != THRESHOLD:
            continue
        mark = " <- THRESHOLD" if a[0] == THRESHOLD else ""
        print(
            f"{a[0]:>9g}  {a[1]:>8.3f} {a[2]:>6.3f} {a[3]:>6.3f}"
            f"  {b[1]:>14.3f} {b[2]:>6.3f} {b[3]:>6.3f}{mark}"
        )
    for name, rows in curves.items():
        t, p, r, c = max(rows, key=lambda row: f1(row[1], row[2]))
        print(
            f"{split} {name}: best F1 {f1(p, r):.3f} at {t:g} (P {p:.3f} R {r:.3f} clean {c:.3f})"
        )
        t, p, r, c = next((row for row in rows if row[3] >= CLEAN), rows[-1])
        print(f"{split} {name}: {CLEAN:.0%} clean from {t:g} (P {p:.3f} R {r:.3f} clean {c:.3f})")
    print(f"product lookup: {len(texts) / took:.0f} tweets a second")


def synthetic_speed(archive: int, folder: Path) -> None:
    rng = random.Random(SEED)
    vocab = vocabulary(rng, 20_000)
    sample = zipf_sampler(rng, vocab)
    path = folder / "synthetic.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(archive):
            words = sample(rng.randint(10, 22))
            record = {
                "claim": " ".join(words).capitalize() + ".",
                "rating": rng.choice(("False", "Mostly false", "True", "Misleading")),
                "date": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "publisher": f"Desk {i % 40}",
                "url": f"https://checks.example/{i}",
            }
            out.write(json.dumps(record) + "\n")
    db = open_database(f"sqlite:///{folder / 'speed.db'}")
    t0 = time.perf_counter()
    report = add_factchecks(db, [path], refresh=False)
    print(
        f"\nspeed: {report.added:,} synthetic fact-checks imported in "
        f"{time.perf_counter() - t0:.1f} s"
    )
    names = ("Ana Berg", "Olof Strand", "Mira Holm", "Jon Eik", "Sara Lind", "Per Dahl")
    sentences = [
        f"{rng.choice(names)} said that {' '.join(sample(rng.randint(8, 16)))} "
        f"rose to {rng.randint(2, 99)} percent in {rng.randint(2015, 2026)}."
        for _ in range(36)
    ]
    article = folder / "article.txt"
    article.write_text("A synthetic article\n\n" + "\n\n".join(sentences) + "\n", encoding="utf-8")
    imported = import_article(db, article, match=False)
    with db.read() as session:
        claims = [c.text for c in claim_rows(session, article_id=imported.article_id)]
    lookups, refreshes = [], []
    for _ in range(3):
        t0 = time.perf_counter()
        with db.read() as session:
            for text in claims:
                checked_before(session, text, imported.article_id)
        lookups.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        refresh_checked(db, article_id=imported.article_id)
        refreshes.append(time.perf_counter() - t0)
    print(
        f"checked-before lookup for an article of {imported.claims} claims against "
        f"{report.added:,} fact-checks (SQLite): median {statistics.median(lookups):.2f} s "
        f"of 3 runs (target: under 1 s; what an import adds, as match_claims stores the "
        f"matches with the evidence links); alone with a write per claim "
        f"(archive add, verify match): {statistics.median(refreshes):.2f} s"
    )
    db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="folder with train/, dev/ and the claims TSV")
    parser.add_argument("--archive", type=int, default=100_000, help="synthetic fact-checks")
    parser.add_argument("--splits", nargs="*", default=["train", "dev"], metavar="SPLIT")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for split in args.splits:
            quality(args.data, split, Path(tmp))
        if args.splits:
            print(f"verify.match.checked.THRESHOLD = {THRESHOLD:g} (chosen on train)")
        if args.archive:
            synthetic_speed(args.archive, Path(tmp))


if __name__ == "__main__":
    main()
