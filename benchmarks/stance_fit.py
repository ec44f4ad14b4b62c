"""Fit the stance judge's weights and thresholds on the tuning splits only.

Run through ``python benchmarks/stance.py --fit``. Writes
``verify/match/stance_model.json``: a multinomial logistic regression over the judge's
signals (:data:`verify.match.stance.SIGNALS`) with balanced class weights and an L2
penalty, fitted by plain gradient descent (no numpy needed), and the probability each
hint needs, chosen on the tuning splits pooled: the lowest that keeps the hint's
precision there at :data:`TARGET` or more over at least :data:`MIN_GIVEN` hints; then
the lower bar for "contradicts" beside a strong close signal (see
:data:`verify.match.stance.CLOSE_SIGNAL`), the lowest that keeps every "contradicts"
on the pooled tuning splits right 70% of the time.
"""

from __future__ import annotations

import json
import math
import random
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from verify.match.stance import CLASSES, MIN_OVERLAP, SIGNALS, Model, judge, signals

OUT = Path(__file__).resolve().parent.parent / "verify" / "match" / "stance_model.json"
TARGET = {"contradicts": 0.72, "supports": 0.80, "close": 0.70}
MIN_GIVEN = 25
L2 = 1e-3
EPOCHS = 400
RATE = 0.05


def fit_weights(rows: Sequence[tuple[list[float], int]]) -> dict[str, list[float]]:
    """Softmax regression with Adam; each row is (signal values, class index)."""
    k, d = len(CLASSES), len(SIGNALS) + 1
    counts = Counter(y for _, y in rows)
    balance = {c: len(rows) / (k * n) for c, n in counts.items()}
    w = [[0.0] * d for _ in range(k)]
    m = [[0.0] * d for _ in range(k)]
    v = [[0.0] * d for _ in range(k)]
    data = [([*x, 1.0], y) for x, y in rows]
    for step in range(1, EPOCHS + 1):
        grad = [[0.0] * d for _ in range(k)]
        for x, y in data:
            logits = [sum(wi * xi for wi, xi in zip(w[c], x, strict=True)) for c in range(k)]
            top = max(logits)
            exp = [math.exp(z - top) for z in logits]
            total = sum(exp)
            weight = balance[y]
            for c in range(k):
                err = (exp[c] / total - (1.0 if c == y else 0.0)) * weight
                row = grad[c]
                for j in range(d):
                    row[j] += err * x[j]
        for c in range(k):
            for j in range(d):
                g = grad[c][j] / len(data) + (L2 * w[c][j] if j < d - 1 else 0.0)
                m[c][j] = 0.9 * m[c][j] + 0.1 * g
                v[c][j] = 0.999 * v[c][j] + 0.001 * g * g
                mh, vh = m[c][j] / (1 - 0.9**step), v[c][j] / (1 - 0.999**step)
                w[c][j] -= RATE * mh / (math.sqrt(vh) + 1e-8)
    return {c: [round(x, 4) for x in w[i]] for i, c in enumerate(CLASSES)}


def choose_threshold(hint: str, scored: Sequence[tuple[float, str]]) -> float:
    """The lowest probability whose hints reach the target precision (see module doc)."""
    label = "refutes" if hint == "contradicts" else "supports"
    best = 0.99
    for t in [x / 100 for x in range(34, 100)]:
        given = [lab for p, lab in scored if p >= t]
        if (
            len(given) >= MIN_GIVEN
            and sum(lab == label for lab in given) / len(given) >= TARGET[hint]
        ):
            best = t
            break
    return best


def fit(splits: dict[str, Sequence]) -> None:
    random.seed(0)
    found = {
        name: [(signals(p.claim, p.evidence), p.label) for p in pairs]
        for name, pairs in splits.items()
    }
    rows = [
        ([s.values[k] for k in SIGNALS], CLASSES.index(label))
        for pairs in found.values()
        for s, label in pairs
        if s.values["overlap"] >= MIN_OVERLAP
    ]
    print(f"fitting on {len(rows)} pairs from {', '.join(found)}")
    weights = fit_weights(rows)
    trial = Model(weights, {"contradicts": 2.0, "supports": 2.0})
    chosen = [x for pairs in found.values() for x in pairs]
    thresholds = {}
    for hint, cls in (("contradicts", "refutes"), ("supports", "supports")):
        scored = [
            (trial.probabilities(s.values)[cls], label)
            for s, label in chosen
            if s.values["overlap"] >= MIN_OVERLAP
        ]
        thresholds[hint] = choose_threshold(hint, scored)
    thresholds["contradicts_close"] = thresholds["contradicts"]
    for t in [x / 100 for x in range(40, int(100 * thresholds["contradicts"]))]:
        candidate = Model(weights, {**thresholds, "contradicts_close": t})
        said = [label for s, label in chosen if judge(s, candidate).hint == "contradicts"]
        if said and sum(lab == "refutes" for lab in said) / len(said) >= TARGET["close"]:
            thresholds["contradicts_close"] = t
            break
    print("thresholds", thresholds)
    final = Model(weights, thresholds)
    for name, pairs in found.items():
        hints = Counter((judge(s, final).hint, label) for s, label in pairs)
        print(name, dict(hints))
    OUT.write_text(
        json.dumps(
            {
                "signals": list(SIGNALS),
                "classes": list(CLASSES),
                "weights": weights,
                "thresholds": thresholds,
                "fitted_on": sorted(found),
            },
            indent=1,
        )
        + "\n"
    )
    print(f"wrote {OUT}")
