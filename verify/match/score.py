"""The evidence score: one formula, 0..100, in one place.

For a claim C and a candidate passage P found by full-text search, for each clause K
of C (the whole claim is one, see :mod:`verify.match.clauses`)::

    score(K) = 0.30 * token_set   # rapidfuzz token_set_ratio(K, P): K's words found in P
             + 0.10 * partial     # rapidfuzz partial_ratio(K, P): best aligned window of P
             + 0.45 * lexical     # P's full-text rank score / the best candidate's, x 100
             + 0.15 * subject     # share of K's subject entities named in P, x 100

(weights tuned on the demo and on the CheckThat 2020 train split; dev is for reporting).

and score(C, P) is the best score(K). The subject entities are the named people,
bodies and places of the clause (weight 0.6) and the context, the entities the article
names most (weight 0.4); with none at all, ``token_set`` stands in. For a claim from an
article (one with a context), a passage that names none of them while the claim has
some is about something else: its score is multiplied by ``OFF_SUBJECT``. The subject
term and that factor are what put a passage about the same country or body above one
that repeats the claim's words about another. A query on its own (a search, a tweet)
has no context to confirm what its capitalised words are, and hashtags, handles and
shouted words pass for names there: on the CheckThat train split the factor cost 0.05
MAP@5 (0.783 against 0.830 without it), so without a context it is not applied.

With the optional embeddings on (:mod:`verify.match.embed`), a semantic term joins::

    score'(K) = (1 - W_SEMANTIC) * score(K) + W_SEMANTIC * semantic

where ``semantic`` is the cosine of the whole claim's and P's sentence embeddings
(P with its source's title), floored at 0, x 100; ``W_SEMANTIC`` = 0.65, tuned on the
CheckThat train split. With embeddings off, score'(K) = score(K) exactly.

``partial`` is the costly part, so :func:`rerank` first scores every candidate with
``token_set`` standing in for it, then computes it for the best ``FULL_SCORE`` only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from verify.extract.entities import named_entities
from verify.match.clauses import clauses
from verify.text import comparable, normalise

W_TOKEN_SET = 0.30
W_PARTIAL = 0.10
W_LEXICAL = 0.45
W_SUBJECT = 0.15
W_OWN, W_CONTEXT = 0.6, 0.4
ENTITY_MATCH = 88  # partial_ratio at which an entity counts as named in the passage
FULL_SCORE = 20  # candidates whose partial ratio and alignment are computed
OFF_SUBJECT = 0.6
W_SEMANTIC = 0.65  # only with the optional embeddings on


@dataclass(frozen=True)
class Scored:
    score: float
    span_start: int
    span_end: int
    parts: dict[str, float]


@dataclass(frozen=True)
class _Clause:
    text: str  # comparable form
    own: tuple[str, ...]  # comparable forms of its entities


def _coverage(entities: Sequence[str], passage_c: str) -> float | None:
    if not entities:
        return None
    found = sum(
        1
        for e in entities
        if e in passage_c or fuzz.partial_ratio(e, passage_c, score_cutoff=ENTITY_MATCH)
    )
    return 100.0 * found / len(entities)


def _subject(own: Sequence[str], context_part: float | None, passage_c: str) -> float | None:
    """The subject term, given the context's coverage of the passage (same for every
    clause, so computed once per passage)."""
    own_part = _coverage(own, passage_c)
    if own_part is None and context_part is None:
        return None
    if own_part is None:
        return context_part
    if context_part is None:
        return own_part
    return W_OWN * own_part + W_CONTEXT * context_part


def _total(
    token_set: float,
    partial: float,
    lexical: float,
    subject: float | None,
    semantic: float | None = None,
    off_subject: float = OFF_SUBJECT,
) -> float:
    """The formula; ``subject`` None means the claim has no subject entities at all,
    ``semantic`` None that embeddings are off; ``off_subject`` is 1 without a context."""
    if subject is None:
        subject = token_set
    total = (
        W_TOKEN_SET * token_set + W_PARTIAL * partial + W_LEXICAL * lexical + W_SUBJECT * subject
    )
    total = total * off_subject if subject == 0 else total
    if semantic is None:
        return total
    return (1 - W_SEMANTIC) * total + W_SEMANTIC * semantic


def rerank(
    claim: str,
    candidates: Sequence[tuple[str, float]],
    context: Sequence[str] = (),
    top_k: int = 10,
    semantic: Sequence[float] | None = None,
) -> list[tuple[int, Scored]]:
    """The best ``top_k`` of ``candidates`` (passage text, lexical 0..100) for ``claim``.

    ``context`` holds the article's main entities; ``semantic``, with embeddings on, the
    semantic term of each candidate. Returns (index into ``candidates``, score), best
    first.
    """
    sem: Sequence[float | None] = semantic if semantic is not None else [None] * len(candidates)
    parts = [
        _Clause(comparable(text), tuple(comparable(e) for e in named_entities(text)))
        for text in clauses(normalise(claim))
    ]
    context_c = [comparable(e) for e in context]
    off = OFF_SUBJECT if context_c else 1.0
    texts = [comparable(text) for text, _ in candidates]
    # token_set of every clause against every candidate
    token_sets = [[0.0] * len(texts) for _ in parts]
    for k, clause in enumerate(parts):
        for _, value, i in process.extract(
            clause.text, texts, scorer=fuzz.token_set_ratio, limit=None
        ):
            token_sets[k][i] = float(value)
    rough = []
    for i, passage_c in enumerate(texts):
        lexical = candidates[i][1]
        context_part = _coverage(context_c, passage_c)
        best = max(
            (
                _total(token_sets[k][i], token_sets[k][i], lexical, subject, sem[i], off),
                k,
                subject,
            )
            for k, clause in enumerate(parts)
            for subject in [_subject(clause.own, context_part, passage_c)]
        )
        rough.append((best[0], i, best[1], best[2]))
    rough.sort(key=lambda item: -item[0])
    scored = []
    for _, i, k, subject in rough[: max(FULL_SCORE, top_k)]:
        alignment = fuzz.partial_ratio_alignment(parts[k].text, texts[i])
        partial = alignment.score if alignment else 0.0
        start, end = (alignment.dest_start, alignment.dest_end) if alignment else (0, 0)
        token_set, lexical = token_sets[k][i], candidates[i][1]
        total = round(_total(token_set, partial, lexical, subject, sem[i], off), 2)
        parts_i = {
            "token_set": token_set,
            "partial": partial,
            "lexical": lexical,
            "subject": token_set if subject is None else subject,
            "clause": float(k),
        }
        similarity = sem[i]
        if similarity is not None:
            parts_i["semantic"] = similarity
        scored.append((i, Scored(total, start, end, parts_i)))
    scored.sort(key=lambda item: (-item[1].score, item[0]))
    return scored[:top_k]
