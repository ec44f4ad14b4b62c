"""The ClaimReview export follows schema.org and Google's ClaimReview rules."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from db.models import Verdict
from tests.support.report_fixture import HOSTILE_CLAIM, ORGANISATION, ReportData, build
from verify.errors import InputError
from verify.report import export
from verify.report.claimreview import NothingApproved, speaker_type


@pytest.fixture(scope="module")
def report_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReportData]:
    data = build(f"sqlite:///{tmp_path_factory.mktemp('cr') / 'report.db'}")
    yield data
    data.db.dispose()


def _reviews(data: ReportData, **options: Any) -> dict[int, dict[str, Any]]:
    items = json.loads(export(data.db, data.settings, "claimreview", **options))
    assert isinstance(items, list)
    return {int(item["url"].rsplit("#claim-", 1)[1]): item for item in items}


def test_only_approved_verdicts_are_published(report_db: ReportData) -> None:
    ids = report_db.claim_ids
    assert set(_reviews(report_db)) == {ids["budget"], ids["water"], ids["hostile"]}


def test_unapproved_verdicts_are_published_when_asked(report_db: ReportData) -> None:
    ids = report_db.claim_ids
    reviews = _reviews(report_db, include_unapproved=True)
    assert set(reviews) == {ids["budget"], ids["jobs"], ids["water"], ids["hostile"]}
    assert reviews[ids["jobs"]]["reviewRating"]["alternateName"] == "True"


def test_a_review_has_every_field_google_asks_for(report_db: ReportData) -> None:
    review = _reviews(report_db)[report_db.claim_ids["budget"]]
    verdict_day = review["datePublished"]
    assert review == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://lantern.example/checks/pellandria-s-water-minister-declares-the-korsa-"
        f"dam-a-success#claim-{report_db.claim_ids['budget']}",
        "claimReviewed": "The Korsa dam was finished entirely on budget.",
        "datePublished": verdict_day,
        "author": {"@type": "Organization", "name": ORGANISATION[0], "url": ORGANISATION[1]},
        "reviewRating": {
            "@type": "Rating",
            "alternateName": "False",
            "ratingValue": 1,
            "bestRating": 5,
            "worstRating": 1,
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "Oda Varnek"},
            "datePublished": "2026-02-14",
            "appearance": {
                "@type": "CreativeWork",
                "url": "https://harbourpost.example/news/korsa-dam",
            },
        },
    }
    assert len(verdict_day) == 10 and verdict_day[4] == verdict_day[7] == "-"


def test_a_rating_off_the_numeric_scale_has_only_its_name(report_db: ReportData) -> None:
    rating = _reviews(report_db)[report_db.claim_ids["water"]]["reviewRating"]
    assert rating == {"@type": "Rating", "alternateName": "Misleading"}


def test_a_review_lives_at_the_configured_claim_url_never_the_homepage_plus_a_fragment(
    report_db: ReportData,
) -> None:
    review = _reviews(report_db)[report_db.claim_ids["hostile"]]
    assert review["url"] == (
        "https://lantern.example/checks/a-script-alert-title-script-post-javascript-x"
        f"#claim-{report_db.claim_ids['hostile']}"
    )
    assert "appearance" not in review["itemReviewed"]
    assert "datePublished" not in review["itemReviewed"]
    assert review["claimReviewed"] == HOSTILE_CLAIM


def test_the_output_can_be_pasted_into_a_script_element(report_db: ReportData) -> None:
    text = export(report_db.db, report_db.settings, "claimreview")
    assert "<" not in text and ">" not in text and "&" not in text
    assert "</script>" in json.dumps(json.loads(text))  # the text itself is intact


@pytest.mark.parametrize(
    ("speaker", "kind"),
    [
        ("Oda Varnek", "Person"),
        ("the National Statistics Office", "Organization"),
        ("Ministry of Water", "Organization"),
        ("Korsa Valley Council", "Organization"),
        ("Senator Ilse Korrin", "Person"),
        ("Foro Penal", "Organization"),
        ("the ministry", "Organization"),
        ("UNICEF", "Organization"),
        ("treasury", "Organization"),
        ("Ilse Brandt", "Person"),
    ],
)
def test_speakers_are_people_unless_they_are_named_as_organisations(
    speaker: str, kind: str
) -> None:
    assert speaker_type(speaker) == kind


@pytest.mark.parametrize(
    ("name", "url", "missing"),
    [
        (None, None, 'name = "Your Fact Check" and url = "https://factcheck.example"'),
        ("Lantern", None, 'url = "https://factcheck.example"'),
        (None, "https://lantern.example", 'name = "Your Fact Check"'),
        ("Lantern", "javascript:alert(1)", "it must be an http or https URL"),
    ],
)
def test_without_the_organisation_the_error_says_what_to_set_and_where(
    report_db: ReportData,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str | None,
    url: str | None,
    missing: str,
) -> None:
    config = tmp_path / "config.toml"
    monkeypatch.setenv("VERIFY_CONFIG", str(config))
    settings = replace(report_db.settings, organisation_name=name, organisation_url=url)
    with pytest.raises(InputError) as caught:
        export(report_db.db, settings, "claimreview")
    message = str(caught.value)
    assert message.startswith(f"{config}: ")
    assert "[organisation]" in message
    assert missing in message
    assert "\n" not in message


def test_without_a_claim_url_the_error_gives_the_line_to_add(
    report_db: ReportData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    monkeypatch.setenv("VERIFY_CONFIG", str(config))
    settings = replace(report_db.settings, claim_url=None)
    with pytest.raises(InputError) as caught:
        export(report_db.db, settings, "claimreview")
    assert str(caught.value) == (
        f"{config}: ClaimReview needs the address of each review: add to the config file "
        'claim_url = "https://factcheck.example/{article_slug}#claim-{id}"'
    )


@pytest.mark.parametrize(
    "template", ["https://x.example/{title}", "javascript:{id}", "https://x.example/{"]
)
def test_a_claim_url_template_with_unknown_fields_or_not_http_is_refused(
    report_db: ReportData, template: str
) -> None:
    settings = replace(report_db.settings, claim_url=template)
    with pytest.raises(InputError, match="claim_url"):
        export(report_db.db, settings, "claimreview")


def test_with_no_approved_verdict_the_export_fails_and_says_how_many_wait(
    tmp_path: Path,
) -> None:
    data = build(f"sqlite:///{tmp_path / 'none.db'}")
    with data.db.write() as session:
        session.execute(update(Verdict).values(state="submitted"))
    with pytest.raises(NothingApproved) as caught:
        export(data.db, data.settings, "claimreview")
    assert str(caught.value) == "0 of 4 verdicts approved; --include-unapproved to export them"
    assert caught.value.exit_code == 1
    assert json.loads(export(data.db, data.settings, "claimreview", include_unapproved=True))
    data.db.dispose()
