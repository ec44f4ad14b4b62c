"""How far analysts agree: percent agreement and Cohen's kappa, per article.

For every pair of analysts with verdicts on the same claims of an article: the share
of those claims rated alike, and Cohen's kappa, (p_o - p_e) / (1 - p_e), where p_e is
the agreement expected by chance from each analyst's own spread of ratings.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import combinations

from db import articles as article_db
from db import blind as blind_db
from db import verdicts as verdict_db
from db.models import id_of
from db.session import Database


@dataclass(frozen=True)
class Agreement:
    article_id: int
    title: str
    first: str
    second: str
    claims: int
    percent: float
    kappa: float | None  # None when chance agreement is total (both always gave one rating)


def cohen_kappa(pairs: list[tuple[str, str]]) -> tuple[float, float | None]:
    """Percent agreement (0..100) and Cohen's kappa of paired ratings."""
    n = len(pairs)
    observed = sum(1 for a, b in pairs if a == b) / n
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    expected = sum(first[r] * second[r] for r in first) / (n * n)
    kappa = None if expected == 1 else (observed - expected) / (1 - expected)
    return 100 * observed, kappa


def agreement(
    db: Database, article_id: int | None = None, viewer: str | None = None
) -> list[Agreement]:
    """Agreement per article and pair of analysts, over the claims ``viewer`` may see
    whole (blind review: a claim counts once two analysts' verdicts are in)."""
    out = []
    with db.read() as session:
        for article in article_db.articles(session):
            if article_id is not None and article.id != article_id:
                continue
            by_claim = verdict_db.verdicts_by_analyst(session, id_of(article))
            view = blind_db.blind_view(session, [id_of(article)], viewer)
            by_claim = view.each_analyst(by_claim)
            names = sorted({name for verdicts in by_claim.values() for name in verdicts})
            for first, second in combinations(names, 2):
                pairs = [
                    (v[first].rating, v[second].rating)
                    for v in by_claim.values()
                    if first in v and second in v
                ]
                if pairs:
                    percent, kappa = cohen_kappa(pairs)
                    out.append(
                        Agreement(
                            id_of(article), article.title, first, second, len(pairs), percent, kappa
                        )
                    )
    return out
