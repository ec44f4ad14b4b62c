"""One analyst in a separate process, recording verdicts and labels through verify.services.review.

Run as ``python -m tests.support.analyst_worker URL ANALYST COUNT``: it opens the database, loads
the claims and evidence links, prints ``ready`` and waits for a line on stdin (so that
every worker starts writing at once), then records COUNT verdicts and COUNT labels,
alternating, spread over all claims and links. It never passes ``expected_version``, so
no write may be refused. It prints one JSON line: what it stored and every error it met
(type and first line); a traceback of each error goes to stderr.
"""

from __future__ import annotations

import json
import sys
import traceback
from typing import Any

from sqlalchemy import select

from db.models import Claim, EvidenceLink
from db.session import open_database
from verify.config import DEFAULT_SCALE
from verify.services import review


def run(url: str, analyst: str, count: int) -> dict[str, Any]:
    db = open_database(url)
    with db.read() as session:
        claims = list(session.scalars(select(Claim.id).order_by(Claim.id)))
        links = list(session.scalars(select(EvidenceLink.id).order_by(EvidenceLink.id)))
    offset = sum(map(ord, analyst))  # each analyst starts at a different claim and link
    print("ready", flush=True)
    sys.stdin.readline()
    stored = {"verdicts": 0, "labels": 0}
    errors: list[str] = []
    for i in range(count):
        writes = (
            (
                "verdicts",
                lambda i=i: review.record_verdict(
                    db,
                    claims[(i + offset) % len(claims)],
                    DEFAULT_SCALE[i % len(DEFAULT_SCALE)],
                    analyst,
                    rationale=f"{analyst} note {i}",
                    confidence=0.5,
                ),
            ),
            (
                "labels",
                lambda i=i: review.label_evidence(
                    db,
                    links[(i + offset) % len(links)],
                    review.STANCES[i % len(review.STANCES)],
                    analyst,
                ),
            ),
        )
        for kind, write in writes:
            try:
                write()
            except Exception as exc:
                traceback.print_exc()
                first = (str(exc).splitlines() or [""])[0]
                errors.append(f"{type(exc).__module__}.{type(exc).__name__}: {first}")
            else:
                stored[kind] += 1
    db.dispose()
    return {"analyst": analyst, **stored, "errors": errors}


if __name__ == "__main__":
    report = run(sys.argv[1], sys.argv[2], int(sys.argv[3]))
    print(json.dumps(report), flush=True)
    sys.exit(1 if report["errors"] else 0)
