"""Train the shipped check-worthiness model (verify/extract/checkworthiness.json).

    python benchmarks/train_checkworthiness.py            # train on all of train/, write
    python benchmarks/train_checkworthiness.py --tune     # fit on train minus DEV, print DEV
    python benchmarks/train_checkworthiness.py --without-dev   # write that model, to try
                                                  # the product on DEV (then train again)

Needs scikit-learn (the ``bench`` extra); the product reads the weights with plain Python.
Data: CLEF CheckThat! 2019 Task 1 debates, ``train/`` only (free for general research use;
apepa/clef2019-factchecking-task1), from ../shared/eval at run time. The test split is
never read here.

Each sentence is featurised as the product does it (:mod:`verify.extract.worthiness`,
:func:`verify.extract.speech.contexts`, hosts from :func:`verify.extract.hosts.find_hosts`);
a logistic regression with balanced class weights is fitted on the hashed features.
``--tune`` prints the held-out DEV transcripts' MAP (beside the digit-and-length
heuristic) for each regularisation strength, and the recall of check-worthy sentences
and share of sentences kept at the claim thresholds of :mod:`verify.extract.speech`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import debates

from verify.extract import speech, worthiness

C = 0.03  # tuned on DEV: 0.01 0.2162, 0.03 0.2163, 0.1 0.2128, 0.3 0.1949, 1 0.1736


def matrix(rows: list[list[str]]):
    import numpy as np
    from scipy import sparse

    r, c = [], []
    for i, names in enumerate(rows):
        for b in worthiness.buckets(names):
            r.append(i)
            c.append(b)
    return sparse.csr_matrix((np.ones(len(r)), (r, c)), shape=(len(rows), 1 << worthiness.BITS))


def fit(files: dict[str, list[debates.Line]], c: float):
    from sklearn.linear_model import LogisticRegression

    rows = [x for lines in files.values() for x in debates.featurise(lines)]
    y = [int(line.worthy) for line, *_ in rows]
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=3000)
    return model.fit(matrix([names for _, names, *_ in rows]), y)


def payload(model, c: float) -> dict:
    """The model in its shipped form (``verify/extract/checkworthiness.json``)."""
    return {
        "about": "check-worthiness, logistic regression over hashed features; trained by "
        "benchmarks/train_checkworthiness.py on CLEF CheckThat! 2019 Task 1 train/ "
        "(apepa/clef2019-factchecking-task1; free for general research use)",
        "bits": worthiness.BITS,
        "C": c,
        "bias": float(model.intercept_[0]),
        "weights": worthiness.encode_weights(float(w) for w in model.coef_[0]),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tune", action="store_true", help="fit on train minus DEV, print DEV")
    parser.add_argument(
        "--without-dev",
        action="store_true",
        help="write a model fitted on train minus DEV (to tune on DEV through the product; "
        "train again without this flag before shipping)",
    )
    parser.add_argument("--data", type=Path, default=debates.DATA)
    parser.add_argument("-C", type=float, nargs="*", default=[C])
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    if args.tune:
        return tune(args.data, args.C)
    model = fit(debates.debates("fit" if args.without_dev else "train", args.data), args.C[0])
    out = Path(worthiness.__file__).with_name(worthiness.MODEL_FILE)
    out.write_text(json.dumps(payload(model, args.C[0])) + "\n")
    print(f"wrote {out} ({out.stat().st_size // 1024} KB)")
    return 0


def tune(data: Path, strengths: list[float]) -> int:
    dev = debates.debates("dev", data)
    fitting = debates.debates("fit", data)
    featurised = {name: debates.featurise(lines) for name, lines in dev.items()}
    for c in strengths:
        model = fit(fitting, c)
        aps, base = [], []
        kept = {k: [0, 0, 0, 0] for k in (0.08, 0.1, 0.11, 0.12, 0.13, 0.14)}  # worthy kept/all
        host_kept = {k: [0, 0] for k in (0.2, 0.3, 0.4, 0.5)}
        for name, rows in featurised.items():
            lines = [line for line, *_ in rows]
            p = model.predict_proba(matrix([n for _, n, *_ in rows]))[:, 1]
            order = sorted(range(len(rows)), key=lambda i: -p[i])
            relevant = sum(line.worthy for line in lines)
            aps.append(debates.average_precision([lines[i].worthy for i in order], relevant))
            sentences = [line.sentence for line in lines]
            heur = debates.digits_then_length(sentences)
            base.append(debates.average_precision([lines[i].worthy for i in heur], relevant))
            for i, (line, _, context, _) in enumerate(rows):
                host = context.host
                talk = speech.is_talk(line.sentence)
                for k, counts in kept.items():
                    keep = not talk and not host and p[i] >= k
                    counts[0] += keep and line.worthy
                    counts[1] += line.worthy
                    counts[2] += keep
                    counts[3] += 1
                if host:
                    for k, counts in host_kept.items():
                        counts[0] += (not talk) and p[i] >= k
                        counts[1] += 1
            print(f"  {name:32s} AP {aps[-1]:.3f}  heuristic {base[-1]:.3f}")
        print(
            f"C={c}: DEV MAP {statistics.mean(aps):.4f}  "
            f"digit-and-length heuristic {statistics.mean(base):.4f}"
        )
        for k, (hit, worthy, keep, total) in kept.items():
            print(
                f"  KEEP {k:.2f}: recall of check-worthy {hit / worthy:.3f}, "
                f"sentences kept {keep / total:.3f}"
            )
        for k, (keep, total) in host_kept.items():
            print(f"  HOST_KEEP {k:.2f}: host sentences kept {keep}/{total}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
