"""Writing and reading sources and passages in bulk (SQLAlchemy Core for speed)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from sqlalchemy import Connection, func, select
from sqlmodel import Session, col

from db.models import Passage, PassageVector, PublisherRating, Source, table_of, utcnow
from db.search import (
    count_new_terms,
    index_new_passages,
    index_terms,
    refresh_term_stats,
    tsvector_literal,
)


def existing_hashes(session: Session, hashes: Iterable[str]) -> set[str]:
    """Which of ``hashes`` are already stored as sources."""
    wanted = list(set(hashes))
    conn = session.connection()
    if conn.dialect.name == "postgresql":  # one array parameter: one prepared statement
        rows = conn.exec_driver_sql("SELECT sha256 FROM source WHERE sha256 = ANY(%s)", (wanted,))
        return {row[0] for row in rows}
    found: set[str] = set()
    for i in range(0, len(wanted), 500):
        batch = wanted[i : i + 500]
        marks = ",".join("?" for _ in batch)  # the driver's SQL: this runs per import batch
        found.update(
            r[0]
            for r in conn.exec_driver_sql(
                f"SELECT sha256 FROM source WHERE sha256 IN ({marks})", tuple(batch)
            )
        )
    return found


def last_passage_id(session: Session) -> int:
    return int(session.scalar(select(func.max(col(Passage.id)))) or 0)


SOURCE_COLUMNS = (
    "title",
    "publisher",
    "url",
    "path",
    "line",
    "external_id",
    "published_at",
    "format",
    "text",
    "sha256",
)
PASSAGE_COLUMNS = ("ordinal", "text", "start", "end", "page", "paragraph")
"""The order of the values in the tuples :func:`insert_sources` takes."""


def insert_sources(
    session: Session,
    sources: Sequence[tuple[Any, ...]],
    passages: Sequence[Sequence[tuple[Any, ...]]],
) -> int:
    """Insert sources and, for each, its passages.

    A source is a tuple of values in ``SOURCE_COLUMNS`` order, a passage one in
    ``PASSAGE_COLUMNS`` order. Returns the number of passages inserted. The caller owns
    the transaction.
    """
    if not sources:
        return 0
    conn = session.connection()
    source_table = table_of(Source)
    now = utcnow()
    if conn.dialect.name == "sqlite":
        # The write transaction holds SQLite's only write lock (BEGIN IMMEDIATE), so the
        # next ids are ours to assign, and the driver's own executemany of tuples is
        # several times faster than INSERT ... RETURNING or per-row parameter processing.
        first = int(conn.execute(select(func.max(col(Source.id)))).scalar() or 0) + 1
        stamp = _bound(conn, source_table.c.imported_at, now)
        _sqlite_insert(
            conn,
            "source",
            [*SOURCE_COLUMNS, "id", "imported_at"],
            [(*row, i, stamp) for i, row in enumerate(sources, first)],
        )
        _sqlite_insert(
            conn,
            "passage",
            [*PASSAGE_COLUMNS, "source_id"],
            [
                (*p, source_id)
                for source_id, source_passages in enumerate(passages, first)
                for p in source_passages
            ],
        )
        return sum(len(p) for p in passages)
    return _postgres_copy(session, sources, passages, now)


def _postgres_copy(
    session: Session,
    sources: Sequence[tuple[Any, ...]],
    passages: Sequence[Sequence[tuple[Any, ...]]],
    now: Any,
) -> int:
    """PostgreSQL: COPY the sources and passages in, each passage with its tsvector.

    Ids come from the sequence in one round trip; the rows then stream through COPY
    (psycopg's), with no statement per row. Each passage's terms are made here (see
    :func:`db.search.index_terms`) while the server stores the rows already sent, and
    counted for ``term_stat``.
    """
    conn = session.connection()
    ids = [
        int(row[0])
        for row in conn.exec_driver_sql(
            "SELECT nextval(pg_get_serial_sequence('source', 'id')) FROM generate_series(1, %s)",
            (len(sources),),
        )
    ]
    title = SOURCE_COLUMNS.index("title")
    text = PASSAGE_COLUMNS.index("text")
    names = ", ".join(f'"{c}"' for c in (*SOURCE_COLUMNS, "id", "imported_at"))
    columns = ", ".join(f'"{c}"' for c in (*PASSAGE_COLUMNS, "source_id", "tsv"))
    raw = conn.connection.driver_connection
    assert raw is not None
    count = 0
    with raw.cursor() as cursor:
        with cursor.copy(f"COPY source ({names}) FROM STDIN") as copy:
            for source_id, row in zip(ids, sources, strict=True):
                copy.write_row((*row, source_id, now))
        with cursor.copy(f"COPY passage ({columns}) FROM STDIN") as copy:
            for source_id, row, source_passages in zip(ids, sources, passages, strict=True):
                title_terms = index_terms(row[title] or "")
                for passage in source_passages:
                    terms = list(dict.fromkeys(index_terms(passage[text]) + title_terms))
                    count_new_terms(session, terms)
                    copy.write_row((*passage, source_id, tsvector_literal(terms)))
                    count += 1
    return count


def _bound(conn: Connection, column: Any, value: Any) -> Any:
    """``value`` as the driver receives it for ``column`` (SQLAlchemy's type processing)."""
    process = column.type._cached_bind_processor(conn.dialect)
    return process(value) if process else value


def _sqlite_insert(
    conn: Connection, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    if rows:
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        conn.exec_driver_sql(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def refresh_statistics(session: Session) -> None:
    """Refresh what search needs after a run of imports (term statistics)."""
    refresh_term_stats(session)


def finish_import(session: Session, after_passage_id: int) -> None:
    """Index the passages inserted since ``after_passage_id`` (same transaction)."""
    index_new_passages(session, after_passage_id)


class PassageRow(NamedTuple):
    """A passage's text with what names its source (not the source's whole text)."""

    passage_id: int
    text: str
    source_id: int
    external_id: str | None
    title: str | None
    publisher: str | None
    url: str | None
    path: str | None
    page: int | None
    paragraph: int | None
    reliability: str | None
    """The publisher's rating (primary, official, monitor, press, unverified), if rated."""


def passages_by_id(session: Session, ids: Sequence[int]) -> dict[int, PassageRow]:
    """Passages with their sources' names, by passage id (Core: no ORM objects)."""
    out: dict[int, PassageRow] = {}
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        # The driver's own SQL, one array parameter: the same statement for any number of
        # ids, which psycopg prepares on the server (this runs for every search).
        rows = conn.exec_driver_sql(
            "SELECT p.id, p.text, s.id, s.external_id, s.title, s.publisher, s.url, s.path, "
            "p.page, p.paragraph, r.level FROM passage AS p JOIN source AS s "
            "ON s.id = p.source_id LEFT JOIN publisher_rating AS r ON r.publisher = s.publisher "
            "WHERE p.id = ANY(%s)",
            (list(ids),),
        )
        return {row[0]: PassageRow(*row) for row in rows}
    query = (
        select(
            col(Passage.id),
            col(Passage.text),
            col(Source.id),
            col(Source.external_id),
            col(Source.title),
            col(Source.publisher),
            col(Source.url),
            col(Source.path),
            col(Passage.page),
            col(Passage.paragraph),
            col(PublisherRating.level),
        )
        .join(Source, col(Source.id) == col(Passage.source_id))
        .outerjoin(PublisherRating, col(PublisherRating.publisher) == col(Source.publisher))
    )
    for i in range(0, len(ids), 500):
        rows = conn.execute(query.where(col(Passage.id).in_(list(ids[i : i + 500]))))
        for row in rows:
            out[row[0]] = PassageRow(*row)
    return out


def counts(session: Session) -> dict[str, int]:
    """Rows in the evidence tables."""
    return {
        "sources": int(session.scalar(select(func.count()).select_from(Source)) or 0),
        "passages": int(session.scalar(select(func.count()).select_from(Passage)) or 0),
    }


def passages_without_vector(
    session: Session, model: str, after_id: int, up_to_id: int, limit: int
) -> list[tuple[int, str, str | None]]:
    """(id, text, source title) of passages in (after_id, up_to_id] that have no vector
    of ``model``, by id, at most ``limit``."""
    query = (
        select(col(Passage.id), col(Passage.text), col(Source.title))
        .join(Source, col(Source.id) == col(Passage.source_id))
        .outerjoin(
            PassageVector,
            (col(PassageVector.passage_id) == col(Passage.id))
            & (col(PassageVector.model) == model),
        )
        .where(
            col(Passage.id) > after_id,
            col(Passage.id) <= up_to_id,
            col(PassageVector.passage_id).is_(None),
        )
        .order_by(col(Passage.id))
        .limit(limit)
    )
    rows = session.connection().execute(query)
    return [(pid, text, title) for pid, text, title in rows if pid is not None]


def store_vectors(session: Session, model: str, vectors: Sequence[tuple[int, bytes]]) -> None:
    """Store each passage's vector of ``model``, replacing one of another model."""
    if not vectors:
        return
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:
        from sqlalchemy.dialects.postgresql import insert  # type: ignore[assignment]
    statement = insert(table_of(PassageVector))
    conn.execute(
        statement.on_conflict_do_update(
            index_elements=["passage_id"],
            set_={"model": statement.excluded.model, "vector": statement.excluded.vector},
        ),
        [{"passage_id": pid, "model": model, "vector": vector} for pid, vector in vectors],
    )


def vectors(session: Session, model: str, ids: Sequence[int]) -> dict[int, bytes]:
    """The stored vectors of ``model`` for the passages ``ids`` that have one."""
    found: dict[int, bytes] = {}
    for i in range(0, len(ids), 500):
        rows = session.connection().execute(  # Core: this runs per claim
            select(col(PassageVector.passage_id), col(PassageVector.vector)).where(
                col(PassageVector.passage_id).in_(list(ids[i : i + 500])),
                col(PassageVector.model) == model,
            )
        )
        found.update((pid, bytes(vector)) for pid, vector in rows)
    return found


def passage_and_source(session: Session, passage_id: int) -> tuple[Passage, Source] | None:
    row = session.execute(
        select(Passage, Source)
        .join(Source, col(Source.id) == col(Passage.source_id))
        .where(col(Passage.id) == passage_id)
    ).first()
    return (row[0], row[1]) if row else None
