"""Creating the schema, its version, and the full-text index for each dialect."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, Engine, inspect, text
from sqlmodel import SQLModel

from db import (
    chain,
    models,  # noqa: F401  (registers the tables)
    security,
)
from db.models import SchemaInfo, table_of
from db.search import reindex

SCHEMA_VERSION = 11
"""1: the first release. 2: analysts and roles, verdict approval, blind articles,
passage vectors for the optional embeddings. 3: a passage's page (PDF) or paragraph
(Word). 4: fact-check archives and each claim's "checked before" matches, with
full-text indexes over fact-checks and claims. 5: transcripts: an article's kind and a
claim's turn. 6: term statistics on PostgreSQL, and its passages' tsvector made by the
import (the same terms as a query's) instead of a trigger. 7: archived copies of pages
fetched by URL. 8: publishers' reliability ratings. 9: a stance hint's confidence and
the figures compared, beside each evidence link. 10: team trust: analysts can be
deactivated, the audit trail is hash-chained on SQLite, and PostgreSQL enforces the
roles itself (row-level security, an insert-only audit table; see :mod:`db.security`).
11: article versions: each import of a changed article is kept, and claims carry the
version that changed or removed them."""

SQLITE_FTS = [
    # The index reads passage text and its source's title through this view, so the
    # title counts as a field of every passage without being stored twice.
    """CREATE VIEW IF NOT EXISTS passage_search AS
       SELECT passage.id AS id, passage.text AS text, coalesce(source.title, '') AS title
       FROM passage JOIN source ON source.id = passage.source_id""",
    """CREATE VIRTUAL TABLE IF NOT EXISTS passage_fts USING fts5(
       text, title, content='passage_search', content_rowid='id',
       tokenize='porter unicode61 remove_diacritics 2')""",
    "CREATE VIRTUAL TABLE IF NOT EXISTS passage_vocab USING fts5vocab(passage_fts, 'row')",
    # How many passages hold each indexed term, refreshed after each import: fts5vocab
    # counts by reading a term's whole posting list, far too slow per query.
    "CREATE TABLE IF NOT EXISTS term_stat (term TEXT PRIMARY KEY, doc INTEGER NOT NULL) "
    "WITHOUT ROWID",
]

POSTGRES_FTS = [
    # Each passage's tsvector (the terms of its text and its source's title) is made by
    # the import, in Python, and copied in with the passage (db/search.index_terms).
    "ALTER TABLE passage ADD COLUMN IF NOT EXISTS tsv tsvector",
    "CREATE INDEX IF NOT EXISTS ix_passage_tsv ON passage USING gin (tsv)",
    # How many passages hold each lexeme ('' : how many passages there are), kept
    # current by each import in its own transaction; search picks rare terms from it.
    "CREATE TABLE IF NOT EXISTS term_stat (term TEXT PRIMARY KEY, doc INTEGER NOT NULL)",
]


SQLITE_ARCHIVE_FTS = [
    # Published fact-checks: the claim and the review's title, as passage text and title.
    """CREATE VIRTUAL TABLE IF NOT EXISTS factcheck_fts USING fts5(
       claim, title, content='factcheck', content_rowid='id',
       tokenize='porter unicode61 remove_diacritics 2')""",
    "CREATE VIRTUAL TABLE IF NOT EXISTS factcheck_vocab USING fts5vocab(factcheck_fts, 'row')",
    "CREATE TABLE IF NOT EXISTS factcheck_term_stat (term TEXT PRIMARY KEY, doc INTEGER NOT NULL) "
    "WITHOUT ROWID",
    """CREATE TRIGGER IF NOT EXISTS factcheck_fts_insert AFTER INSERT ON factcheck BEGIN
       INSERT INTO factcheck_fts(rowid, claim, title) VALUES (new.id, new.claim, new.title);
       END""",
    """CREATE TRIGGER IF NOT EXISTS factcheck_fts_delete AFTER DELETE ON factcheck BEGIN
       INSERT INTO factcheck_fts(factcheck_fts, rowid, claim, title)
       VALUES ('delete', old.id, old.claim, old.title);
       END""",
    # The team's own claims, searched for earlier verdicts on the same claim.
    """CREATE VIRTUAL TABLE IF NOT EXISTS claim_fts USING fts5(
       text, content='claim', content_rowid='id',
       tokenize='porter unicode61 remove_diacritics 2')""",
    "CREATE VIRTUAL TABLE IF NOT EXISTS claim_vocab USING fts5vocab(claim_fts, 'row')",
    """CREATE TRIGGER IF NOT EXISTS claim_fts_insert AFTER INSERT ON claim BEGIN
       INSERT INTO claim_fts(rowid, text) VALUES (new.id, new.text);
       END""",
    """CREATE TRIGGER IF NOT EXISTS claim_fts_delete AFTER DELETE ON claim BEGIN
       INSERT INTO claim_fts(claim_fts, rowid, text) VALUES ('delete', old.id, old.text);
       END""",
    """CREATE TRIGGER IF NOT EXISTS claim_fts_update AFTER UPDATE OF text ON claim BEGIN
       INSERT INTO claim_fts(claim_fts, rowid, text) VALUES ('delete', old.id, old.text);
       INSERT INTO claim_fts(rowid, text) VALUES (new.id, new.text);
       END""",
]

POSTGRES_ARCHIVE_FTS = [
    """ALTER TABLE factcheck ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS (
       setweight(to_tsvector('english', claim), 'A') ||
       setweight(to_tsvector('english', coalesce(title, '')), 'C')) STORED""",
    "CREATE INDEX IF NOT EXISTS ix_factcheck_tsv ON factcheck USING gin (tsv)",
    """ALTER TABLE claim ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS (
       to_tsvector('english', text)) STORED""",
    "CREATE INDEX IF NOT EXISTS ix_claim_tsv ON claim USING gin (tsv)",
]


class SchemaError(Exception):
    """The database's schema is not one this version can use as it is."""


def ensure_schema(engine: Engine) -> None:
    """Create the schema in an empty database; check the version of an existing one.

    Only a new database takes a write lock here; opening an existing one only reads.
    """
    version = schema_version(engine)
    if version is None and engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            if conn.execute(text("SELECT current_schema()")).scalar() is None:
                raise SchemaError(
                    "this login may not use the database's schema "
                    "(not on the team, or deactivated: ask the team's admin)"
                )
    if version is None:
        with engine.execution_options(verify_write=True).begin() as conn:
            if conn.dialect.name == "postgresql":
                # Serialise concurrent first starts against one new database.
                conn.execute(text("SELECT pg_advisory_xact_lock(7342001)"))
            tables = set(inspect(conn).get_table_names())
            if "schema_info" in tables:
                return  # another process created it while we waited
            if tables and "article" not in tables:
                raise SchemaError("the database holds other tables: not a verify database")
            _create(conn)
        return
    if version > SCHEMA_VERSION:
        raise SchemaError(
            f"database schema version {version} is newer than this verify ({SCHEMA_VERSION})"
        )
    if version < SCHEMA_VERSION:
        raise SchemaError(
            f"database schema version {version} is older than {SCHEMA_VERSION}: "
            "back it up (`verify db backup FILE`), then run `verify db upgrade`"
        )


def _upgrade_1_to_2(conn: Connection) -> None:
    false = "0" if conn.dialect.name == "sqlite" else "false"
    conn.exec_driver_sql(f"ALTER TABLE article ADD COLUMN blind BOOLEAN NOT NULL DEFAULT {false}")
    conn.exec_driver_sql("ALTER TABLE verdict ADD COLUMN approved_by VARCHAR")
    SQLModel.metadata.tables["analyst"].create(conn)
    SQLModel.metadata.tables["passage_vector"].create(conn)


def _upgrade_2_to_3(conn: Connection) -> None:
    conn.exec_driver_sql("ALTER TABLE passage ADD COLUMN page INTEGER")
    conn.exec_driver_sql("ALTER TABLE passage ADD COLUMN paragraph INTEGER")


def _upgrade_3_to_4(conn: Connection) -> None:
    SQLModel.metadata.tables["factcheck"].create(conn)
    SQLModel.metadata.tables["checked_before"].create(conn)
    _archive_indexes(conn)
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("INSERT INTO claim_fts(claim_fts) VALUES ('rebuild')")


def _archive_indexes(conn: Connection) -> None:
    statements = SQLITE_ARCHIVE_FTS if conn.dialect.name == "sqlite" else POSTGRES_ARCHIVE_FTS
    for statement in statements:
        conn.exec_driver_sql(statement)


def _upgrade_4_to_5(conn: Connection) -> None:
    """Transcripts: an article's kind, and the turn (timestamp or line) of each claim."""
    conn.exec_driver_sql("ALTER TABLE article ADD COLUMN kind VARCHAR NOT NULL DEFAULT 'article'")
    conn.exec_driver_sql("ALTER TABLE claim ADD COLUMN turn VARCHAR")


def _upgrade_5_to_6(conn: Connection) -> None:
    if conn.dialect.name != "postgresql":
        return
    conn.exec_driver_sql("DROP TRIGGER IF EXISTS passage_tsv_trigger ON passage")
    conn.exec_driver_sql("DROP FUNCTION IF EXISTS passage_tsv()")
    for statement in POSTGRES_FTS:
        conn.exec_driver_sql(statement)
    reindex(conn)


def _upgrade_6_to_7(conn: Connection) -> None:
    SQLModel.metadata.tables["web_copy"].create(conn)


def _upgrade_7_to_8(conn: Connection) -> None:
    SQLModel.metadata.tables["publisher_rating"].create(conn)


def _upgrade_8_to_9(conn: Connection) -> None:
    """The stance hint's confidence and the figures compared, beside each link."""
    conn.exec_driver_sql("ALTER TABLE evidence_link ADD COLUMN stance_confidence FLOAT")
    conn.exec_driver_sql("ALTER TABLE evidence_link ADD COLUMN numbers JSON")


def _upgrade_9_to_10(conn: Connection) -> None:
    true = "1" if conn.dialect.name == "sqlite" else "true"
    # Step 1 -> 2 made the analyst table as the models are now: with the column already.
    if "active" not in {c["name"] for c in inspect(conn).get_columns("analyst")}:
        conn.exec_driver_sql(
            f"ALTER TABLE analyst ADD COLUMN active BOOLEAN NOT NULL DEFAULT {true}"
        )
    conn.exec_driver_sql("ALTER TABLE audit_event ADD COLUMN hash VARCHAR")
    if conn.dialect.name == "sqlite":
        chain.rehash(conn)
    else:
        security.install(conn)


def _upgrade_10_to_11(conn: Connection) -> None:
    """Article versions: every stored article becomes its own version 1."""
    SQLModel.metadata.tables["article_version"].create(conn)
    conn.exec_driver_sql("ALTER TABLE claim ADD COLUMN changed_in INTEGER")
    conn.exec_driver_sql("ALTER TABLE claim ADD COLUMN previous_text TEXT")
    conn.exec_driver_sql("ALTER TABLE claim ADD COLUMN removed_in INTEGER")
    conn.exec_driver_sql(
        """INSERT INTO article_version
             (article_id, number, title, url, path, text, sha256, imported_at, imported_by,
              summary)
           SELECT a.id, 1, a.title, a.url, a.path, a.text, a.sha256, a.imported_at,
                  coalesce((SELECT e.analyst FROM audit_event e
                            WHERE e.entity = 'article' AND e.action = 'import'
                              AND e.entity_id = a.id
                            ORDER BY e.id LIMIT 1), 'verify'),
                  '{}'
           FROM article a ORDER BY a.id"""
    )
    if conn.dialect.name == "postgresql":
        security.install(conn)  # the rules on article_version; the team's grants follow
        # when the upgrade ends (db.security.refresh)


UPGRADES: dict[int, Callable[[Connection], None]] = {
    1: _upgrade_1_to_2,
    2: _upgrade_2_to_3,
    3: _upgrade_3_to_4,
    4: _upgrade_4_to_5,
    5: _upgrade_5_to_6,
    6: _upgrade_6_to_7,
    7: _upgrade_7_to_8,
    8: _upgrade_8_to_9,
    9: _upgrade_9_to_10,
    10: _upgrade_10_to_11,
}
"""UPGRADES[n] moves a database from version n to n + 1."""


def schema_version(engine: Engine) -> int | None:
    """The version of the schema in the database, None if it holds none."""
    with engine.connect() as conn:
        if "schema_info" not in inspect(conn).get_table_names():
            return None
        return conn.execute(text("SELECT version FROM schema_info WHERE id = 1")).scalar()


def upgrade(engine: Engine, to: int = SCHEMA_VERSION) -> tuple[int, int]:
    """Move the database forward to SCHEMA_VERSION (or to ``to``, for tests that make
    an older database), one step per transaction.

    Returns (version before, version after). Each step commits with its new version
    number, so an interrupted upgrade resumes where it stopped. On PostgreSQL the owner's
    upgrade then puts this version's rules in place and grants the team every table, an
    upgrade's new ones too (:func:`db.security.refresh`).
    """
    before = schema_version(engine)
    if before is None:
        ensure_schema(engine)
        return SCHEMA_VERSION, SCHEMA_VERSION
    if before > SCHEMA_VERSION:
        raise SchemaError(
            f"database schema version {before} is newer than this verify ({SCHEMA_VERSION})"
        )
    version = before
    while version < to:
        with engine.execution_options(verify_write=True).begin() as conn:
            current = conn.execute(
                text("SELECT version FROM schema_info WHERE id = 1")
            ).scalar_one()
            if current != version:  # another process upgraded meanwhile
                version = int(current)
                continue
            UPGRADES[version](conn)
            conn.execute(
                text("UPDATE schema_info SET version = :v WHERE id = 1"), {"v": version + 1}
            )
        version += 1
    if engine.dialect.name == "postgresql":
        with engine.execution_options(verify_write=True).begin() as conn:
            if security.is_superuser_or_owner(conn):
                security.refresh(conn)
    return before, version


def _create(conn: Connection) -> None:
    SQLModel.metadata.create_all(conn)
    statements = SQLITE_FTS if conn.dialect.name == "sqlite" else POSTGRES_FTS
    for statement in statements:
        conn.exec_driver_sql(statement)
    _archive_indexes(conn)
    if conn.dialect.name == "postgresql":
        security.install(conn)
    conn.execute(table_of(SchemaInfo).insert().values(id=1, version=SCHEMA_VERSION))
