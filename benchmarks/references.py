"""The two reference rankers the quality benchmarks print beside the product's.

Each is built over documents (searchable text by id) and ranks a query's ids, best first:
rapidfuzz ``token_set_ratio`` alone, and plain BM25 (bm25s, from the ``bench`` extra).
Queries get the product's own normalisation (:func:`verify.text.normalise`), so
the references are not handicapped by URLs, handles or hashtags.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

from rapidfuzz import fuzz, process, utils

from verify.text import normalise

Id = TypeVar("Id", bound=Hashable)

MISSING_BM25 = "bm25s is not installed: pip install -e '.[bench]' for the BM25 reference"


def token_set(ids: Sequence[Id], docs: Sequence[str], k: int) -> Callable[[str], list[Id]]:
    processed = [utils.default_process(d) for d in docs]

    def rank(query: str) -> list[Id]:
        top = process.extract(
            utils.default_process(normalise(query)),
            processed,
            scorer=fuzz.token_set_ratio,
            processor=None,
            limit=k,
        )
        return [ids[i] for _, _, i in top]

    return rank


def bm25(ids: Sequence[Id], docs: Sequence[str], k: int) -> Callable[[str], list[Id]] | None:
    """None (having said why) when bm25s is not installed."""
    try:
        import bm25s
    except ImportError:
        print(MISSING_BM25)
        return None
    retriever = bm25s.BM25()
    retriever.index(
        bm25s.tokenize(list(docs), stopwords="en", show_progress=False), show_progress=False
    )

    def rank(query: str) -> list[Id]:
        tokens = bm25s.tokenize([normalise(query)], stopwords="en", show_progress=False)
        found, _ = retriever.retrieve(tokens, k=min(k, len(docs)), show_progress=False)
        return [ids[int(i)] for i in found[0]]

    return rank
