"""Correcting the machine: edit, split, merge, add and drop claims; audited, undoable."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from db import claims as claim_db
from db import links as link_db
from db.models import AuditEvent, Claim
from db.session import Database
from tests.support.tui_fixture import _article_text, build
from verify.config import DEFAULT_SCALE
from verify.errors import InputError
from verify.evidence.ingest import import_paths
from verify.services import correction, review
from verify.services.browse import claim_rows
from verify.services.review import UndoConflict

FALSE = DEFAULT_SCALE[0]


def visible(db: Database) -> list[Claim]:
    with db.read() as session:
        return claim_db.claims(session)


def claim(db: Database, claim_id: int) -> Claim | None:
    with db.read() as session:
        return session.get(Claim, claim_id)


def events(db: Database, action: str) -> list[AuditEvent]:
    with db.read() as session:
        query = select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
        return list(session.scalars(query))


def test_editing_a_claim_changes_text_and_speaker_is_logged_and_undone(db: Database) -> None:
    ids = build(db, verdict_on_first=False)
    first = ids["claims"][0]
    original = claim(db, first)
    assert original is not None

    done = correction.edit_claim(
        db,
        first,
        "ana",
        text="the new harbour will create 4,000 jobs",
        speaker="Mayor Ilse Brandt",
        match=False,
    )

    edited = claim(db, first)
    assert edited is not None and edited.text == "the new harbour will create 4,000 jobs"
    assert edited.speaker == "Mayor Ilse Brandt"
    text, _ = _article_text()
    assert text[edited.start : edited.end] == edited.text  # offsets follow the text
    [event] = events(db, "claim_edit")
    assert event.id == done.event_id and event.analyst == "ana"
    assert event.before is not None and event.before["text"] == original.text

    undone = review.undo_last(db, "ana")
    assert undone is not None and undone.action == "claim_edit"
    back = claim(db, first)
    assert back is not None and (back.text, back.speaker) == (original.text, original.speaker)
    assert (back.start, back.end) == (original.start, original.end)


def test_splitting_a_claim_makes_two_with_exact_offsets_and_undo_joins_them(
    db: Database,
) -> None:
    ids = build(db, verdict_on_first=False)
    first = ids["claims"][0]
    text, _ = _article_text()

    done = correction.split_claim(db, first, " within two years", "ana", match=False)

    one, two = (claim(db, i) for i in done.claim_ids)
    assert one is not None and two is not None
    assert one.text.endswith("4,000 jobs") and two.text == "within two years."
    assert text[one.start : one.end] == one.text and text[two.start : two.end] == two.text
    order = [c.id for c in visible(db)]
    assert order.index(two.id) == order.index(one.id) + 1
    assert two.speaker == one.speaker == "Ilse Brandt"

    review.undo_last(db, "ana")
    assert claim(db, two.id or 0) is None
    joined = claim(db, first)
    assert joined is not None and joined.text == text[joined.start : joined.end]
    assert joined.text.endswith("within two years.")
    assert [c.id for c in visible(db)] == ids["claims"]


def test_a_split_that_leaves_a_part_empty_is_refused_and_changes_nothing(db: Database) -> None:
    ids = build(db, verdict_on_first=False)
    with pytest.raises(InputError, match="empty"):
        correction.split_claim(db, ids["claims"][0], 0, "ana", match=False)
    with pytest.raises(InputError, match="not in the claim"):
        correction.split_claim(db, ids["claims"][0], "no such words", "ana", match=False)
    assert [c.id for c in visible(db)] == ids["claims"]
    assert events(db, "claim_split") == []


def test_merging_two_claims_keeps_the_first_hides_the_second_and_undo_restores_both(
    db: Database,
) -> None:
    ids = build(db, verdict_on_first=False)
    first, second = ids["claims"][0], ids["claims"][1]
    text, _ = _article_text()

    correction.merge_claims(db, second, first, "ana", match=False)

    merged = claim(db, first)
    assert merged is not None and merged.text.startswith("Mayor Ilse Brandt said")
    assert merged.text.endswith("approved unanimously by the council.")
    assert text[merged.start : merged.end] == merged.text
    assert second not in [c.id for c in visible(db)]
    assert correction.hidden_counts(db) == {"merged": 1}

    review.undo_last(db, "ana")
    assert [c.id for c in visible(db)] == ids["claims"]
    restored = claim(db, first)
    assert restored is not None and restored.text.endswith("within two years.")


def test_a_claim_marked_not_a_claim_is_hidden_counted_and_comes_back_on_undo(
    db: Database,
) -> None:
    ids = build(db, verdict_on_first=False)
    dropped = ids["claims"][5]

    correction.drop_claim(db, dropped, "ana")

    assert dropped not in [c.id for c in visible(db)]
    assert dropped not in [r.id for r in claim_rows(db)]
    assert correction.hidden_note(correction.hidden_counts(db)) == "1 marked not a claim"
    with pytest.raises(InputError, match="marked not a claim"):
        correction.edit_claim(db, dropped, "ana", text="anything", match=False)

    review.undo_last(db, "ana")
    assert [c.id for c in visible(db)] == ids["claims"]
    assert correction.hidden_counts(db) == {}


def test_a_verdict_on_a_dropped_claim_does_not_bring_it_back(db: Database) -> None:
    ids = build(db, verdict_on_first=False)
    correction.drop_claim(db, ids["claims"][5], "ana")
    review.record_verdict(db, ids["claims"][5], FALSE, "ben")
    hidden = claim(db, ids["claims"][5])
    assert hidden is not None and hidden.status == "dropped"


def test_an_added_claim_keeps_its_exact_offsets_and_its_place(db: Database) -> None:
    ids = build(db, verdict_on_first=False)
    text, _ = _article_text()
    wanted = "Residents of the Old Quay district say they were not consulted."
    at = text.index(wanted)
    # a sentence not yet a claim: take claim 5 out of the way first
    correction.drop_claim(db, ids["claims"][5], "ana")

    done = correction.add_claim(
        db, 1, at - 1, at + len(wanted) + 1, "ana", speaker="residents", match=False
    )

    added = claim(db, done.claim_ids[0])
    assert added is not None and (added.start, added.end) == (at, at + len(wanted))
    assert added.text == wanted and added.speaker == "residents"
    order = [c.id for c in visible(db)]
    assert order.index(added.id) == order.index(ids["claims"][6]) - 1
    assert correction.find_span(db, 1, wanted) == (at, at + len(wanted))

    review.undo_last(db, "ana")
    assert claim(db, added.id or 0) is None


def test_a_span_outside_the_article_is_refused(db: Database) -> None:
    build(db, verdict_on_first=False)
    with pytest.raises(InputError, match="not inside article 1"):
        correction.add_claim(db, 1, 10, 100_000, "ana", match=False)
    with pytest.raises(InputError, match="no article"):
        correction.add_claim(db, 99, 0, 5, "ana", match=False)


def test_undo_never_removes_a_split_part_someone_has_judged(db: Database) -> None:
    ids = build(db, verdict_on_first=False)
    done = correction.split_claim(db, ids["claims"][0], " within", "ana", match=False)
    review.record_verdict(db, done.claim_ids[1], FALSE, "ben")

    with pytest.raises(UndoConflict):
        review.undo_last(db, "ana")
    assert claim(db, done.claim_ids[1]) is not None


def test_an_edited_claim_is_matched_again(db: Database, tmp_path: Path) -> None:
    build(db, verdict_on_first=False)
    evidence = tmp_path / "ferry.txt"
    evidence.write_text(
        "Ferry timetable. The night ferry to Kestrel Island was cancelled in April "
        "after the operator lost its licence.\n",
        encoding="utf-8",
    )
    import_paths(db, [evidence])
    first = visible(db)[0]

    correction.edit_claim(
        db, first.id or 0, "ana", text="The night ferry to Kestrel Island was cancelled."
    )

    with db.read() as session:
        texts = [p.text for _link, p, _source in link_db.evidence(session, first.id or 0)]
    assert any("Kestrel Island" in t for t in texts)
