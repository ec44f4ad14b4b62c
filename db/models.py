"""The schema: SQLModel tables, also the typed read side.

Times are timezone-aware UTC datetimes. JSON columns hold plain dicts and lists.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy import JSON, Column, Index, LargeBinary, Table, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """Now, as the UTC datetime every table stores."""
    return datetime.now(UTC)


def iso_utc(moment: datetime) -> str:
    """``2026-03-11T19:40:00Z``: how times leave the system (JSON, reports)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Stored(Protocol):
    """A row with an integer primary key, which SQLModel types as optional: it is None
    until the row is flushed."""

    @property
    def id(self) -> int | None: ...


def id_of(row: Stored) -> int:
    """The id of a stored row. Every row read from the database, or flushed, has one; to
    ask for the id of a row not stored yet is a bug, so it raises instead of passing None
    on."""
    if row.id is None:
        raise ValueError(f"this {type(row).__name__} is not stored yet: it has no id")
    return row.id


def table_of(model: type[SQLModel]) -> Table:
    """The Core table of a model, typed (SQLModel sets ``__table__`` without a type)."""
    return SQLModel.metadata.tables[str(model.__tablename__)]


class SchemaInfo(SQLModel, table=True):
    """One row: the schema version this database is at."""

    __tablename__ = "schema_info"
    id: int = Field(default=1, primary_key=True)
    version: int


class Article(SQLModel, table=True):
    __tablename__ = "article"
    id: int | None = Field(default=None, primary_key=True)
    title: str
    publisher: str | None = None
    url: str | None = None
    published_at: str | None = None
    path: str | None = None
    text: str = Field(sa_column=Column(Text, nullable=False))
    sha256: str = Field(index=True, unique=True)
    imported_at: datetime = Field(default_factory=utcnow)
    blind: bool = False  # analysts see only their own verdicts until two are in
    kind: str = "article"  # "article" or "transcript"


class ArticleVersion(SQLModel, table=True):
    """One version of an article as it was imported: the article row holds the newest
    one's text, and its claims' offsets point into it."""

    __tablename__ = "article_version"
    __table_args__ = (UniqueConstraint("article_id", "number", name="uq_article_version"),)
    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE")
    number: int
    title: str
    url: str | None = None
    path: str | None = None
    text: str = Field(sa_column=Column(Text, nullable=False))
    sha256: str = Field(index=True)
    imported_at: datetime = Field(default_factory=utcnow)
    imported_by: str
    summary: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    """Claims against the previous version: {"unchanged", "changed", "new", "removed"}."""


class Analyst(SQLModel, table=True):
    """A team member and their role: ``analyst``, ``editor`` (approves, assigns, switches
    blind review) or ``admin`` (also manages the team). ``name`` is normalised, and on
    PostgreSQL it is the member's database login."""

    __tablename__ = "analyst"
    name: str = Field(primary_key=True)
    role: str = "analyst"
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow)


class Claim(SQLModel, table=True):
    __tablename__ = "claim"
    __table_args__ = (Index("ix_claim_article_ordinal", "article_id", "ordinal"),)
    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE")
    ordinal: int
    text: str = Field(sa_column=Column(Text, nullable=False))
    sentence: str = Field(sa_column=Column(Text, nullable=False))
    start: int
    end: int
    speaker: str | None = None
    turn: str | None = None  # in a transcript: the turn's timestamp, or "line N"
    kind: str = "statement"
    checkworthiness: float = 0.0
    features: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    merged: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    status: str = Field(default="open", index=True)
    assigned_to: str | None = Field(default=None, index=True)
    version: int = 1
    updated_at: datetime = Field(default_factory=utcnow)
    changed_in: int | None = None
    """The article version in which the claim's sentence last changed (its earlier text
    in ``previous_text``); None if unchanged since it was found."""
    previous_text: str | None = Field(default=None, sa_column=Column(Text))
    removed_in: int | None = None
    """The article version the claim is no longer in (status ``removed``)."""


class Source(SQLModel, table=True):
    """An evidence document: a whole file, or one record of a JSONL/CSV file."""

    __tablename__ = "source"
    id: int | None = Field(default=None, primary_key=True)
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    path: str | None = None
    line: int | None = None
    external_id: str | None = Field(default=None, index=True)
    published_at: str | None = None
    reliability: float | None = None
    format: str = "txt"
    text: str = Field(sa_column=Column(Text, nullable=False))
    sha256: str = Field(index=True, unique=True)
    imported_at: datetime = Field(default_factory=utcnow)


class Passage(SQLModel, table=True):
    __tablename__ = "passage"
    __table_args__ = (Index("ix_passage_source_ordinal", "source_id", "ordinal"),)
    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(foreign_key="source.id", ondelete="CASCADE")
    ordinal: int
    text: str = Field(sa_column=Column(Text, nullable=False))
    start: int
    end: int
    page: int | None = None  # a PDF's page the passage starts on
    paragraph: int | None = None  # a Word document's paragraph the passage starts at


class WebCopy(SQLModel, table=True):
    """The archived copy of a web page or document fetched by URL: its bytes as they were
    fetched, and when. It belongs to the source or the article read from it."""

    __tablename__ = "web_copy"
    id: int | None = Field(default=None, primary_key=True)
    source_id: int | None = Field(
        default=None, foreign_key="source.id", index=True, ondelete="CASCADE"
    )
    article_id: int | None = Field(
        default=None, foreign_key="article.id", index=True, ondelete="CASCADE"
    )
    url: str
    final_url: str
    fetched_at: datetime
    content_type: str
    body: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class PublisherRating(SQLModel, table=True):
    """How far the team relies on a publisher (by its name as sources carry it)."""

    __tablename__ = "publisher_rating"
    publisher: str = Field(primary_key=True)
    level: str  # primary, official, monitor, press, unverified
    note: str | None = Field(default=None, sa_column=Column(Text))
    rated_by: str
    rated_at: datetime = Field(default_factory=utcnow)


class PassageVector(SQLModel, table=True):
    """A passage's sentence embedding, kept only when the optional embeddings are on."""

    __tablename__ = "passage_vector"
    passage_id: int = Field(foreign_key="passage.id", primary_key=True, ondelete="CASCADE")
    model: str
    vector: bytes  # float32, little-endian, L2-normalised


class EvidenceLink(SQLModel, table=True):
    __tablename__ = "evidence_link"
    __table_args__ = (UniqueConstraint("claim_id", "passage_id", name="uq_link_claim_passage"),)
    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", index=True, ondelete="CASCADE")
    passage_id: int = Field(foreign_key="passage.id", index=True, ondelete="CASCADE")
    score: float
    rank: int = 0
    method: str = "fts+fuzzy"
    span_start: int | None = None
    span_end: int | None = None
    stance_hint: str = "none"
    stance_reason: str | None = None
    stance_confidence: float | None = None
    numbers: dict | None = Field(default=None, sa_column=Column(JSON(none_as_null=True)))
    """The figures compared: {"agree": bool, "figures": [{"claim", "passage", "agree"}]}.
    None is written as SQL NULL; a JSON null stored before reads the same (None)."""
    stance: str | None = None
    labelled_by: str | None = None
    labelled_at: datetime | None = None
    note: str | None = None


class Verdict(SQLModel, table=True):
    """Append-only: a claim's current verdict is its newest row."""

    __tablename__ = "verdict"
    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", index=True, ondelete="CASCADE")
    rating: str
    rating_value: int | None = None
    confidence: float | None = None
    rationale: str | None = Field(default=None, sa_column=Column(Text))
    analyst: str
    created_at: datetime = Field(default_factory=utcnow)
    state: str = "draft"
    supersedes_id: int | None = Field(default=None, foreign_key="verdict.id")
    approved_by: str | None = None


class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_event"
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    analyst: str
    action: str
    entity: str
    entity_id: int | None = Field(default=None, index=True)
    claim_id: int | None = Field(default=None, index=True)
    before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    after: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    hash: str | None = None  # SQLite: sha256 of the previous event's hash and this event


class FactCheck(SQLModel, table=True):
    """A published fact-check: someone's verdict on a claim, from an imported archive."""

    __tablename__ = "factcheck"
    id: int | None = Field(default=None, primary_key=True)
    claim: str = Field(sa_column=Column(Text, nullable=False))
    rating: str
    reviewed_at: str | None = None
    publisher: str | None = None
    url: str | None = None
    claimant: str | None = None
    language: str | None = None
    title: str | None = None
    external_id: str | None = Field(default=None, index=True)
    path: str | None = None
    record: int | None = None  # the line, or the ClaimReview's number in its file
    format: str = "claimreview"
    sha256: str = Field(index=True, unique=True)
    imported_at: datetime = Field(default_factory=utcnow)


class CheckedBefore(SQLModel, table=True):
    """A claim's match in the archives: a published fact-check or an earlier claim of
    the team's with a verdict (exactly one of the two), best score first by rank."""

    __tablename__ = "checked_before"
    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", index=True, ondelete="CASCADE")
    factcheck_id: int | None = Field(
        default=None, foreign_key="factcheck.id", index=True, ondelete="CASCADE"
    )
    earlier_claim_id: int | None = Field(
        default=None, foreign_key="claim.id", index=True, ondelete="CASCADE"
    )
    score: float
    rank: int = 0
