"""``verify disagreements`` and ``verify settle``: where analysts differ, and the editor's word."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from typing import Any, TextIO

from verify.cli.parser import EXIT_OK, Commands, confidence
from verify.config import Settings
from verify.report.model import iso_utc
from verify.services.database import open_database


def register(commands: Commands) -> None:
    found = commands.add(
        "disagreements",
        cmd_disagreements,
        help="claims where analysts' verdicts differ, side by side",
    )
    found.add_argument("--article", type=int, metavar="ID")
    found.add_argument("--json", action="store_true")
    settle = commands.add(
        "settle", cmd_settle, help="an editor records the final verdict on a disagreement"
    )
    settle.add_argument("claim_id", type=int, metavar="CLAIM_ID")
    settle.add_argument("rating", metavar="RATING", help="as for `verify verdict`")
    settle.add_argument("--note", help="the rationale")
    settle.add_argument("--confidence", type=confidence, help="0..1 or a percentage (70%%)")
    settle.add_argument("--expect-version", type=int, metavar="N")


def _record(found: Any) -> dict[str, Any]:
    return {
        "claim_id": found.claim_id,
        "article_id": found.article_id,
        "article_title": found.article_title,
        "text": found.text,
        "speaker": found.speaker,
        "version": found.version,
        "verdicts": [
            {
                "analyst": p.verdict.analyst,
                "verdict_id": p.verdict.id,
                "rating": p.verdict.rating,
                "confidence": p.verdict.confidence,
                "rationale": p.verdict.rationale,
                "state": p.verdict.state,
                "at": iso_utc(p.verdict.at),
                "cited": [asdict(c) for c in p.cited],
            }
            for p in found.positions
        ],
    }


def cmd_disagreements(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.adjudication import disagreements

    found = disagreements(open_database(settings.database_url), args.article)
    if args.json:
        json.dump([_record(d) for d in found], out, ensure_ascii=False, indent=1)
        out.write("\n")
        return EXIT_OK
    if not found:
        print("no disagreements: no claim has analysts' verdicts that differ", file=out)
    for d in found:
        speaker = f"{d.speaker}: " if d.speaker else ""
        print(f"claim {d.claim_id} (article {d.article_id}): {speaker}{d.text}", file=out)
        for p in d.positions:
            v = p.verdict
            sure = f" ({v.confidence:.0%})" if v.confidence is not None else ""
            print(f"  {v.analyst}: {v.rating}{sure}", file=out)
            if v.rationale:
                print(f"    why: {' '.join(v.rationale.split())}", file=out)
            for c in p.cited:
                print(f"    {c.stance}: {c.source}: {' '.join(c.text.split())[:200]}", file=out)
        print(f"  settle: verify settle {d.claim_id} RATING --note TEXT", file=out)
    return EXIT_OK


def cmd_settle(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.adjudication import settle

    view = settle(
        open_database(settings.database_url),
        args.claim_id,
        settings.rating(args.rating),
        settings.analyst,
        rationale=args.note,
        confidence=args.confidence,
        expected_version=args.expect_version,
    )
    print(f"claim {view.claim_id}: settled as {view.rating} by {view.analyst}, approved", file=out)
    return EXIT_OK
