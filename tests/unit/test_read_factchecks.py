"""Reading published fact-checks: ClaimReview in every layout, CSV, JSONL, and the one-line
error for a bad record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support import archives
from tests.support.archives import BRIDGE, HOSPITAL, LEVY
from verify.errors import InputError
from verify.read.factchecks import factcheck_files, read_factchecks


def claims_of(path: Path) -> list[str]:
    return [f.claim for f in read_factchecks(path)]


def test_a_single_claimreview_is_read_with_rating_date_publisher_url_and_claimant(
    tmp_path: Path,
) -> None:
    [fact] = list(read_factchecks(archives.single(tmp_path / "one.json", LEVY)))
    assert (fact.claim, fact.rating, fact.reviewed_at) == (LEVY["claim"], "False", "2026-03-02")
    assert (fact.publisher, fact.url, fact.claimant) == ("Other Check", LEVY["url"], "Edda Lunn")
    assert (fact.format, fact.record) == ("claimreview", 1)


@pytest.mark.parametrize("layout", ["listed", "graph", "datafeed"])
def test_a_list_a_graph_and_a_datafeed_of_claimreviews_are_read_in_order(
    tmp_path: Path, layout: str
) -> None:
    path = getattr(archives, layout)(tmp_path / f"{layout}.jsonld", LEVY, BRIDGE, HOSPITAL)
    assert claims_of(path) == [LEVY["claim"], BRIDGE["claim"], HOSPITAL["claim"]]
    assert [f.rating for f in read_factchecks(path)] == ["False", "Mostly true", "Half true"]


def test_the_google_fact_check_tools_layout_is_read(tmp_path: Path) -> None:
    path = archives.write_json(
        tmp_path / "google.json",
        {
            "claims": [
                {
                    "text": BRIDGE["claim"],
                    "claimant": "Tove Ask",
                    "claimReview": [
                        {
                            "publisher": {"name": "Fjord Facts", "site": "fjord-facts.example"},
                            "url": BRIDGE["url"],
                            "reviewDate": "2026-01-15T08:00:00Z",
                            "textualRating": "Mostly true",
                            "languageCode": "en",
                        }
                    ],
                }
            ]
        },
    )
    [fact] = list(read_factchecks(path))
    assert (fact.claim, fact.rating, fact.publisher) == (
        BRIDGE["claim"],
        "Mostly true",
        "Fjord Facts",
    )
    assert (fact.claimant, fact.language, fact.reviewed_at[:10]) == ("Tove Ask", "en", "2026-01-15")


def test_csv_and_jsonl_archives_give_the_same_fact_checks(tmp_path: Path) -> None:
    from_csv = list(read_factchecks(archives.csv_archive(tmp_path / "a.csv", LEVY, BRIDGE)))
    from_jsonl = list(read_factchecks(archives.jsonl_archive(tmp_path / "a.jsonl", LEVY, BRIDGE)))
    assert (
        [f.claim for f in from_csv]
        == [f.claim for f in from_jsonl]
        == [LEVY["claim"], BRIDGE["claim"]]
    )
    assert [f.sha256 for f in from_csv] == [f.sha256 for f in from_jsonl]
    assert [f.record for f in from_csv] == [2, 3] and [f.record for f in from_jsonl] == [1, 2]
    assert from_csv[0].language == "en" and from_csv[0].claimant == "Edda Lunn"


def error_of(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        list(read_factchecks(path))
    line = str(caught.value)
    assert "\n" not in line and line.startswith(str(path))
    return line


def test_a_claimreview_without_a_rating_is_refused_naming_file_and_record(tmp_path: Path) -> None:
    reviews = [archives.claimreview(LEVY), archives.claimreview(BRIDGE)]
    del reviews[1]["reviewRating"]
    path = archives.write_json(tmp_path / "bad.json", reviews)
    assert error_of(path) == f"{path}: record 2: ClaimReview has no reviewRating.alternateName"


def test_a_claimreview_without_its_claim_is_refused(tmp_path: Path) -> None:
    review = archives.claimreview(HOSPITAL)
    del review["claimReviewed"]
    path = archives.write_json(tmp_path / "bad.json", {"@graph": [review]})
    assert "record 1: ClaimReview has no claimReviewed" in error_of(path)


def test_a_csv_row_without_a_rating_is_refused_naming_its_line(tmp_path: Path) -> None:
    path = archives.csv_archive(tmp_path / "bad.csv", LEVY, {**BRIDGE, "rating": ""})
    assert error_of(path) == f'{path}:3: record has no "rating" (missing)'


def test_a_jsonl_line_that_is_not_json_or_has_a_bad_date_or_url_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(LEVY) + "\n{not json\n", encoding="utf-8")
    assert error_of(path).startswith(f"{path}:2: not valid JSON")
    archives.jsonl_archive(path, LEVY, {**BRIDGE, "date": "someday"})
    assert error_of(path) == f'{path}:2: "date" is not a date: someday'
    archives.jsonl_archive(path, {**LEVY, "url": "javascript:alert(1)"})
    assert error_of(path).startswith(f'{path}:1: "url" must start with http')


def test_a_csv_without_claim_or_rating_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("statement,verdict_label\nsomething,False\n", encoding="utf-8")
    assert error_of(path).startswith(f'{path}:1: no "claim" or "rating" column')


def test_json_holding_no_claimreview_is_refused(tmp_path: Path) -> None:
    path = archives.write_json(tmp_path / "site.json", {"@type": "WebSite", "name": "x"})
    assert error_of(path) == f"{path}: no ClaimReview in this file"


def test_untrusted_text_is_cleaned_of_control_characters(tmp_path: Path) -> None:
    fact = {
        **LEVY,
        "claim": "The levy\x1b[31m raised \u202e12 million",
        "publisher": "Other\x07 Check",
    }
    [read] = list(read_factchecks(archives.jsonl_archive(tmp_path / "a.jsonl", fact)))
    assert read.claim.isprintable() and "\x1b" not in read.claim and "\u202e" not in read.claim
    assert read.publisher is not None and read.publisher.isprintable()


def test_a_folder_gives_its_fact_check_files_and_refuses_other_kinds(tmp_path: Path) -> None:
    archives.single(tmp_path / "b.json", LEVY)
    archives.csv_archive(tmp_path / "a.csv", BRIDGE)
    (tmp_path / "notes.txt").write_text("not an archive", encoding="utf-8")
    assert [p.name for p in factcheck_files([tmp_path])] == ["a.csv", "b.json"]
    with pytest.raises(InputError, match="unsupported file type"):
        factcheck_files([tmp_path / "notes.txt"])
