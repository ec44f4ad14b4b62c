"""What the workbench reads: claim rows, a claim in context, evidence, sources, changes."""

from __future__ import annotations

from db.session import Database
from tests.support.tui_fixture import PARAGRAPHS, SOURCES, build, build_many
from verify.config import DEFAULT_SCALE
from verify.services import browse, review


def test_claim_rows_come_in_article_order_with_their_current_verdict(db: Database) -> None:
    ids = build(db)
    review.label_evidence(db, ids["links"][2], "supports", "ana")
    article = browse.articles(db)[0]

    rows = browse.claim_rows(db, article.id)

    assert [r.id for r in rows] == ids["claims"]
    assert (rows[0].rating, rows[0].analyst, rows[0].has_verdict) == ("Mostly false", "ana", True)
    assert rows[1].rating is None and rows[1].labels == 1 and rows[1].links == 2
    assert (article.claims, article.with_verdict) == (len(ids["claims"]), 1)


def test_a_claim_is_shown_with_the_sentences_around_it(db: Database) -> None:
    ids = build(db)

    detail = browse.claim_detail(db, ids["claims"][1])

    assert detail is not None
    before, claim, after = PARAGRAPHS[1]
    assert detail.context == f"{before} {claim} {after}"
    assert detail.context[slice(*detail.claim_span)] == claim
    assert detail.context[slice(*detail.sentence_span)] == claim


def test_a_claim_at_a_paragraphs_start_shows_the_end_of_the_one_before(db: Database) -> None:
    ids = build(db)

    detail = browse.claim_detail(db, ids["claims"][3])

    assert detail is not None
    assert detail.context.startswith(PARAGRAPHS[1][-1] + "\n" + PARAGRAPHS[2][0])


def test_evidence_comes_best_first_with_the_source_and_the_aligned_span(db: Database) -> None:
    ids = build(db)

    rows = browse.evidence_rows(db, ids["claims"][0])

    assert [r.score for r in rows] == sorted((r.score for r in rows), reverse=True)
    best = rows[0]
    assert (best.source_title, best.publisher, best.published_at) == (
        SOURCES[2][0],
        SOURCES[2][1],
        SOURCES[2][2],
    )
    assert best.span == (0, 40) and best.hint == "contradicts"


def test_a_source_opens_at_its_passage(db: Database) -> None:
    ids = build(db)
    row = browse.evidence_rows(db, ids["claims"][5])[0]

    view = browse.source_view(db, row.passage_id)

    assert view is not None
    assert view.text[view.passage_start : view.passage_end] == SOURCES[0][3][1]


def test_changes_since_a_point_name_who_changed_which_claim(db: Database) -> None:
    ids = build(db)
    point = browse.last_event_id(db)
    review.record_verdict(db, ids["claims"][2], DEFAULT_SCALE[4], "ben")

    changes = browse.changes_since(db, point)

    assert [(c.analyst, c.action, c.claim_id) for c in changes] == [
        ("ben", "verdict", ids["claims"][2])
    ]
    assert browse.changes_since(db, changes[-1].event_id) == []


def test_ten_thousand_claims_load_in_one_read(db: Database) -> None:
    article_id = build_many(db, 10_000)

    rows = browse.claim_rows(db, article_id)

    assert len(rows) == 10_000 and rows[-1].ordinal == 9_999
    assert browse.claim_detail(db, rows[5_000].id) is not None


def test_an_empty_database_has_no_articles(db: Database) -> None:
    assert not browse.has_articles(db)
    assert browse.articles(db) == []
    assert browse.last_event_id(db) == 0
