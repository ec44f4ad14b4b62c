"""Fact-check archives written for the tests, in every layout `verify factchecks add` reads.

Everything here is fictional: the places, people, publishers and sites.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

LEVY = {
    "claim": "The Norrhaven ferry levy raised 12 million crowns last year",
    "rating": "False",
    "date": "2026-03-02",
    "publisher": "Other Check",
    "url": "https://other-check.example/levy",
    "claimant": "Edda Lunn",
}
BRIDGE = {
    "claim": "The Skarholm bridge cost twice its budget of 40 million crowns",
    "rating": "Mostly true",
    "date": "2026-01-15",
    "publisher": "Fjord Facts",
    "url": "https://fjord-facts.example/bridge",
    "claimant": "Tove Ask",
}
HOSPITAL = {
    "claim": "Waiting times at Norrhaven hospital fell by a third in 2025",
    "rating": "Half true",
    "date": "2025-11-20",
    "publisher": "Other Check",
    "url": "https://other-check.example/hospital",
}


def claimreview(fact: dict[str, str], language: str | None = None) -> dict[str, Any]:
    """A schema.org ClaimReview as a fact-checker publishes it."""
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "url": fact["url"],
        "claimReviewed": fact["claim"],
        "datePublished": fact["date"],
        "author": {"@type": "Organization", "name": fact["publisher"]},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": 1,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": fact["rating"],
        },
    }
    if fact.get("claimant"):
        review["itemReviewed"] = {
            "@type": "Claim",
            "author": {"@type": "Person", "name": fact["claimant"]},
        }
    if language:
        review["inLanguage"] = language
    return review


def write_json(path: Path, value: object) -> Path:
    path.write_text(json.dumps(value, indent=1), encoding="utf-8")
    return path


def single(path: Path, fact: dict[str, str]) -> Path:
    return write_json(path, {"@context": "https://schema.org", **claimreview(fact)})


def listed(path: Path, *facts: dict[str, str]) -> Path:
    return write_json(path, [claimreview(f) for f in facts])


def graph(path: Path, *facts: dict[str, str]) -> Path:
    nodes: list[dict[str, Any]] = [{"@type": "WebSite", "name": "Other Check"}]
    nodes += [claimreview(f) for f in facts]
    return write_json(path, {"@context": "https://schema.org", "@graph": nodes})


def datafeed(path: Path, *facts: dict[str, str]) -> Path:
    """A schema.org DataFeed, as Google's Fact Check markup tool exports it."""
    return write_json(
        path,
        {
            "@context": "http://schema.org",
            "@type": "DataFeed",
            "dataFeedElement": [{"@type": "DataFeedItem", "item": [claimreview(f)]} for f in facts],
        },
    )


def csv_archive(path: Path, *facts: dict[str, str]) -> Path:
    import csv

    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["claim", "rating", "date", "publisher", "url", "claimant", "language"])
        for f in facts:
            writer.writerow(
                [
                    f["claim"],
                    f["rating"],
                    f["date"],
                    f["publisher"],
                    f["url"],
                    f.get("claimant", ""),
                    "en",
                ]
            )
    return path


def jsonl_archive(path: Path, *facts: dict[str, str]) -> Path:
    path.write_text("".join(json.dumps(f) + "\n" for f in facts), encoding="utf-8")
    return path
