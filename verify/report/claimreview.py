"""The ClaimReview export: schema.org JSON-LD for search engines and fact-check feeds.

One ``ClaimReview`` per claim whose current verdict is approved (or submitted, when
asked; a draft is never published), following Google's ClaimReview guidelines. The
organisation that publishes the reviews comes from the config file; without it there
is no export rather than a guess.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag

from verify.config import Settings, config_file
from verify.errors import InputError
from verify.report.links import web_url
from verify.report.model import Report, ReportArticle, ReportClaim, ReportVerdict

CONTEXT = "https://schema.org"

# Words that make a speaker an organisation rather than a person.
_ORGANISATION_WORDS = re.compile(
    r"\b(ministry|government|office|agency|council|court|party|police|army|forces|"
    r"committee|chamber|department|union|association|institute|university|company|"
    r"group|commission|authority|authorities|parliament|assembly|embassy|bank|"
    r"foundation|organi[sz]ation|movement|coalition|alliance|bureau|service|cabinet|"
    r"presidency|spokes(?:person|man|woman) for)\b",
    re.IGNORECASE,
)


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
    if speaker.casefold().startswith("the ") or _ORGANISATION_WORDS.search(speaker):
        return "Organization"
    return "Person"


def _rating(report: Report, verdict: ReportVerdict) -> dict[str, Any]:
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
    return item


def _review(
    report: Report,
    article: ReportArticle,
    claim: ReportClaim,
    verdict: ReportVerdict,
    organisation: tuple[str, str],
) -> dict[str, Any]:
    name, org_url = organisation
    page = web_url(article.url) or org_url
    return {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": f"{urldefrag(page).url}#claim-{claim.id}",
        "claimReviewed": claim.text,
        "datePublished": verdict.at.date().isoformat(),
        "author": {"@type": "Organization", "name": name, "url": org_url},
        "reviewRating": _rating(report, verdict),
        "itemReviewed": _item_reviewed(article, claim),
    }


def reviews(
    report: Report, organisation: tuple[str, str], *, include_unapproved: bool = False
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
            found.append(_review(report, article, claim, verdict, organisation))
    return found


def render(
    report: Report, organisation: tuple[str, str], *, include_unapproved: bool = False
) -> str:
    """A JSON array of ClaimReview objects.

    ``<``, ``>`` and ``&`` are written as ``\\u`` escapes, so the text can be pasted
    into a ``<script type="application/ld+json">`` element without closing it.
    """
    text = json.dumps(
        reviews(report, organisation, include_unapproved=include_unapproved),
        ensure_ascii=False,
        indent=2,
    )
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return text + "\n"
