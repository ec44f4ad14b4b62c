"""Matching stored claims against the evidence store and keeping the results as links."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from db import articles as article_db
from db import claims as claim_db
from db import factchecks as factcheck_db
from db import links as link_db
from db.models import id_of
from db.session import Database
from verify.extract.entities import named_entities
from verify.match.checked import checked_before
from verify.match.rank import DEFAULT_TOP_K, Match, rank
from verify.progress import Progress

CONTEXT_ENTITIES = 3


def article_context(text: str) -> tuple[str, ...]:
    """The entities an article names most often: its subject when a claim names none."""
    counts = Counter({entity: text.count(entity) for entity in named_entities(text)})
    return tuple(entity for entity, n in counts.most_common(CONTEXT_ENTITIES) if n > 1)


def link_rows(matches: Sequence[Match]) -> list[dict]:
    return [
        {
            "passage_id": m.passage_id,
            "score": m.score,
            "rank": i,
            "method": "fts+fuzzy+embedding" if "semantic" in m.parts else "fts+fuzzy",
            "span_start": m.span_start,
            "span_end": m.span_end,
            "stance_hint": m.stance_hint,
            "stance_reason": m.stance_reason,
            "stance_confidence": m.stance_confidence,
            "numbers": m.numbers,
        }
        for i, m in enumerate(matches)
    ]


def rank_texts(
    db: Database,
    texts: Sequence[str],
    context: Sequence[str] = (),
    top_k: int = DEFAULT_TOP_K,
    progress: Progress | None = None,
    article_id: int | None = None,
) -> list[tuple[list[dict], list[dict]]]:
    """For each of ``texts`` (claims not stored yet): its evidence link rows and its
    checked-before rows, found in reads only (``article_id``: the claims' own article,
    whose claims are not "checked before").

    An article import ranks its claims with this first, so that the article, its claims,
    their links and matches are stored in one transaction: all of it lands, or none.
    """
    out = []
    for done, claim in enumerate(texts):
        if progress:
            progress(done, len(texts), claim)
        with db.read() as session:
            links = link_rows(rank(session, claim, context, top_k=top_k))
            earlier = [c.row() for c in checked_before(session, claim, article_id)]
        out.append((links, earlier))
    if progress:
        progress(len(texts), len(texts), "")
    return out


def match_claims(
    db: Database,
    article_id: int | None = None,
    claim_ids: Sequence[int] | None = None,
    top_k: int = DEFAULT_TOP_K,
    progress: Progress | None = None,
) -> int:
    """Rank evidence for claims (of one article, the given ones, or all) and store it,
    with each claim's checked-before matches (:mod:`verify.match.checked`).

    Each claim is ranked in a read transaction and stored in its own short write
    transaction, so other analysts are never blocked for long. Returns claims matched.
    """
    with db.read() as session:
        todo = claim_db.claims(session, article_id=article_id, ids=claim_ids)
        contexts = {
            a.id: article_context(a.text)
            for a in article_db.articles(session)
            if a.id in {c.article_id for c in todo}
        }
    for done, claim in enumerate(todo):
        if progress:
            progress(done, len(todo), claim.text)
        with db.read() as session:
            matches = rank(session, claim.text, contexts.get(claim.article_id, ()), top_k=top_k)
            earlier = checked_before(session, claim.text, claim.article_id)
        with db.write() as session:
            link_db.store_links(session, id_of(claim), link_rows(matches))
            factcheck_db.store_checked(session, id_of(claim), [c.row() for c in earlier])
    if progress:
        progress(len(todo), len(todo), "")
    return len(todo)
