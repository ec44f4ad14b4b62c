"""The facts every report format renders, gathered once from the database.

Each format is a view of one :class:`Report`, so a verdict, a rating, an analyst or a
piece of evidence can never differ between the Markdown, HTML, JSON, CSV and
ClaimReview exports of the same database.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import PurePath

from db import articles as article_db
from db import blind as blind_db
from db import claims as claim_db
from db import factchecks as factcheck_db
from db import links as link_db
from db import verdicts as verdict_db
from db import versions as version_db
from db.factchecks import Earlier
from db.models import EvidenceLink, Passage, Source, Verdict
from db.models import iso_utc as iso_utc  # the one format of a time leaving the system
from db.session import Database
from verify.config import Rating, Settings
from verify.errors import InputError
from verify.match.reliability import LEVEL_NAMES
from verify.read import place

ANALYST_CITES = ("supports", "contradicts")
"""Labels that make an analyst's citation; ``context`` ones follow them."""

MACHINE_CITES = 3
"""How many machine matches a claim cites when no analyst has labelled any evidence."""

NO_VERDICT = "No verdict"


@dataclass(frozen=True)
class ReportSource:
    id: int
    title: str | None
    publisher: str | None
    url: str | None
    path: str | None
    external_id: str | None
    published_at: str | None
    reliability: str | None = None
    """The publisher's rating as the team set it (primary, official, monitor, press,
    unverified), None if unrated."""

    @property
    def reliability_name(self) -> str | None:
        return LEVEL_NAMES.get(self.reliability or "")

    @property
    def label(self) -> str:
        """A name to show: the title, else the file name, else the record id."""
        if self.title:
            return self.title
        if self.path:
            return PurePath(self.path).name
        if self.external_id:
            return self.external_id
        return f"Source {self.id}"


@dataclass(frozen=True)
class ReportEvidence:
    link_id: int
    passage_id: int
    score: float
    stance: str | None
    """The analyst's label (supports, contradicts, context, irrelevant), or None."""
    stance_hint: str
    """The machine's hint; never the analyst's label."""
    text: str
    span: tuple[int, int] | None
    """Where the claim matched in ``text`` (character offsets), if it did."""
    labelled_by: str | None
    note: str | None
    source: ReportSource
    page: int | None = None
    """The PDF page the passage starts on."""
    paragraph: int | None = None
    """The Word paragraph the passage starts at."""
    stance_confidence: float | None = None
    """The judge's probability for its hint; None when there is no hint."""
    stance_reason: str | None = None
    numbers: dict | None = None
    """The figures compared: {"agree": bool, "figures": [{"claim", "passage", "agree"}]}."""

    @property
    def place(self) -> str | None:
        """Where the passage is in its source: "p. 14" (PDF), "para. 3" (Word), else None."""
        return place(self.page, self.paragraph)

    @property
    def numbers_differ(self) -> bool:
        return bool(self.numbers) and not (self.numbers or {}).get("agree", True)


@dataclass(frozen=True)
class VerdictView:
    """A verdict as every reader shows it: the workbench, the CLI and the reports."""

    id: int
    claim_id: int
    rating: str
    rating_value: int | None
    confidence: float | None
    rationale: str | None
    analyst: str
    state: str
    at: datetime
    """When it was recorded, naive UTC."""
    approved_by: str | None = None

    @classmethod
    def of(cls, v: Verdict) -> VerdictView:
        return cls(
            v.id or 0,
            v.claim_id,
            v.rating,
            v.rating_value,
            v.confidence,
            v.rationale,
            v.analyst,
            v.state,
            v.created_at,
            v.approved_by,
        )


@dataclass(frozen=True)
class ReportClaim:
    id: int
    text: str
    speaker: str | None
    sentence: str
    start: int
    end: int
    kind: str
    checkworthiness: float
    status: str
    verdict: VerdictView | None
    evidence: tuple[ReportEvidence, ...]
    """All linked evidence, best score first."""
    turn: str | None = None
    """In a transcript: the turn's timestamp ("00:01:23") or line ("line 12")."""
    checked_before: tuple[Earlier, ...] = ()
    """Published fact-checks and the team's earlier verdicts on this claim, best first."""
    changed_in: int | None = None
    """The article version in which the claim's sentence changed, if it did."""
    previous_text: str | None = None
    """The claim's text before that change."""
    changed_since_verdict: bool = False
    """Whether its verdict was recorded before that change."""
    removed_in: int | None = None
    """The version the claim is no longer in (then it is in ``ReportArticle.removed``)."""

    @property
    def cited_by_analyst(self) -> bool:
        """Whether an analyst labelled evidence as supporting, contradicting or context."""
        return any(e.stance in (*ANALYST_CITES, "context") for e in self.evidence)

    @property
    def cited(self) -> tuple[ReportEvidence, ...]:
        """The evidence a report cites, best first.

        What an analyst labelled ``supports`` or ``contradicts``, then ``context``; when
        nothing is labelled, the top machine matches not marked irrelevant.
        """
        if self.cited_by_analyst:
            decisive = [e for e in self.evidence if e.stance in ANALYST_CITES]
            context = [e for e in self.evidence if e.stance == "context"]
            return (*decisive, *context)
        return tuple(e for e in self.evidence if e.stance != "irrelevant")[:MACHINE_CITES]

    @property
    def best_evidence(self) -> ReportEvidence | None:
        cited = self.cited
        return cited[0] if cited else None


@dataclass(frozen=True)
class ReportArticle:
    id: int
    title: str
    url: str | None
    publisher: str | None
    published_at: str | None
    claims: tuple[ReportClaim, ...]
    version: int | None = None
    """The version of the article the report covers (None: stored before versions)."""
    version_at: datetime | None = None
    """When that version was imported."""
    removed: tuple[ReportClaim, ...] = ()
    """Claims of earlier versions no longer in this one, their verdicts kept."""


@dataclass(frozen=True)
class VerdictCount:
    label: str
    """The rating's name, or :data:`NO_VERDICT`."""
    count: int
    rating: Rating | None
    """The rating on the configured scale, None for no verdict or a rating off the scale."""


@dataclass(frozen=True)
class Report:
    generated_at: datetime
    """Timezone-aware UTC."""
    articles: tuple[ReportArticle, ...]
    scale: tuple[Rating, ...]
    organisation_name: str | None = None
    organisation_url: str | None = None

    @property
    def claims(self) -> tuple[ReportClaim, ...]:
        return tuple(c for a in self.articles for c in a.claims)

    @property
    def best_value(self) -> int | None:
        values = [r.value for r in self.scale if r.value is not None]
        return max(values) if values else None

    @property
    def worst_value(self) -> int | None:
        values = [r.value for r in self.scale if r.value is not None]
        return min(values) if values else None

    def rating(self, name: str) -> Rating | None:
        """The configured rating called ``name``, if the scale still has it."""
        for rating in self.scale:
            if rating.name == name:
                return rating
        return None

    def verdict_counts(self, claims: tuple[ReportClaim, ...]) -> list[VerdictCount]:
        """How many of ``claims`` have each rating, in scale order, then no verdict.

        Ratings no claim has are left out.
        """
        counts = Counter(c.verdict.rating if c.verdict else NO_VERDICT for c in claims)
        result = [
            VerdictCount(r.name, counts.pop(r.name), r) for r in self.scale if r.name in counts
        ]
        none = counts.pop(NO_VERDICT, 0)
        result += [VerdictCount(name, n, None) for name, n in sorted(counts.items())]
        if none:
            result.append(VerdictCount(NO_VERDICT, none, None))
        return result


def _source(source: Source, level: str | None = None) -> ReportSource:
    return ReportSource(
        id=source.id or 0,
        title=source.title,
        publisher=source.publisher,
        url=source.url,
        path=source.path,
        external_id=source.external_id,
        published_at=source.published_at,
        reliability=level,
    )


def _evidence(
    link: EvidenceLink, passage: Passage, source: Source, level: str | None = None
) -> ReportEvidence:
    span = None
    if (
        link.span_start is not None
        and link.span_end is not None
        and 0 <= link.span_start < link.span_end <= len(passage.text)
    ):
        span = (link.span_start, link.span_end)
    return ReportEvidence(
        link_id=link.id or 0,
        passage_id=passage.id or 0,
        score=link.score,
        stance=link.stance,
        stance_hint=link.stance_hint,
        text=passage.text,
        span=span,
        labelled_by=link.labelled_by,
        note=link.note,
        source=_source(source, level),
        stance_confidence=link.stance_confidence if link.stance_hint != "none" else None,
        stance_reason=link.stance_reason,
        numbers=link.numbers if isinstance(link.numbers, dict) else None,
        page=passage.page,
        paragraph=passage.paragraph,
    )


def _verdict(verdict: Verdict | None) -> VerdictView | None:
    return VerdictView.of(verdict) if verdict is not None else None


def earlier_than(earlier: datetime, later: datetime) -> bool:
    """``earlier < later``, either of them naive (UTC) or aware."""
    return earlier.replace(tzinfo=earlier.tzinfo or UTC) < later.replace(tzinfo=later.tzinfo or UTC)


def build_report(
    db: Database,
    settings: Settings,
    *,
    article_id: int | None = None,
    now: datetime | None = None,
) -> Report:
    """Gather the report's facts in one read transaction.

    ``article_id`` limits it to one article (an unknown id is an :class:`InputError`);
    ``now`` fixes ``generated_at`` (naive means UTC).
    """
    with db.read() as session:
        found = article_db.articles(session, article_id)
        if article_id is not None and not found:
            raise InputError(f"no article with id {article_id}")
        every = claim_db.claims(session, article_id=article_id, include_hidden=True)
        claims = [
            c
            for c in every
            if c.status not in claim_db.HIDDEN_STATUSES or c.status == claim_db.REMOVED
        ]
        wanted = None if article_id is None else [c.id for c in claims if c.id is not None]
        verdicts = verdict_db.current_verdicts(session, wanted)
        # Blind review holds in reports too: the reader is the analyst exporting.
        article_ids = list({c.article_id for c in claims})
        verdicts = blind_db.blind_view(session, article_ids, settings.analyst).current(verdicts)
        links = link_db.evidence_by_claim(session, article_id)
        earlier = factcheck_db.checked_before(session, wanted, settings.analyst)
        newest = version_db.current_versions(session, [a.id for a in found if a.id])
        times = {
            (v.article_id, v.number): v.imported_at
            for v in version_db.version_times(session, [a.id for a in found if a.id])
        }
    by_article: dict[int, list[ReportClaim]] = {}
    removed: dict[int, list[ReportClaim]] = {}
    for claim in claims:
        cid = claim.id or 0
        verdict = verdicts.get(cid)
        changed_at = times.get((claim.article_id, claim.changed_in or 0))
        since = bool(
            verdict is not None
            and changed_at is not None
            and earlier_than(verdict.created_at, changed_at)
        )
        into = removed if claim.status in claim_db.HIDDEN_STATUSES else by_article
        into.setdefault(claim.article_id, []).append(
            ReportClaim(
                id=cid,
                text=claim.text,
                speaker=claim.speaker,
                sentence=claim.sentence,
                start=claim.start,
                end=claim.end,
                kind=claim.kind,
                checkworthiness=claim.checkworthiness,
                status=claim.status,
                verdict=_verdict(verdicts.get(cid)),
                evidence=tuple(_evidence(*row) for row in links.get(cid, [])),
                turn=claim.turn,
                checked_before=tuple(earlier.get(cid, [])),
                changed_in=claim.changed_in,
                previous_text=claim.previous_text,
                changed_since_verdict=since,
                removed_in=claim.removed_in,
            )
        )
    articles = tuple(
        ReportArticle(
            id=a.id or 0,
            title=a.title,
            url=a.url,
            publisher=a.publisher,
            published_at=a.published_at,
            claims=tuple(by_article.get(a.id or 0, [])),
            version=newest[a.id].number if a.id in newest else None,
            version_at=newest[a.id].imported_at if a.id in newest else None,
            removed=tuple(removed.get(a.id or 0, [])),
        )
        for a in found
    )
    moment = now or datetime.now(UTC)
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return Report(
        generated_at=moment,
        articles=articles,
        scale=settings.scale,
        organisation_name=settings.organisation_name,
        organisation_url=settings.organisation_url,
    )
