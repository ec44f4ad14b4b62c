"""Several analysts on one database at once: nothing recorded is lost or silently overwritten."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.models import AuditEvent, Claim, EvidenceLink, Verdict
from db.session import Database, open_database
from tests.support.databases import postgres_url
from verify.config import DEFAULT_SCALE
from verify.demo import load_demo
from verify.evidence.ingest import import_paths
from verify.services import review
from verify.services.article import import_article

ROOT = Path(__file__).resolve().parents[2]
WORKERS = 8
EACH = 250
FALSE, MIXED, TRUE = DEFAULT_SCALE[0], DEFAULT_SCALE[2], DEFAULT_SCALE[4]

ARTICLE = """Dock strike talks stall in Norrhaven

Harbour minister Edda Lunn said on Tuesday that 3,000 dockers had joined the strike.

"We have never cut a docker's wage," Ms Lunn told the regional assembly.

Union secretary Paavo Kest said the port lost 40 million crowns in the first week.
"""

EVIDENCE = """Norrhaven port authority, weekly bulletin

The port authority counted 1,850 dockers on strike on Tuesday, not 3,000.

Wage records published by the assembly show docker wages were cut by a tenth in 2023.

The authority put the first week's losses at 38 million crowns.
"""


@pytest.fixture
def desk(db: Database, tmp_path: Path) -> Database:
    """A database holding one small article whose claims have evidence links."""
    (tmp_path / "bulletin.txt").write_text(EVIDENCE, encoding="utf-8")
    (tmp_path / "strike.txt").write_text(ARTICLE, encoding="utf-8")
    import_paths(db, [tmp_path / "bulletin.txt"])
    import_article(db, tmp_path / "strike.txt")
    return db


def first_claim_with_links(db: Database) -> tuple[int, int, list[int]]:
    """(claim id, its version, its evidence link ids) of the first claim with evidence."""
    with db.read() as session:
        for claim in session.scalars(select(Claim).order_by(Claim.id)):
            links = list(
                session.scalars(
                    select(EvidenceLink.id)
                    .where(EvidenceLink.claim_id == claim.id)
                    .order_by(EvidenceLink.id)
                )
            )
            if links:
                return claim.id, claim.version, links
    raise AssertionError("no claim has evidence")


def current_verdict(db: Database, claim_id: int) -> Verdict | None:
    with db.read() as session:
        return session.scalar(
            select(Verdict).where(Verdict.claim_id == claim_id).order_by(Verdict.id.desc())
        )


def stance(db: Database, link_id: int) -> tuple[str | None, str | None]:
    with db.read() as session:
        link = session.get(EvidenceLink, link_id)
        assert link is not None
        return link.stance, link.labelled_by


# --- load -----------------------------------------------------------------------------


def start_analysts(url: str, tmp_path: Path) -> list[tuple[str, subprocess.Popen[str], Path]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    workers = []
    for n in range(WORKERS):
        analyst = f"analyst{n}"
        err = tmp_path / f"{analyst}.stderr"
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.support.analyst_worker", url, analyst, str(EACH)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=err.open("w"),
            text=True,
        )
        workers.append((analyst, proc, err))
    return workers


def test_eight_analysts_writing_at_once_lose_nothing_and_never_see_a_lock_error(
    db: Database, db_url: str, tmp_path: Path
) -> None:
    load_demo(db)
    with db.read() as session:
        versions_before = dict(session.execute(select(Claim.id, Claim.version)).all())
        events_before = session.scalar(select(func.max(AuditEvent.id))) or 0
    workers = start_analysts(db_url, tmp_path)
    try:
        for analyst, proc, _ in workers:  # every worker has opened the database
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == "ready", analyst
        for _, proc, _ in workers:  # ... and all start writing at once
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.close()
        reports = {}
        for analyst, proc, err in workers:
            assert proc.stdout is not None
            out = proc.stdout.read()
            proc.wait(timeout=600)
            stderr = err.read_text()
            assert "database is locked" not in stderr, stderr[-3000:]
            assert proc.returncode == 0, f"{analyst}: {out[-2000:]}\n{stderr[-3000:]}"
            reports[analyst] = json.loads(out.strip().splitlines()[-1])
    finally:
        for _, proc, _ in workers:
            if proc.poll() is None:
                proc.kill()
                proc.wait()

    for analyst, report in reports.items():
        assert report["errors"] == [], analyst
        assert (report["verdicts"], report["labels"]) == (EACH, EACH), analyst
    with db.read() as session:
        verdicts = list(session.scalars(select(Verdict).order_by(Verdict.id)))
        events = list(
            session.scalars(
                select(AuditEvent).where(AuditEvent.id > events_before).order_by(AuditEvent.id)
            )
        )
        links = {link.id: link for link in session.scalars(select(EvidenceLink))}
        versions_after = dict(session.execute(select(Claim.id, Claim.version)).all())

    # every verdict is stored, once, with its audit event
    assert len(verdicts) == WORKERS * EACH
    assert Counter(v.analyst for v in verdicts) == {f"analyst{n}": EACH for n in range(WORKERS)}
    assert len({(v.analyst, v.rationale) for v in verdicts}) == WORKERS * EACH
    assert Counter(e.action for e in events) == {"verdict": WORKERS * EACH, "label": WORKERS * EACH}
    assert {e.entity_id for e in events if e.action == "verdict"} == {v.id for v in verdicts}

    # every label was applied: each link holds what its newest label event says
    newest_label: dict[int, AuditEvent] = {}
    for event in events:
        if event.action == "label":
            newest_label[event.entity_id] = event
    for link_id, event in newest_label.items():
        assert event.after is not None
        assert (links[link_id].stance, links[link_id].labelled_by) == (
            event.after["stance"],
            event.analyst,
        ), link_id

    # each change bumped its claim's version exactly once: no update of a claim was lost
    changes = Counter(e.claim_id for e in events)
    for claim_id, before in versions_before.items():
        assert versions_after[claim_id] == before + changes[claim_id], claim_id

    # each claim's verdicts form one line: each supersedes the one before it
    previous: dict[int, int | None] = {}
    for verdict in verdicts:
        assert verdict.supersedes_id == previous.get(verdict.claim_id), verdict.id
        previous[verdict.claim_id] = verdict.id


# --- lost updates ---------------------------------------------------------------------


def test_the_second_of_two_analysts_saving_the_same_claim_gets_a_conflict(desk: Database) -> None:
    claim_id, version, _ = first_claim_with_links(desk)
    review.record_verdict(desk, claim_id, FALSE, "ana", expected_version=version)

    with pytest.raises(review.Conflict) as conflict:
        review.record_verdict(desk, claim_id, TRUE, "bo", expected_version=version)

    assert conflict.value.claim_id == claim_id
    assert conflict.value.theirs is not None
    assert (conflict.value.theirs.analyst, conflict.value.theirs.rating) == ("ana", "False")
    assert "ana" in str(conflict.value) and "False" in str(conflict.value)
    stored = current_verdict(desk, claim_id)
    assert stored is not None and (stored.analyst, stored.rating) == ("ana", "False")
    with desk.read() as session:
        assert session.scalar(select(func.count()).select_from(Verdict)) == 1


def test_a_conflict_is_settled_by_saving_again_on_the_fresh_version(desk: Database) -> None:
    claim_id, version, _ = first_claim_with_links(desk)
    first = review.record_verdict(desk, claim_id, FALSE, "ana", expected_version=version)
    with pytest.raises(review.Conflict):
        review.record_verdict(desk, claim_id, TRUE, "bo", expected_version=version)

    with desk.read() as session:
        fresh = session.get(Claim, claim_id)
        assert fresh is not None
    review.record_verdict(desk, claim_id, MIXED, "bo", expected_version=fresh.version)

    stored = current_verdict(desk, claim_id)
    assert stored is not None and (stored.analyst, stored.rating) == ("bo", "Mixed")
    assert stored.supersedes_id == first.id


def test_the_second_of_two_analysts_labelling_the_same_evidence_gets_a_conflict(
    desk: Database,
) -> None:
    claim_id, version, links = first_claim_with_links(desk)
    review.label_evidence(desk, links[0], "contradicts", "ana", expected_version=version)

    with pytest.raises(review.Conflict) as conflict:
        review.label_evidence(desk, links[0], "supports", "bo", expected_version=version)

    assert conflict.value.claim_id == claim_id
    assert conflict.value.by == "ana" and "ana" in str(conflict.value)
    assert stance(desk, links[0]) == ("contradicts", "ana")


def test_a_stale_label_names_the_analyst_who_changed_the_claim_not_an_older_verdicts_author(
    desk: Database,
) -> None:
    claim_id, _, links = first_claim_with_links(desk)
    review.record_verdict(desk, claim_id, FALSE, "cy")
    _, version, _ = first_claim_with_links(desk)
    review.label_evidence(desk, links[0], "contradicts", "ana", expected_version=version)

    with pytest.raises(review.Conflict) as conflict:
        review.label_evidence(desk, links[0], "supports", "bo", expected_version=version)

    assert conflict.value.by == "ana"
    assert "ana" in str(conflict.value)
    assert stance(desk, links[0]) == ("contradicts", "ana")


def test_a_stale_label_never_overwrites_a_newer_verdict_and_vice_versa(desk: Database) -> None:
    claim_id, version, links = first_claim_with_links(desk)
    review.record_verdict(desk, claim_id, FALSE, "ana", expected_version=version)
    with pytest.raises(review.Conflict):
        review.label_evidence(desk, links[0], "supports", "bo", expected_version=version)
    assert stance(desk, links[0]) == (None, None)

    _, version, _ = first_claim_with_links(desk)
    review.label_evidence(desk, links[0], "contradicts", "ana", expected_version=version)
    with pytest.raises(review.Conflict):
        review.record_verdict(desk, claim_id, TRUE, "bo", expected_version=version)
    stored = current_verdict(desk, claim_id)
    assert stored is not None and stored.rating == "False"


def save_at_once(
    desk: Database,
    write: str,
    claim_id: int,
    link_id: int,
    stance: str,
    version: int,
    analysts: int = 4,
) -> dict[str, str]:
    """Each analyst saves on ``version`` of the claim at the same moment; who got what."""
    gate = threading.Barrier(analysts)
    outcome: dict[str, str] = {}

    def save(analyst: str) -> None:
        gate.wait()
        try:
            if write == "verdict":
                review.record_verdict(desk, claim_id, MIXED, analyst, expected_version=version)
            else:
                review.label_evidence(desk, link_id, stance, analyst, expected_version=version)
        except review.Conflict:
            outcome[analyst] = "conflict"
        except Exception as exc:  # reported by the caller's assertion
            outcome[analyst] = f"{type(exc).__name__}: {exc}"
        else:
            outcome[analyst] = "saved"

    threads = [threading.Thread(target=save, args=(f"a{n}",)) for n in range(analysts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcome


@pytest.mark.parametrize("write", ["verdict", "label"])
def test_of_analysts_saving_the_same_claim_at_the_same_moment_exactly_one_wins(
    desk: Database, write: str
) -> None:
    """Four sessions load one claim and save at once, ten times over: one wins each round."""
    claim_id, _, links = first_claim_with_links(desk)
    for round_ in range(10):
        _, version, _ = first_claim_with_links(desk)
        outcome = save_at_once(desk, write, claim_id, links[0], review.STANCES[round_ % 4], version)
        assert sorted(outcome.values()) == ["conflict"] * 3 + ["saved"], (round_, outcome)
        winner = next(a for a, o in outcome.items() if o == "saved")
        _, after, _ = first_claim_with_links(desk)
        assert after == version + 1, round_
        if write == "verdict":
            stored = current_verdict(desk, claim_id)
            assert stored is not None and stored.analyst == winner
        else:
            assert stance(desk, links[0]) == (review.STANCES[round_ % 4], winner)


def fresh_urls(kind: str, tmp_path: Path, count: int) -> Iterator[str]:
    """``count`` URLs of new, empty databases of one kind."""
    for n in range(count):
        if kind == "sqlite":
            yield f"sqlite:///{tmp_path / f'team-{n}.db'}"
        else:
            urls = postgres_url("start")
            yield next(urls)
            for _ in urls:  # drops the schema
                pass


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_new_database_opened_by_many_analysts_at_once_is_created_once(
    kind: str, tmp_path: Path
) -> None:
    """The first start of a team against a new, empty database builds it once, quietly."""
    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns often, as processes would
    try:
        start_together(fresh_urls(kind, tmp_path, 10 if kind == "sqlite" else 3))
    finally:
        sys.setswitchinterval(switch)


def start_together(urls: Iterator[str]) -> None:
    for url in urls:
        errors: list[str] = []
        gate = threading.Barrier(8)

        def start(
            url: str = url, errors: list[str] = errors, gate: threading.Barrier = gate
        ) -> None:
            gate.wait()
            try:
                open_database(url).dispose()
            except Exception as exc:
                errors.append(f"{type(exc).__name__}: {exc}")

        threads = [threading.Thread(target=start) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == [], url
        db = open_database(url)
        try:
            with db.read() as session:
                assert session.scalar(select(func.count()).select_from(Claim)) == 0
        finally:
            db.dispose()
