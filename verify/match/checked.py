"""Has this claim been checked before? Its matches in the fact-check archives and in the
team's own verdicts on earlier claims of other articles.

Candidates come from full-text search over the archive (claim and review title) and
over the team's claims that have a verdict, as evidence candidates do
(:func:`db.search.search_index`). Each is scored::

    checked(C, F) = W_MATCH * match + (1 - W_MATCH) * token_set

where ``match`` is the evidence score of F's claim for C (:mod:`verify.match.score`,
without an article's context, so a tweet and an article's claim are scored alike) and
``token_set`` is rapidfuzz ``token_set_ratio`` of C and F's claim with its title. The
match score ranks well but is relative to the best candidate; ``token_set`` is an
absolute measure of the same words, which is what a threshold needs (on the CheckThat!
2020 train split the mix ranked as well as either alone and separated better than the
match score). A match counts only at ``THRESHOLD`` or above: the lowest score at which
at least 90% of the train split's never-checked tweets stay clean, since a false
"checked before" misleads an analyst more than a missed one costs
(``benchmarks/checked_before.py`` prints precision, recall and the clean rate at each
threshold on train and dev, beside token_set_ratio alone).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, utils
from sqlmodel import Session

from db import claims as claim_db
from db import factchecks as factcheck_db
from db.models import id_of
from db.session import Database
from verify.match.rank import query_terms
from verify.match.score import rerank
from verify.text import normalise

W_MATCH = 0.4
THRESHOLD = 68.0
POOL = 20  # full-text candidates per archive
SHOWN = 3  # matches kept per claim

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Candidate:
    """A match before the threshold: an archive entry or an earlier claim, and its score."""

    score: float
    factcheck_id: int | None = None
    earlier_claim_id: int | None = None

    def row(self) -> dict[str, float | int | None]:
        return {
            "score": self.score,
            "factcheck_id": self.factcheck_id,
            "earlier_claim_id": self.earlier_claim_id,
        }


def scores(claim: str, candidates: Sequence[tuple[str, str, float]]) -> list[float]:
    """The checked-before score of each candidate (its claim, its claim with title, its
    full-text score), in order."""
    if not candidates:
        return []
    best = max(lexical for _, _, lexical in candidates)
    relative = [
        (text, 100.0 * max(lexical, 0.0) / best if best > 0 else 0.0)
        for text, _, lexical in candidates
    ]
    ranked = rerank(claim, relative, (), top_k=len(candidates))
    match = [0.0] * len(candidates)
    for index, scored in ranked:
        match[index] = scored.score
    query = utils.default_process(normalise(claim))
    return [
        round(
            W_MATCH * match[i]
            + (1 - W_MATCH) * fuzz.token_set_ratio(query, utils.default_process(whole)),
            2,
        )
        for i, (_, whole, _) in enumerate(candidates)
    ]


def candidates(
    session: Session, claim: str, article_id: int | None = None, pool: int = POOL
) -> list[Candidate]:
    """Every candidate of both archives for ``claim``, best first, whatever its score.

    Earlier claims of ``article_id`` (the claim's own article) are not candidates.
    """
    terms = query_terms(claim)
    found: list[Candidate] = []
    hits = factcheck_db.search_factchecks(session, terms, pool)
    archive = factcheck_db.texts_by_id(session, [i for i, _ in hits])
    hits = [(i, s) for i, s in hits if i in archive]
    texts = [(archive[i][0], f"{archive[i][0]} {archive[i][1] or ''}", s) for i, s in hits]
    found += [
        Candidate(score, factcheck_id=i)
        for (i, _), score in zip(hits, scores(claim, texts), strict=True)
    ]
    team_hits = factcheck_db.search_judged_claims(session, terms, pool)
    judged = factcheck_db.judged_claims(session, [i for i, _ in team_hits])
    team_hits = [(i, s) for i, s in team_hits if i in judged and judged[i].article_id != article_id]
    texts = [(judged[i].text, judged[i].text, s) for i, s in team_hits]
    found += [
        Candidate(score, earlier_claim_id=i)
        for (i, _), score in zip(team_hits, scores(claim, texts), strict=True)
    ]
    found.sort(key=lambda c: -c.score)
    return found


def checked_before(
    session: Session, claim: str, article_id: int | None = None, threshold: float = THRESHOLD
) -> list[Candidate]:
    """The claim's matches at ``threshold`` or above, best first, at most ``SHOWN``."""
    return [c for c in candidates(session, claim, article_id) if c.score >= threshold][:SHOWN]


def refresh_checked(
    db: Database,
    article_id: int | None = None,
    claim_ids: Sequence[int] | None = None,
    progress: Progress | None = None,
) -> int:
    """Recompute and store the checked-before matches of claims (of one article, the
    given ones, or all), each claim in its own short write. Returns claims refreshed."""
    with db.read() as session:
        todo = claim_db.claims(session, article_id=article_id, ids=claim_ids)
    for done, claim in enumerate(todo):
        if progress:
            progress(done, len(todo), claim.text)
        with db.read() as session:
            found = checked_before(session, claim.text, claim.article_id)
        with db.write() as session:
            factcheck_db.store_checked(session, id_of(claim), [c.row() for c in found])
    if progress:
        progress(len(todo), len(todo), "")
    return len(todo)
