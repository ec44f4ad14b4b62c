"""Searching the evidence store with free text, as `verify evidence search` does."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from db.session import Database
from verify.match import embed
from verify.match.rank import rank
from verify.read import place


@dataclass(frozen=True)
class SourceRef:
    id: int
    external_id: str | None
    title: str | None
    publisher: str | None
    url: str | None
    path: str | None
    place: str | None = None
    """Where the passage is in the source: "p. 14" (PDF), "para. 3" (Word), else None."""
    reliability: str | None = None
    """The publisher's rating, if the team rated it."""


@dataclass(frozen=True)
class SearchResult:
    passage_id: int
    score: float
    stance_hint: str
    text: str
    span: tuple[int, int]
    source: SourceRef
    stance_confidence: float | None = None
    numbers: dict | None = None

    def as_json(self) -> dict[str, Any]:
        record = asdict(self)
        record["span"] = list(self.span)
        return record


def search_evidence(
    db: Database,
    query: str,
    top_k: int = 10,
    with_stance: bool = True,
    query_vector: bytes | None = None,
) -> list[SearchResult]:
    """The passages that best match ``query``, best first, with their sources.

    ``with_stance=False`` skips the stance hints (each is "none"), for batch evaluation;
    ``query_vector`` is the query's embedding when embeddings are on and it is made.
    """
    with db.read() as session:
        matches = rank(
            session, query, top_k=top_k, with_stance=with_stance, claim_vector=query_vector
        )
    results = []
    for m in matches:
        row = m.passage
        results.append(
            SearchResult(
                m.passage_id,
                m.score,
                m.stance_hint,
                row.text,
                (m.span_start, m.span_end),
                SourceRef(
                    row.source_id,
                    row.external_id,
                    row.title,
                    row.publisher,
                    row.url,
                    row.path,
                    place(row.page, row.paragraph),
                    row.reliability,
                ),
                m.stance_confidence,
                m.numbers,
            )
        )
    return results


def search_batch(
    db: Database, queries: Sequence[str], top_k: int = 10, with_stance: bool = False
) -> Iterator[list[SearchResult]]:
    """:func:`search_evidence` for each query, in order, as each is ready.

    With embeddings on, the queries embed in a thread running ahead of the ranking.
    """
    vectors: Iterator[bytes | None] = (
        embed.vectors_ahead(queries) if embed.enabled() else iter([None] * len(queries))
    )
    for query, vector in zip(queries, vectors, strict=True):
        yield search_evidence(db, query, top_k, with_stance, vector)
