"""Fit the stance judge on the training splits and choose its thresholds on the dev splits.

Run through ``python benchmarks/stance.py --fit`` (``--fit-grid`` first prints, for each
regularisation strength, what the dev splits say). Needs scikit-learn and numpy (the
``bench`` extra); the product reads the weights with plain Python.

Writes ``verify/match/stance_model.json``: a multinomial logistic regression over
supports / refutes / not enough information, whose inputs are the judge's measured
signals (:data:`verify.match.stance.SIGNALS`) and its hashed word features
(:func:`verify.match.stance.word_features`, ``2**BITS`` buckets, weights as float16),
fitted with balanced class weights on the ``train`` splits only. Then, on the ``dev``
splits pooled (never fitted on), the probability each hint needs: the lowest whose
hints there are right at :data:`TARGET` or more, over at least :data:`MIN_GIVEN` hints.
The untouched splits are never read here.

``fit_nli`` (``benchmarks/stance.py --fit-nli``) chooses, on the dev splits only, when the
inference model's reading makes a "contradicts" hint, and writes
``verify/match/stance_nli.json``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from verify.extract.worthiness import BITS, buckets, encode_weights
from verify.match import nli
from verify.match.stance import (
    CLASSES,
    MIN_OVERLAP,
    SIGNALS,
    Model,
    Signals,
    judge,
    readings,
    signals,
)

OUT = Path(__file__).resolve().parent.parent / "verify" / "match" / "stance_model.json"
NLI_OUT = OUT.with_name(nli.WEIGHING_FILE)
ALONE = (0.9, 0.93, 0.95, 0.97, 0.98, 0.99, 0.995)
WITH_SIGNALS = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95)
TARGET = {"contradicts": 0.75, "supports": 0.80}
"""The dev precision each hint must reach: a wrong "contradicts" costs most."""
MIN_GIVEN = 25
C = 0.3
"""Inverse regularisation strength, chosen on the dev splits (``--fit-grid``)."""
GRID = (0.1, 0.3, 1.0)


def _matrix(found: Sequence[Signals]):
    import numpy as np
    from scipy import sparse

    rows, cols = [], []
    for i, s in enumerate(found):
        for b in buckets(s.names):
            rows.append(i)
            cols.append(b)
    words = sparse.csr_matrix(
        (np.ones(len(rows)), (rows, cols)), shape=(len(found), 1 << BITS), dtype=np.float64
    )
    dense = sparse.csr_matrix(np.array([[s.values[k] for k in SIGNALS] for s in found]))
    return sparse.hstack([dense, words]).tocsr()


def _fit(found: Sequence[Signals], labels: Sequence[str], c: float) -> Model:
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=c, class_weight="balanced", max_iter=3000)
    lr.fit(_matrix(found), [CLASSES.index(label) for label in labels])
    order = list(lr.classes_)
    weights, words = {}, {}
    for ci, cls in enumerate(CLASSES):
        row = lr.coef_[order.index(ci)]
        weights[cls] = [round(float(x), 4) for x in row[: len(SIGNALS)]]
        weights[cls].append(round(float(lr.intercept_[order.index(ci)]), 4))
        words[cls] = [float(x) for x in row[len(SIGNALS) :]]
    return Model(weights, {"contradicts": 2.0, "supports": 2.0}, words)


def _threshold(hint: str, scored: Sequence[tuple[float, str]]) -> float:
    label = "refutes" if hint == "contradicts" else "supports"
    for t in [x / 100 for x in range(34, 100)]:
        given = [lab for p, lab in scored if p >= t]
        if (
            len(given) >= MIN_GIVEN
            and sum(lab == label for lab in given) / len(given) >= TARGET[hint]
        ):
            return t
    return 0.99


def _thresholds(m: Model, dev: Sequence[tuple[Signals, str]]) -> dict[str, float]:
    out = {}
    for hint, cls in (("contradicts", "refutes"), ("supports", "supports")):
        scored = []
        for s, label in dev:
            if s.values["overlap"] < MIN_OVERLAP:
                continue
            p = m.probabilities(s.values, s.names)
            if p[cls] == max(p.values()):
                scored.append((p[cls], label))
        out[hint] = _threshold(hint, scored)
    return out


def _report(m: Model, found: dict[str, list[tuple[Signals, str]]]) -> None:
    for name, pairs in found.items():
        hints = Counter((judge(s, m).hint, label) for s, label in pairs)
        said = sum(n for (h, _), n in hints.items() if h == "contradicts")
        right = hints[("contradicts", "refutes")]
        refutes = sum(n for (_, lab), n in hints.items() if lab == "refutes")
        print(
            f"  {name}: contradicts precision {right / said if said else 0:.3f} "
            f"recall {right / refutes if refutes else 0:.3f} ({said} given); {dict(hints)}"
        )


def fit(splits: dict[str, Sequence], grid: bool = False) -> None:
    found = {
        name: [(signals(p.claim, p.evidence), p.label) for p in pairs]
        for name, pairs in splits.items()
        if name.endswith((" train", " dev"))
    }
    train = [
        (s, label)
        for name, pairs in found.items()
        if name.endswith(" train")
        for s, label in pairs
        if s.values["overlap"] >= MIN_OVERLAP
    ]
    dev_splits = {name: pairs for name, pairs in found.items() if name.endswith(" dev")}
    dev = [x for pairs in dev_splits.values() for x in pairs]
    print(f"fitting on {len(train)} pairs; thresholds from {len(dev)} dev pairs")
    for c in GRID if grid else (C,):
        m = _fit([s for s, _ in train], [label for _, label in train], c)
        m = Model(m.weights, _thresholds(m, dev), m.words)
        print(f"C={c}: thresholds {m.thresholds}")
        _report(m, dev_splits)
    if grid:
        return
    data = {
        "signals": list(SIGNALS),
        "classes": list(CLASSES),
        "bits": BITS,
        "weights": m.weights,
        "words": {cls: encode_weights(m.words[cls]) for cls in CLASSES},
        "thresholds": m.thresholds,
        "fitted_on": sorted(name for name in found if name.endswith(" train")),
        "thresholds_from": sorted(dev_splits),
    }
    OUT.write_text(json.dumps(data, indent=1) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KB)")


def _contradicts_figures(hints: Sequence[str], labels: Sequence[str]) -> tuple[float, float]:
    """Precision of "contradicts" over the supporting and refuting pairs, and recall."""
    said = [lab for h, lab in zip(hints, labels, strict=True) if h == "contradicts"]
    decisive = [lab for lab in said if lab != "nei"]
    refutes = sum(lab == "refutes" for lab in labels)
    right = sum(lab == "refutes" for lab in said)
    return (right / len(decisive) if decisive else 0.0, right / refutes if refutes else 0.0)


def _f_half(precision: float, recall: float) -> float:
    """F0.5: precision counts twice as much as recall."""
    both = 0.25 * precision + recall
    return 1.25 * precision * recall / both if both else 0.0


def fit_nli(splits: dict[str, Sequence]) -> None:
    """Choose when the contradiction model's reading makes a "contradicts" hint: the pair
    of thresholds (:class:`verify.match.nli.Weighing`) whose worst dev split is best,
    judged by F0.5 of "contradicts" (precision, over the supporting and refuting pairs,
    weighed twice as much as recall: a wrong "contradicts" costs an analyst most).
    Reads the dev splits only; writes :data:`NLI_OUT`."""
    if not nli.enabled():
        raise SystemExit(
            "--fit-nli needs the nli extra (pip install -e '.[nli]'), not VERIFY_NLI=0"
        )
    dev = {}
    for name, pairs in splits.items():
        if name.endswith(" dev"):
            found = [signals(p.claim, p.evidence) for p in pairs]
            read = readings(found) or []
            dev[name] = (found, read, [p.label for p in pairs])
            print(f"read {name}: {len(pairs)} pairs")
    best: tuple[float, nli.Weighing] | None = None
    for alone in ALONE:
        for with_signals in WITH_SIGNALS:
            weighing = nli.Weighing(alone, with_signals)
            worst = 1.0
            for found, read, labels in dev.values():
                hints = [
                    judge(f, contradiction=c, weighing=weighing).hint
                    for f, c in zip(found, read, strict=True)
                ]
                worst = min(worst, _f_half(*_contradicts_figures(hints, labels)))
            if best is None or worst > best[0]:
                best = (worst, weighing)
    assert best is not None
    worst, chosen = best
    print(f"chosen: {chosen} (worst dev split's F0.5 of contradicts: {worst:.3f})")
    data = {"alone": chosen.alone, "with_signals": chosen.with_signals}
    data["chosen_on"] = sorted(dev)
    NLI_OUT.write_text(json.dumps(data, indent=1) + "\n")
    print(f"wrote {NLI_OUT}")
