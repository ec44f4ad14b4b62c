"""The evidence score: the off-subject factor applies to article claims, not lone queries."""

from __future__ import annotations

from verify.match.score import OFF_SUBJECT, rerank

CLAIM = "The Dunmore council closed the harbour to cargo ships in March."
ELSEWHERE = "The council closed the harbour to cargo ships in March, Lenna officials said."


def test_an_article_claim_marks_down_a_passage_naming_none_of_its_subjects() -> None:
    alone = rerank(CLAIM, [(ELSEWHERE, 100.0)])[0][1]
    in_article = rerank(CLAIM, [(ELSEWHERE, 100.0)], context=("Dunmore",))[0][1]
    assert in_article.parts["subject"] == 0
    assert abs(in_article.score - OFF_SUBJECT * alone.score) < 0.02


def test_a_lone_query_is_scored_on_its_words_whatever_it_capitalises() -> None:
    shouted = (
        "DEFUND the Dunmore COUNCIL now because it closed the harbour to cargo ships in March!"
    )
    scored = rerank(shouted, [(ELSEWHERE, 100.0)])[0][1]
    assert scored.parts["subject"] == 0
    parts = scored.parts
    unpenalised = (
        0.30 * parts["token_set"]
        + 0.10 * parts["partial"]
        + 0.45 * parts["lexical"]
        + 0.15 * parts["subject"]
    )
    assert abs(scored.score - unpenalised) < 0.02
