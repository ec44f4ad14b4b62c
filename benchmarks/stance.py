"""Stance hint quality on public claim-evidence data labelled supports / refutes / NEI.

    python benchmarks/stance.py [--climate-fever PATH] [--fever-symmetric PATH] [--fm2 PATH]
                                [--covid-fact PATH] [--healthver PATH] [--only WORDS]
    python benchmarks/stance.py --fit        # refit the shipped judge (train and dev only)
    python benchmarks/stance.py --fit-grid   # dev figures for each regularisation strength

Data (read at run time, never committed; each PATH is a clone of the repository, its bare
git directory, or the one file). Every split is ``train`` (weights fitted), ``dev``
(thresholds and regularisation chosen; a hash of the claim puts 15% of a set's claims
there) or ``untouched`` (never fitted or chosen on):

- CLIMATE-FEVER (github.com/tdiggelm/climate-fever-dataset, ``dataset/climate-fever.jsonl``):
  1,535 real-world climate claims, five Wikipedia sentences each, every sentence labelled
  SUPPORTS / REFUTES / NOT_ENOUGH_INFO by annotators. Odd ``claim_id``: **untouched**;
  even: train and dev.
- Symmetric FEVER v0.2 (github.com/TalSchuster/FeverSymmetric, CC BY-SA 3.0): ``dev`` is
  dev, ``test`` is **untouched**.
- Fool Me Twice (github.com/google-research/fool-me-twice, ``dataset/dev.jsonl`` and
  ``test.jsonl``, gold evidence only): train and dev.
- FEVER (Thorne et al. 2018; CC BY-SA 3.0, from Wikipedia) claim-evidence pairs as the
  COVID-Fact authors ship them for RTE (github.com/asaakyan/covidfact,
  ``RTE-Fever/processed/dev.*``: 13,332 pairs, SUPPORTS as entailment, REFUTES as not):
  train and dev, less every pair whose claim or evidence Symmetric FEVER holds (it was
  made from FEVER's dev claims).
- COVID-Fact (same repository, ``COVIDFACT_dataset.jsonl``): 4,086 real and counter-claims
  about COVID-19 with their evidence sentences: **untouched** (its terms are not stated,
  so nothing shipped is derived from it).
- HealthVer (github.com/sarrouti/HealthVer, ``data/healthver_test.csv``): 1,823 real
  health claims against passages of scientific papers, labelled Supports / Refutes /
  Neutral: **untouched** (terms not stated; evaluation only).

Without a PATH each is looked for in ``$VERIFY_MIRROR`` (default ``/work/.mirror``) as
``owner+name/repo``. A data set that cannot be found is skipped with a line saying so.

Our own cases (:func:`own_cases`, the demo's annotated passages) are always scored too.

Per split it prints, over the supporting and refuting pairs: the accuracy of the hints
given, the accuracy when "no hint" is read as "supports", and, in the same run, the
always-"supports" baseline; over every pair (NEI included, where a hint is wrong): the
precision and recall of "contradicts" and of "supports", coverage (how often a hint is
given at all), the precision and recall of "contradicts" over the supporting and
refuting pairs alone, and the precision of each hint at each confidence level, so a
threshold can be read off. It also times the judge alone.
"""

from __future__ import annotations

import argparse
import csv
import io
import itertools
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from db import claims as claim_db
from verify.match import nli
from verify.match.stance import Stance, stance_hint

ROOT = Path(__file__).resolve().parent.parent
MIRROR = Path(os.environ.get("VERIFY_MIRROR", "/work/.mirror"))
LABELS = {"SUPPORTS": "supports", "REFUTES": "refutes", "NOT_ENOUGH_INFO": "nei"}
LEVELS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 1.01)


@dataclass(frozen=True)
class Pair:
    claim: str
    evidence: str
    label: str  # supports | refutes | nei
    group: str  # the claim, so a claim's pairs stay in one split


def read_text(location: Path, inner: str) -> str:
    """``inner`` of a repository at ``location`` (clone, bare git directory or the file)."""
    if location.is_file():
        return location.read_text(encoding="utf-8")
    if (location / inner).is_file():
        return (location / inner).read_text(encoding="utf-8")
    done = subprocess.run(
        ["git", "--git-dir", str(location), "show", f"HEAD:{inner}"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise FileNotFoundError(f"{location}: no {inner} ({done.stderr.strip()})")
    return done.stdout


def jsonl(text: str) -> Iterable[dict]:
    return (json.loads(line) for line in text.splitlines() if line.strip())


DEV_SHARE = 15
"""Percent of each training set's claims held out (by a hash of the claim) as its dev
split, on which the thresholds and the regularisation are chosen."""


def _part(group: str) -> str:
    return "dev" if zlib.crc32(group.encode("utf-8")) % 100 < DEV_SHARE else "train"


_FEVER_TOKENS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-COLON-": ":"}
_FEVER_SPACING = re.compile(r" ([,.;:)\]'%])|([(\[$]) |`` ?| ?''")


def fever_text(text: str) -> str:
    """FEVER's tokenised Wikipedia text ("-LRB- born 1964 -RRB- ,") as plain text."""
    for token, plain in _FEVER_TOKENS.items():
        text = text.replace(token, plain).replace(token.lower(), plain)
    return _FEVER_SPACING.sub(lambda m: m.group(1) or m.group(2) or '"', text).strip()


def climate_fever(location: Path) -> dict[str, list[Pair]]:
    """Every labelled sentence: odd claim ids untouched, even ones train and dev."""
    splits: dict[str, list[Pair]] = {
        "climate-fever train": [],
        "climate-fever dev": [],
        "climate-fever untouched": [],
    }
    for row in jsonl(read_text(location, "dataset/climate-fever.jsonl")):
        part = "untouched" if int(row["claim_id"]) % 2 else _part(row["claim_id"])
        for ev in row["evidences"]:
            pair = Pair(row["claim"], ev["evidence"], LABELS[ev["evidence_label"]], row["claim_id"])
            splits[f"climate-fever {part}"].append(pair)
    return splits


def fever_symmetric(location: Path) -> dict[str, list[Pair]]:
    out = {}
    for part, name in (("dev", "fever-symmetric dev"), ("test", "fever-symmetric untouched")):
        text = read_text(location, f"symmetric_v0.2/fever_symmetric_{part}.jsonl")
        out[name] = [
            Pair(fever_text(r["claim"]), fever_text(r["evidence"]), LABELS[r["label"]], r["id"])
            for r in jsonl(text)
        ]
    return out


def fool_me_twice(location: Path) -> dict[str, list[Pair]]:
    splits: dict[str, list[Pair]] = {"fool-me-twice train": [], "fool-me-twice dev": []}
    for part in ("dev", "test"):
        for r in jsonl(read_text(location, f"dataset/{part}.jsonl")):
            evidence = " ".join(e["text"] for e in r["gold_evidence"])
            pair = Pair(r["text"], evidence, LABELS[r["label"]], r["id"])
            splits[f"fool-me-twice {_part(r['text'])}"].append(pair)
    return splits


def covid_fact(location: Path) -> dict[str, list[Pair]]:
    """COVID-Fact's claims and counter-claims with their evidence sentences (untouched),
    and the FEVER claim-evidence pairs its authors ship for RTE (``RTE-Fever/processed/
    dev.*``: SUPPORTS pairs as entailment, REFUTES as not), for training."""
    untouched = []
    for r in jsonl(read_text(location, "COVIDFACT_dataset.jsonl")):
        label = "supports" if r["label"] == "SUPPORTED" else "refutes"
        untouched.append(Pair(r["claim"], " ".join(r["evidence"]), label, r["claim"]))
    base = "RTE-Fever/processed/dev"
    evidence = read_text(location, f"{base}.raw.input0").splitlines()
    claims = read_text(location, f"{base}.raw.input1").splitlines()
    labels = read_text(location, f"{base}.label").splitlines()
    fever: dict[str, list[Pair]] = {"fever train": [], "fever dev": []}
    for claim, passage, label in zip(claims, evidence, labels, strict=True):
        pair = Pair(
            fever_text(claim),
            fever_text(passage),
            "supports" if label == "entailment" else "refutes",
            claim,
        )
        fever[f"fever {_part(claim)}"].append(pair)
    return {**fever, "covid-fact untouched": untouched}


def healthver(location: Path) -> dict[str, list[Pair]]:
    """HealthVer's test split: real health claims against scientific abstracts' passages."""
    labels = {"Supports": "supports", "Refutes": "refutes", "Neutral": "nei"}
    text = read_text(location, "data/healthver_test.csv")
    rows = csv.DictReader(io.StringIO(text))
    return {
        "healthver untouched": [
            Pair(r["claim"].strip(), r["evidence"], labels[r["label"]], r["claim"]) for r in rows
        ]
    }


def own_cases() -> dict[str, list[Pair]]:
    """Our own cases, written for this project: the demo's annotated passages
    (``tests/data/demo_expected.json``: for each claim, passages that support it, that
    contradict it, and distractors, read as not enough information), with the claims as
    the demo extracts them. Reported, never fitted or chosen on."""
    from sqlmodel import select

    from db.models import Passage
    from db.session import open_database
    from verify.demo import load_demo

    expected = json.loads((ROOT / "tests" / "data" / "demo_expected.json").read_text())
    pairs = []
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{Path(tmp) / 'own.db'}")
        load_demo(db)
        with db.read() as session:
            claims = [c.text for c in claim_db.claims(session)]
            passages = list(session.exec(select(Passage.text)))
        db.dispose()
    kinds = (("supports", "supports"), ("contradicts", "refutes"), ("distractors", "nei"))
    for case in expected["claims"]:
        claim = next((c for c in claims if case["claim_contains"] in c), None)
        for key, label in kinds:
            for words in case.get(key, []) if claim else []:
                passage = next((p for p in passages if words in p), None)
                if claim and passage:
                    pairs.append(Pair(claim, passage, label, claim))
    return {"own cases (demo, annotated) untouched": pairs}


SOURCES: dict[str, tuple[str, Callable[[Path], dict[str, list[Pair]]]]] = {
    "climate_fever": ("tdiggelm+climate-fever-dataset", climate_fever),
    "fever_symmetric": ("TalSchuster+FeverSymmetric", fever_symmetric),
    "fm2": ("google-research+fool-me-twice", fool_me_twice),
    "covid_fact": ("asaakyan+covidfact", covid_fact),
    "healthver": ("sarrouti+HealthVer", healthver),
}


def _key(text: str) -> str:
    return re.sub(r"\W+", "", text.lower())[:80]


def _without_symmetric(splits: dict[str, list[Pair]]) -> None:
    """Symmetric FEVER was made from FEVER's dev claims: FEVER pairs whose claim or
    evidence it holds are dropped from training, so its test split stays untouched."""
    held = {
        _key(text)
        for name, pairs in splits.items()
        if name.startswith("fever-symmetric")
        for p in pairs
        for text in (p.claim, p.evidence)
    }
    for name in ("fever train", "fever dev"):
        if name in splits:
            splits[name] = [
                p
                for p in splits[name]
                if _key(p.claim) not in held and _key(p.evidence) not in held
            ]


def load(args: argparse.Namespace) -> dict[str, list[Pair]]:
    splits: dict[str, list[Pair]] = {}
    for key, (mirrored, reader) in SOURCES.items():
        location = getattr(args, key) or MIRROR / mirrored / "repo"
        try:
            splits.update(reader(Path(location)))
        except (FileNotFoundError, NotADirectoryError) as error:
            print(f"skipped {key}: {error}")
    if "fever train" in splits and "fever-symmetric untouched" not in splits:
        print(
            "skipped FEVER training pairs: Symmetric FEVER, which they must not overlap, is missing"
        )
        splits.pop("fever train", None)
        splits.pop("fever dev", None)
    _without_symmetric(splits)
    return splits


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "  -  "


def score(name: str, pairs: Sequence[Pair], hints: Sequence[Stance]) -> None:
    """Print the figures for one split (see the module docstring)."""
    labels = Counter(p.label for p in pairs)
    decisive = [(p, h) for p, h in zip(pairs, hints, strict=True) if p.label != "nei"]
    hinted = [(p, h) for p, h in decisive if h.hint != "none"]
    right = sum(1 for p, h in hinted if (h.hint == "supports") == (p.label == "supports"))
    read_as_supports = sum(
        1 for p, h in decisive if ("refutes" if h.hint == "contradicts" else "supports") == p.label
    )
    given = sum(1 for h in hints if h.hint != "none")
    print(
        f"{name}: {len(pairs)} pairs ({labels['supports']} supports, {labels['refutes']} "
        f"refutes, {labels['nei']} NEI); coverage {ratio(given, len(pairs))}"
    )
    print(
        f"  S+R pairs: hint accuracy {ratio(right, len(hinted))} on {len(hinted)} hinted; "
        f"no hint read as supports {ratio(read_as_supports, len(decisive))}; "
        f"always-supports {ratio(labels['supports'], len(decisive))}"
    )
    for hint, label in (("contradicts", "refutes"), ("supports", "supports")):
        said = [p for p, h in zip(pairs, hints, strict=True) if h.hint == hint]
        hits = sum(1 for p in said if p.label == label)
        baseline = (
            f"; always-supports precision {ratio(labels['supports'], len(pairs))} recall 1.000"
            if hint == "supports"
            else ""
        )
        print(
            f"  {hint:<11} precision {ratio(hits, len(said))} recall "
            f"{ratio(hits, labels[label])} ({len(said)} given){baseline}"
        )
    said = [p for p, h in decisive if h.hint == "contradicts"]
    hits = sum(1 for p in said if p.label == "refutes")
    print(
        f"  contradicts on S+R pairs only: precision {ratio(hits, len(said))} "
        f"recall {ratio(hits, labels['refutes'])} ({len(said)} given)"
    )
    for hint, label in (("contradicts", "refutes"), ("supports", "supports")):
        cells = []
        for low, high in itertools.pairwise(LEVELS):
            said = [
                p
                for p, h in zip(pairs, hints, strict=True)
                if h.hint == hint and low <= h.confidence < high
            ]
            hits = sum(1 for p in said if p.label == label)
            cells.append(f"{low:.2f}+ {ratio(hits, len(said))} ({len(said)})")
        print(f"  {hint:<11} precision by confidence: " + "  ".join(cells))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    for key in SOURCES:
        parser.add_argument(f"--{key.replace('_', '-')}", type=Path, default=None)
    parser.add_argument("--only", help="score only splits whose name contains this")
    parser.add_argument("--fit", action="store_true", help="refit the shipped classifier")
    parser.add_argument("--fit-grid", action="store_true", help="dev figures per C, no write")
    parser.add_argument(
        "--fit-nli", action="store_true", help="choose the contradiction model's thresholds"
    )
    parser.add_argument(
        "--signals-only",
        action="store_true",
        help="the signal judge alone, as without the nli extra (VERIFY_NLI=0)",
    )
    args = parser.parse_args(argv)
    splits = load(args)
    tuning = {k: v for k, v in splits.items() if "untouched" not in k}
    if args.fit or args.fit_grid:
        from stance_fit import fit  # a sibling script

        fit(tuning, grid=args.fit_grid)
        return 0
    if args.fit_nli:
        from stance_fit import fit_nli

        fit_nli(tuning)
        return 0
    if not splits:
        print("no public data found (see the module docstring): scoring our own cases only")
    splits.update(own_cases())  # scored, never fitted on
    if args.signals_only:
        os.environ[nli.ENV] = "0"
    print(
        "judge: signals and the inference model (nli extra)"
        if nli.enabled()
        else "judge: signals only (no nli extra, or VERIFY_NLI=0)"
    )
    total = 0
    elapsed = 0.0
    for name, pairs in splits.items():
        if not pairs or (args.only and args.only not in name):
            continue
        start = time.perf_counter()
        hints = [stance_hint(p.claim, p.evidence) for p in pairs]
        elapsed += time.perf_counter() - start
        total += len(pairs)
        score(name + ("" if "untouched" in name else " (tuned on)"), pairs, hints)
    if total:
        print(f"judge: {total} pairs in {elapsed:.2f} s, {1000 * elapsed / total:.2f} ms a pair")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
