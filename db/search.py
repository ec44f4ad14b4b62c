"""Full-text candidate search over passages, one implementation per dialect.

Callers pass plain search terms (words); this module alone builds the query syntax, and
it quotes every term, so nothing in a term can act as an operator (``NEAR``, ``*``,
``AND``/``OR``/``NOT``, quotes, parentheses, column filters).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from sqlalchemy import Connection, text
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


def fold(text: str) -> str:
    """``text`` lowercased with its accents taken off, for index and query alike.

    ``Zürich`` -> ``zurich``; dotted and dotless I (``İstanbul``, ``ıstanbul``) ->
    ``istanbul``. Compatibility forms are unfolded too (``ﬁ`` -> ``fi``). SQLite's index
    folds accents itself (``remove_diacritics 2``), so on both engines a query and the
    text it should find meet in this form.
    """
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.replace("ı", "i"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


_UNSPACED = (
    "\u0e00-\u0eff"  # Thai, Lao
    "\u1000-\u109f"  # Myanmar
    "\u1780-\u17ff"  # Khmer
    "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f"  # Hiragana, Katakana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"  # Han
)
_UNSPACED_RUN = re.compile(f"[{_UNSPACED}]+")
"""Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer,
Myanmar): no word splitter finds their words, so they are indexed and searched as
character n-grams."""


def _grams(run: str, with_unigrams: bool) -> list[str]:
    """A run of an unspaced script as overlapping character pairs (its vowel signs and
    tone marks dropped, as :func:`fold` drops accents), and its single characters when
    ``with_unigrams`` (the index; a query of one character searches that character)."""
    letters = "".join(c for c in run if not unicodedata.category(c).startswith("M"))
    if len(letters) < 2:
        return [letters] if letters else []
    pairs = [letters[i : i + 2] for i in range(len(letters) - 1)]
    return [*pairs, *letters] if with_unigrams else pairs


def search_words(text: str, index: bool = False) -> list[str]:
    """The words of ``text`` as search sees them, :func:`fold`-ed, in order.

    Word characters make a word; a run of an unspaced script gives its character pairs
    instead (and, for the ``index``, its single characters): ``北京地铁`` -> ``北京``,
    ``京地``, ``地铁``. Both engines index and query these same words, so a Chinese
    word inside unsegmented text is found.
    """
    folded = fold(text)
    if not _UNSPACED_RUN.search(folded):
        return _WORD.findall(folded)
    out: list[str] = []
    at = 0
    for run in _UNSPACED_RUN.finditer(folded):
        out += _WORD.findall(folded[at : run.start()])
        out += _grams(run.group(), index)
        at = run.end()
    out += _WORD.findall(folded[at:])
    return out


def index_text(text: str) -> str:
    """``text`` as SQLite's full-text index reads it: runs of an unspaced script become
    their n-grams (:func:`search_words`) separated by spaces; the rest is unchanged, for
    the index's own tokenizer (accents folded, Porter-stemmed)."""
    if text.isascii() or not _UNSPACED_RUN.search(text):
        return text
    return _UNSPACED_RUN.sub(lambda m: " " + " ".join(_grams(fold(m.group()), True)) + " ", text)


def safe_terms(terms: list[str], folded: bool = True) -> list[str]:
    """Reduce each term to its words (:func:`search_words`; unfolded, lowercased only,
    with ``folded`` False), dropping empties and repeats."""
    seen: dict[str, None] = {}
    for term in terms:
        for word in search_words(term) if folded else _WORD.findall(term.lower()):
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


MAX_TERM = 100
"""Longer words are not indexed, nor searched for (PostgreSQL refuses lexemes over 2 KiB;
no real word comes near)."""


def index_terms(text: str) -> list[str]:
    """The distinct terms of ``text`` as PostgreSQL's index holds them, in order.

    The words of :func:`safe_terms`, Porter-stemmed as SQLite's index stems them (word
    characters only, so a term never needs quoting). They are made here, in Python,
    rather than by ``to_tsvector`` on the server: a query's terms are made by this same
    function, so index and query cannot disagree, and an import's tokenising runs in the
    importing process, beside the server storing the rows sent before, instead of on
    the server's one core per connection (``to_tsvector`` cost it more than the rest of
    an insert).
    """
    return _terms(search_words(text, index=True))


def _terms(words: list[str]) -> list[str]:
    found = dict.fromkeys(map(_term, words))
    found.pop("", None)
    return list(found)


@lru_cache(maxsize=200_000)
def _term(word: str) -> str:
    """``word`` stemmed; "" for a word too long to index; a word the stemmer leaves
    empty ("s") as it is."""
    if len(word) > MAX_TERM:
        return ""
    return _stem(word) or word


def tsvector_literal(terms: list[str]) -> str:
    """Terms of :func:`index_terms` as a tsvector's text input: quoted, no positions."""
    return "'" + "' '".join(terms) + "'" if terms else ""


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


def choose_rarest(frequencies: dict[str, int], budget: int = POSTINGS_BUDGET) -> list[str]:
    """The terms held by the fewest rows, within the budget above (both engines).

    Terms no row holds are dropped.
    """
    known = sorted((t for t, n in frequencies.items() if n > 0), key=lambda t: (frequencies[t], t))
    chosen: list[str] = []
    postings = 0
    for term in known[:RAREST_TERMS]:
        if len(chosen) >= MIN_TERMS and postings + frequencies[term] > budget:
            break
        chosen.append(term)
        postings += frequencies[term]
    return chosen


def rarest(session: Session, words: list[str], index: FullText = PASSAGES) -> list[str]:
    """The words held by the fewest rows of ``index``, within the budget above (SQLite)."""
    frequencies = document_frequencies(session, words, index)
    return choose_rarest({w: frequencies[w] for w in dict.fromkeys(words)}, index.budget)


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

    ``among`` is SQL (never user text) selecting the ids a row must be one of. Terms are
    folded for the indexes that fold their text (all on SQLite, passages on PostgreSQL);
    PostgreSQL's fact-check and claim indexes (``to_tsvector``) keep accents.
    """
    postgres_tsvector = session.get_bind().dialect.name == "postgresql" and (
        index is not PASSAGES or among
    )
    words = safe_terms(terms, folded=not postgres_tsvector)
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
    if index is PASSAGES and not among:
        return _postgres_search(session, words, limit)
    ranked = session.execute(
        text(
            f"SELECT id, ts_rank_cd('{{0.1, {TITLE_WEIGHT}, 0.4, 1.0}}', tsv, q, 1) AS rank "
            f"FROM {index.table}, to_tsquery('english', :q) AS q "
            f"WHERE tsv @@ q{only.format(id='id')} ORDER BY rank DESC LIMIT :limit"
        ),
        {"q": " | ".join(words), "limit": limit},
    )
    return [(int(row[0]), float(row[1])) for row in ranked]


SINGLE_BUDGET = 1_000
"""PostgreSQL takes a passage holding just one chosen term only for the rarest terms,
while the passages they hold add up to no more than this; past them, a passage must
hold two chosen terms. The GIN index settles that by itself (the query is an OR of the
rare terms and of pairs of the others), so the table is read only for passages that
can rank: at a million passages, some hundreds instead of several thousand. In a small
store every chosen term fits the budget and the query is a plain OR."""

CANDIDATE_CAP = 20_000
"""PostgreSQL scores at most this many passages. Only a query made of common words
reaches it (the budgets keep others far below); it bounds what such a query costs."""

_PG_FREQUENCIES = (
    # How many passages hold each term; '' holds how many passages there are.
    "SELECT term, doc FROM term_stat WHERE term = ANY(%s)"
)


def _tsquery_lexeme(lexeme: str) -> str:
    """A lexeme quoted for tsquery or tsvector input: taken as it is, never parsed."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def _idf(passages: int, holding: int) -> float:
    """BM25's inverse document frequency, as SQLite's bm25() computes it."""
    return math.log((passages - holding + 0.5) / (holding + 0.5) + 1.0)


def _candidate_query(chosen: list[str], frequencies: dict[str, int]) -> str:
    """The tsquery of the passages worth scoring: any of the rarest chosen terms (within
    ``SINGLE_BUDGET``), or two of the others."""
    quoted = [_tsquery_lexeme(t) for t in chosen]
    singles, postings = 0, 0
    for term in chosen:
        if singles and postings + frequencies[term] > SINGLE_BUDGET:
            break
        singles += 1
        postings += frequencies[term]
    rest = quoted[singles:]
    pairs = [f"({a} & {b})" for i, a in enumerate(rest) for b in rest[i + 1 :]]
    return " | ".join(quoted[:singles] + pairs)


def _postgres_search(session: Session, words: list[str], limit: int) -> list[tuple[int, float]]:
    """Rarest lexemes from ``term_stat``, then one GIN query scoring by their IDF.

    Each candidate scores the sum of the IDF of the chosen lexemes it holds (title or
    text alike), the part of BM25 that matters for passages of similar length; it
    costs a few lexeme look-ups a row, where ``ts_rank_cd`` cost ten times as much.
    Both statements are the driver's own SQL with the values as parameters, so psycopg
    prepares them on the server after a few uses (no planning per query).
    """
    conn = session.connection()
    terms = _terms(words)
    rows = conn.exec_driver_sql(_PG_FREQUENCIES, ([*terms, ""],)).all()
    frequencies = {str(term): int(doc) for term, doc in rows if term}
    passages = next((int(doc) for term, doc in rows if not term), 0)
    chosen = choose_rarest(frequencies)
    if not chosen:
        return []
    weights = [_idf(max(passages, frequencies[t]), frequencies[t]) for t in chosen]
    score = " + ".join("CASE WHEN tsv @@ %s::tsquery THEN %s::float8 ELSE 0 END" for _ in chosen)
    query = (
        f"SELECT id, {score} AS score FROM ("
        "SELECT id, tsv FROM passage WHERE tsv @@ %s::tsquery LIMIT %s"
        ") AS candidate ORDER BY score DESC, id LIMIT %s"
    )
    quoted = [_tsquery_lexeme(t) for t in chosen]
    pairs = [value for pair in zip(quoted, weights, strict=True) for value in pair]
    params = (*pairs, _candidate_query(chosen, frequencies), CANDIDATE_CAP, limit)
    # The planner cannot know how rare the chosen terms are (term_stat is ours; its own
    # statistics are sampled, or missing right after a big import) and, guessing a
    # large share of the table, would read all of it past the LIMIT: 1.7 s at a million
    # passages instead of a few ms through the index.
    conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
    try:
        return [(int(pid), float(s)) for pid, s in conn.exec_driver_sql(query, params)]
    finally:
        conn.exec_driver_sql("SET LOCAL enable_seqscan = on")


def index_new_passages(session: Session, after_id: int) -> None:
    """Index every passage with id above ``after_id`` (the import's transaction).

    SQLite: add them to the full-text index. PostgreSQL (whose passages carry their
    tsvector from the insert): add the terms counted as they were inserted to
    ``term_stat``, so its statistics commit or roll back with the passages themselves.
    The upsert takes the terms in order, so two imports committing at once wait for
    each other rather than deadlock.
    """
    if session.get_bind().dialect.name == "sqlite":
        # Only text that is not ASCII (its length in bytes differs) can hold an unspaced
        # script, so only that goes through index_text (the engine registers it).
        session.execute(
            text(
                "INSERT INTO passage_fts(rowid, text, title) "
                "SELECT id, "
                "CASE WHEN length(text) = length(CAST(text AS BLOB)) THEN text "
                "ELSE verify_index_text(text) END, "
                "CASE WHEN length(title) = length(CAST(title AS BLOB)) THEN title "
                "ELSE verify_index_text(title) END "
                "FROM passage_search WHERE id > :after"
            ),
            {"after": after_id},
        )
        return
    counts: Counter[str] = session.info.pop(TERM_COUNTS, Counter())
    passages = int(
        session.execute(
            text("SELECT count(*) FROM passage WHERE id > :after"), {"after": after_id}
        ).scalar_one()
    )
    counts[""] = passages
    terms = sorted(counts)
    session.connection().exec_driver_sql(
        "INSERT INTO term_stat (term, doc) SELECT * FROM unnest(%s::text[], %s::int[]) "
        "ORDER BY 1 ON CONFLICT (term) DO UPDATE SET doc = term_stat.doc + excluded.doc",
        (terms, [counts[t] for t in terms]),
    )


TERM_COUNTS = "verify_term_counts"
"""Key in a session's ``info`` of the passages per term its import has inserted so far
(PostgreSQL), which :func:`index_new_passages` adds to ``term_stat``."""


def count_new_terms(session: Session, terms: list[str]) -> None:
    """Count one new passage's distinct ``terms`` towards ``term_stat`` (PostgreSQL)."""
    counts = session.info.get(TERM_COUNTS)
    if counts is None:
        counts = session.info[TERM_COUNTS] = Counter()
    counts.update(terms)


def reindex(conn: Connection) -> None:
    """Remake every passage's tsvector and ``term_stat`` (PostgreSQL; an upgrade runs it)."""
    last = 0
    while True:
        rows = conn.exec_driver_sql(
            "SELECT p.id, p.text, coalesce(s.title, '') FROM passage AS p "
            "JOIN source AS s ON s.id = p.source_id WHERE p.id > %s ORDER BY p.id LIMIT 5000",
            (last,),
        ).all()
        if not rows:
            break
        titles: dict[str, list[str]] = {}
        ids, vectors = [], []
        for pid, body, title in rows:
            if title not in titles:
                titles[title] = index_terms(title)
            ids.append(pid)
            vectors.append(tsvector_literal(index_terms(body) + titles[title]))
        conn.exec_driver_sql(
            "UPDATE passage SET tsv = v.tsv::tsvector FROM unnest(%s::int[], %s::text[]) "
            "AS v(id, tsv) WHERE passage.id = v.id",
            (ids, vectors),
        )
        last = ids[-1]
    conn.exec_driver_sql("DELETE FROM term_stat")
    conn.exec_driver_sql(
        "INSERT INTO term_stat (term, doc) "
        "SELECT word, ndoc FROM ts_stat('SELECT tsv FROM passage') "
        "UNION ALL SELECT '', count(*) FROM passage"
    )


def refresh_term_stats(session: Session, index: FullText = PASSAGES) -> None:
    """Recount how many rows of ``index`` hold each term (SQLite), after a run of imports.

    It reads the whole index, so it runs once per import, not once per file; until it
    runs, terms it does not know are counted from the index as they are queried.
    PostgreSQL keeps the passages' counts current in each import's transaction; here it
    merges their GIN index's pending list (where inserts wait, and every search reads)
    into the index itself, when this role owns the index.
    """
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite" and index.stats:
        session.execute(text(f"DELETE FROM {index.stats}"))
        session.execute(text(f"INSERT INTO {index.stats} SELECT term, doc FROM {index.vocab}"))
    elif dialect == "postgresql" and index is PASSAGES:
        session.execute(
            text(
                "SELECT gin_clean_pending_list(c.oid) FROM pg_class AS c "
                "WHERE c.oid = 'ix_passage_tsv'::regclass AND pg_has_role(c.relowner, 'USAGE')"
            )
        )
