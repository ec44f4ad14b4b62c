"""Full-text candidate search over passages, one implementation per dialect.

Callers pass plain search terms (words); this module alone builds the query syntax, and
it quotes every term, so nothing in a term can act as an operator (``NEAR``, ``*``,
``AND``/``OR``/``NOT``, quotes, parentheses, column filters).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from sqlalchemy import text
from sqlmodel import Session

TITLE_WEIGHT = 1.0
"""A word in the source's title counts as much as one in the passage (SQLite's bm25
column weight; PostgreSQL's weight for the title's class C). On the CheckThat train
split, 1.0 ranked better than 0.3 (MAP@5 0.840 against 0.830); 0.6 to 2.0 were alike."""

RAREST_TERMS = 32
MIN_TERMS = 4
POSTINGS_BUDGET = 8_000
"""SQLite ORs together only a claim's rarest terms: at least ``MIN_TERMS``, at most
``RAREST_TERMS``, and past the minimum only while the passages they hold add up to no
more than ``POSTINGS_BUDGET``. A common word adds thousands of rows to rank and little
to find; the rerank restores what wording it carries. The budget keeps a big store fast;
in a small one every word of a long query fits it, and up to 32 of them ranked better
than 16 on the CheckThat train split (MAP@5 0.864 against 0.840; 48 gave 0.867). The
minimum of 4 (it was 3) is for paraphrases with a stray rare word: at a million
passages the three rarest words of a noisy claim were sometimes two words its source
does not hold, and recall@10 rose from 0.985 to 0.995 at 1 ms more a claim."""

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Hit:
    passage_id: int
    score: float  # larger is better; comparable within one query only


@dataclass(frozen=True)
class FullText:
    """One full-text index: its SQLite tables and its PostgreSQL table (column ``tsv``)."""

    fts: str  # the FTS5 table
    vocab: str  # its fts5vocab 'row' table
    stats: str | None  # a term_stat-like table refreshed after imports, if any
    bm25_weights: str  # bm25() column weights
    table: str  # the PostgreSQL table with the tsvector column ``tsv``
    rarest: bool = True  # OR only the rarest terms (SQLite); else the first RAREST_TERMS
    budget: int = POSTINGS_BUDGET  # rows the rarest terms may hold together (see above)


PASSAGES = FullText("passage_fts", "passage_vocab", "term_stat", f"1.0, {TITLE_WEIGHT}", "passage")
FACTCHECKS = FullText(
    "factcheck_fts",
    "factcheck_vocab",
    "factcheck_term_stat",
    f"1.0, {TITLE_WEIGHT}",
    "factcheck",
    budget=2_000,
)
"""Published fact-checks: the claim, and the review's title weighed as a passage's title.
A smaller budget than passages': a claim is looked up in them on every import and every
``verify match``, and at 100,000 fact-checks 8,000 rows cost 21 ms a claim."""
CLAIMS = FullText("claim_fts", "claim_vocab", None, "1.0", "claim", rarest=False)
"""The team's own claims: thousands, not millions, so every term is searched and no
statistics are kept (they would change with every article)."""


def safe_terms(terms: list[str]) -> list[str]:
    """Reduce each term to its word characters, lowercased, dropping empties and repeats."""
    seen: dict[str, None] = {}
    for term in terms:
        for word in _WORD.findall(term.lower()):
            seen.setdefault(word, None)
    return list(seen)


def _fts5_query(terms: list[str]) -> str:
    return " OR ".join(f'"{term}"' for term in terms)


@lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    # The Porter algorithm, as FTS5's porter tokenizer applies it.
    return snowballstemmer.stemmer("porter")


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    """``word`` as the index stores it (the pure-Python stemmer is slow, words repeat)."""
    return str(_stemmer().stemWord(word))


def document_frequencies(
    session: Session, words: list[str], index: FullText = PASSAGES
) -> dict[str, int]:
    """How many rows of ``index`` hold each word, after its stemming (SQLite only).

    Read from its statistics table (``term_stat`` for passages); a term it lacks (new
    since the last refresh), or every term of an index without one, is counted from
    the index itself.
    """
    stems = {word: _stem(word) for word in words}
    unique = sorted(set(stems.values()))
    # The driver's own SQL: these run several times per claim, where the ORM's
    # statement handling costs more than SQLite's lookup.
    conn = session.connection()
    marks = ",".join("?" for _ in unique)
    known: dict[str, int] = {}
    if index.stats:
        known = dict(
            conn.exec_driver_sql(
                f"SELECT term, doc FROM {index.stats} WHERE term IN ({marks})", tuple(unique)
            ).all()
        )
    for stem in unique:
        if stem not in known:
            doc = conn.exec_driver_sql(
                f"SELECT doc FROM {index.vocab} WHERE term = ?", (stem,)
            ).scalar()
            known[stem] = int(doc or 0)
    return {word: int(known[stem]) for word, stem in stems.items()}


def rarest(session: Session, words: list[str], index: FullText = PASSAGES) -> list[str]:
    """The words held by the fewest rows of ``index``, within the budget above.

    Words no row holds are dropped.
    """
    frequencies = document_frequencies(session, words, index)
    known = sorted((w for w in words if frequencies[w] > 0), key=lambda w: frequencies[w])
    chosen: list[str] = []
    postings = 0
    for word in known[:RAREST_TERMS]:
        if len(chosen) >= MIN_TERMS and postings + frequencies[word] > index.budget:
            break
        chosen.append(word)
        postings += frequencies[word]
    return chosen


def search_passages(session: Session, terms: list[str], limit: int = 200) -> list[Hit]:
    """The best ``limit`` passages containing any of ``terms``, best first."""
    return [Hit(i, score) for i, score in search_index(session, PASSAGES, terms, limit)]


def search_index(
    session: Session,
    index: FullText,
    terms: list[str],
    limit: int = 200,
    among: str | None = None,
) -> list[tuple[int, float]]:
    """(row id, score) of the best ``limit`` rows of ``index`` holding any of ``terms``.

    ``among`` is SQL (never user text) selecting the ids a row must be one of.
    """
    words = safe_terms(terms)
    if not words:
        return []
    only = f" AND {{id}} IN ({among})" if among else ""
    if session.get_bind().dialect.name == "sqlite":
        words = rarest(session, words, index) if index.rarest else words[:RAREST_TERMS]
        if not words:
            return []
        rows = session.connection().exec_driver_sql(
            f"SELECT rowid, bm25({index.fts}, {index.bm25_weights}) AS rank FROM {index.fts} "
            f"WHERE {index.fts} MATCH ?{only.format(id='rowid')} ORDER BY rank LIMIT ?",
            (_fts5_query(words), limit),
        )
        return [(int(row[0]), -float(row[1])) for row in rows]
    rows = session.execute(
        text(
            f"SELECT id, ts_rank_cd('{{0.1, {TITLE_WEIGHT}, 0.4, 1.0}}', tsv, q, 1) AS rank "
            f"FROM {index.table}, to_tsquery('english', :q) AS q "
            f"WHERE tsv @@ q{only.format(id='id')} ORDER BY rank DESC LIMIT :limit"
        ),
        {"q": " | ".join(words), "limit": limit},
    )
    return [(int(row[0]), float(row[1])) for row in rows]


def index_new_passages(session: Session, after_id: int) -> None:
    """Add every passage with id above ``after_id`` to the full-text index (SQLite).

    PostgreSQL indexes each passage as it is inserted (a trigger fills its tsvector).
    """
    if session.get_bind().dialect.name == "sqlite":
        session.execute(
            text(
                "INSERT INTO passage_fts(rowid, text, title) "
                "SELECT id, text, title FROM passage_search WHERE id > :after"
            ),
            {"after": after_id},
        )


def refresh_term_stats(session: Session, index: FullText = PASSAGES) -> None:
    """Recount how many rows of ``index`` hold each term (SQLite), after a run of imports.

    It reads the whole index, so it runs once per import, not once per file; until it
    runs, terms it does not know are counted from the index as they are queried.
    """
    if session.get_bind().dialect.name == "sqlite" and index.stats:
        session.execute(text(f"DELETE FROM {index.stats}"))
        session.execute(text(f"INSERT INTO {index.stats} SELECT term, doc FROM {index.vocab}"))
