"""The ClaimReview export: schema.org JSON-LD for search engines and fact-check feeds.

One ``ClaimReview`` per claim whose current verdict is approved (or submitted, when
asked; a draft is never published), following Google's ClaimReview guidelines. The
organisation that publishes the reviews, and the address of each review (``claim_url``,
a template), come from the config file; without them there is no export rather than a
guess. With no verdict approved the export fails (:class:`NothingApproved`) instead of
coming out empty.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date, datetime
from pathlib import Path
from string import Formatter
from typing import Any

from verify.config import Settings, config_file
from verify.errors import InputError, VerifyError
from verify.extract.speakers import is_organisation
from verify.report.links import web_url
from verify.report.model import Report, ReportArticle, ReportClaim, VerdictView

CONTEXT = "https://schema.org"


def require_organisation(settings: Settings) -> tuple[str, str]:
    """The organisation's name and web URL, or an InputError that says what to set."""
    path: Path = settings.config_path or config_file()
    name = (settings.organisation_name or "").strip()
    url = web_url(settings.organisation_url)
    if name and url is not None:
        return name, url
    missing = []
    if not name:
        missing.append('name = "Your Fact Check"')
    if url is None:
        missing.append('url = "https://factcheck.example"')
    bad = " (it must be an http or https URL)" if settings.organisation_url and not url else ""
    raise InputError(
        "ClaimReview needs the publishing organisation: add to the config file's "
        f"[organisation] table {' and '.join(missing)}{bad}",
        path,
    )


def _iso_date(value: str | None) -> str | None:
    """``value`` if it is an ISO 8601 date or date-time, else None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return None
    return value


def speaker_type(speaker: str) -> str:
    """``Organization`` for a ministry, a party, a court and the like, else ``Person``."""
    return "Organization" if is_organisation(speaker) else "Person"


CLAIM_URL_EXAMPLE = "https://factcheck.example/{article_slug}#claim-{id}"
CLAIM_URL_FIELDS = ("article_slug", "article_id", "id")


class NothingApproved(VerifyError):
    """No verdict is approved, so a ClaimReview export would be empty (exit code 1)."""


def require_claim_url(settings: Settings) -> str:
    """The review URL template, or an InputError that says what to set and where."""
    path: Path = settings.config_path or config_file()
    template = (settings.claim_url or "").strip()
    if not template:
        raise InputError(
            "ClaimReview needs the address of each review: add to the config file "
            f'claim_url = "{CLAIM_URL_EXAMPLE}"',
            path,
        )
    try:
        names = {name for _, name, _, _ in Formatter().parse(template) if name is not None}
    except ValueError as exc:
        raise InputError(f"claim_url {template!r} is not a template: {exc}", path) from exc
    unknown = names - set(CLAIM_URL_FIELDS)
    if unknown or web_url(template.format(article_slug="a", article_id=1, id=1)) is None:
        raise InputError(
            f"claim_url {template!r} must be an http(s) URL using only "
            f"{', '.join('{' + n + '}' for n in CLAIM_URL_FIELDS)}",
            path,
        )
    return template


def slug(title: str) -> str:
    """``korsa-dam-finished-on-budget``: a title as a URL path segment."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.casefold())
    return "-".join(words)[:80].strip("-") or "article"


def review_url(template: str, article: ReportArticle, claim: ReportClaim) -> str:
    return template.format(article_slug=slug(article.title), article_id=article.id, id=claim.id)


def _rating(report: Report, verdict: VerdictView) -> dict[str, Any]:
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": verdict.rating}
    if verdict.rating_value is not None and report.best_value is not None:
        rating["ratingValue"] = verdict.rating_value
        rating["bestRating"] = report.best_value
        rating["worstRating"] = report.worst_value
    return rating


def _item_reviewed(article: ReportArticle, claim: ReportClaim) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": "Claim"}
    if claim.speaker:
        item["author"] = {"@type": speaker_type(claim.speaker), "name": claim.speaker}
    published = _iso_date(article.published_at)
    if published:
        item["datePublished"] = published
    url = web_url(article.url)
    if url:
        item["appearance"] = {"@type": "CreativeWork", "url": url}
        if article.version is not None:
            # the version of the article the review covers (schema.org CreativeWork)
            item["appearance"]["version"] = article.version
            if article.version > 1 and article.version_at is not None:
                item["appearance"]["dateModified"] = article.version_at.date().isoformat()
    return item


def _review(
    report: Report,
    article: ReportArticle,
    claim: ReportClaim,
    verdict: VerdictView,
    organisation: tuple[str, str],
    claim_url: str,
) -> dict[str, Any]:
    name, org_url = organisation
    return {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": review_url(claim_url, article, claim),
        "claimReviewed": claim.text,
        "datePublished": verdict.at.date().isoformat(),
        "author": {"@type": "Organization", "name": name, "url": org_url},
        "reviewRating": _rating(report, verdict),
        "itemReviewed": _item_reviewed(article, claim),
    }


def approved_count(report: Report) -> tuple[int, int]:
    """(approved, all) current verdicts in the report."""
    verdicts = [c.verdict for c in report.claims if c.verdict is not None]
    return sum(1 for v in verdicts if v.state == "approved"), len(verdicts)


def nothing_approved(report: Report) -> str | None:
    """Why a ClaimReview export without ``--include-unapproved`` would be empty, or None."""
    approved, total = approved_count(report)
    if approved:
        return None
    if not total:
        return "no claim has a verdict yet: there is nothing to publish"
    return f"0 of {total} verdicts approved; --include-unapproved to export them"


def reviews(
    report: Report,
    organisation: tuple[str, str],
    claim_url: str,
    *,
    include_unapproved: bool = False,
) -> list[dict[str, Any]]:
    """One ClaimReview per claim with a (by default approved) current verdict."""
    found = []
    for article in report.articles:
        for claim in article.claims:
            verdict = claim.verdict
            if verdict is None or verdict.state == "draft":
                continue
            if verdict.state != "approved" and not include_unapproved:
                continue
            found.append(_review(report, article, claim, verdict, organisation, claim_url))
    return found


def render(
    report: Report,
    organisation: tuple[str, str],
    claim_url: str,
    *,
    include_unapproved: bool = False,
) -> str:
    """A JSON array of ClaimReview objects; :class:`NothingApproved` when it would be
    empty for want of an approved verdict (unless ``include_unapproved``).

    ``<``, ``>`` and ``&`` are written as ``\\u`` escapes, so the text can be pasted
    into a ``<script type="application/ld+json">`` element without closing it.
    """
    why = None if include_unapproved else nothing_approved(report)
    if why is not None:
        raise NothingApproved(why)
    text = json.dumps(
        reviews(report, organisation, claim_url, include_unapproved=include_unapproved),
        ensure_ascii=False,
        indent=2,
    )
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return text + "\n"
