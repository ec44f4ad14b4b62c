"""Writing and reading sources and passages in bulk (SQLAlchemy Core for speed)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from sqlalchemy import Connection, func, select
from sqlmodel import Session

from db.models import Passage, PassageVector, Source, utcnow
from db.search import index_new_passages, refresh_term_stats


def existing_hashes(session: Session, hashes: Iterable[str]) -> set[str]:
    """Which of ``hashes`` are already stored as sources."""
    wanted = list(set(hashes))
    found: set[str] = set()
    conn = session.connection()
    for i in range(0, len(wanted), 500):
        batch = wanted[i : i + 500]
        if conn.dialect.name == "sqlite":  # the driver's SQL: this runs per import batch
            marks = ",".join("?" for _ in batch)
            found.update(
                r[0]
                for r in conn.exec_driver_sql(
                    f"SELECT sha256 FROM source WHERE sha256 IN ({marks})", tuple(batch)
                )
            )
        else:
            found.update(conn.scalars(select(Source.sha256).where(Source.sha256.in_(batch))))
    return found


def last_passage_id(session: Session) -> int:
    return int(session.scalar(select(func.max(Passage.id))) or 0)


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
    source_table, passage_table = Source.__table__, Passage.__table__
    now = utcnow()
    if conn.dialect.name == "sqlite":
        # The write transaction holds SQLite's only write lock (BEGIN IMMEDIATE), so the
        # next ids are ours to assign, and the driver's own executemany of tuples is
        # several times faster than INSERT ... RETURNING or per-row parameter processing.
        first = int(conn.execute(select(func.max(Source.id))).scalar() or 0) + 1
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
    result = conn.execute(
        source_table.insert().returning(source_table.c.id, sort_by_parameter_order=True),
        [{**dict(zip(SOURCE_COLUMNS, row, strict=True)), "imported_at": now} for row in sources],
    )
    ids = [row[0] for row in result]
    rows = [
        {**dict(zip(PASSAGE_COLUMNS, passage, strict=True)), "source_id": source_id}
        for source_id, source_passages in zip(ids, passages, strict=True)
        for passage in source_passages
    ]
    if rows:
        conn.execute(passage_table.insert(), rows)
    return len(rows)


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


def passages_by_id(session: Session, ids: Sequence[int]) -> dict[int, PassageRow]:
    """Passages with their sources' names, by passage id (Core: no ORM objects)."""
    out: dict[int, PassageRow] = {}
    query = select(
        Passage.id,
        Passage.text,
        Source.id,
        Source.external_id,
        Source.title,
        Source.publisher,
        Source.url,
        Source.path,
        Passage.page,
        Passage.paragraph,
    ).join(Source, Source.id == Passage.source_id)
    for i in range(0, len(ids), 500):
        rows = session.connection().execute(query.where(Passage.id.in_(list(ids[i : i + 500]))))
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
        select(Passage.id, Passage.text, Source.title)
        .join(Source, Source.id == Passage.source_id)
        .outerjoin(
            PassageVector, (PassageVector.passage_id == Passage.id) & (PassageVector.model == model)
        )
        .where(Passage.id > after_id, Passage.id <= up_to_id, PassageVector.passage_id.is_(None))
        .order_by(Passage.id)
        .limit(limit)
    )
    return [(pid, text, title) for pid, text, title in session.connection().execute(query)]


def store_vectors(session: Session, model: str, vectors: Sequence[tuple[int, bytes]]) -> None:
    """Store each passage's vector of ``model``, replacing one of another model."""
    if not vectors:
        return
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:
        from sqlalchemy.dialects.postgresql import insert  # type: ignore[assignment]
    statement = insert(PassageVector.__table__)
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
            select(PassageVector.passage_id, PassageVector.vector).where(
                PassageVector.passage_id.in_(list(ids[i : i + 500])),
                PassageVector.model == model,
            )
        )
        found.update((pid, bytes(vector)) for pid, vector in rows)
    return found
