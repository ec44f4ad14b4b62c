"""``verify verdict`` and ``verify approve``: deciding a claim."""

from __future__ import annotations

import argparse
from typing import TextIO

from verify.cli.parser import EXIT_OK, Commands, confidence
from verify.config import Settings
from verify.report.model import iso_utc
from verify.services.database import open_database
from verify.services.review import AUTHOR_STATES, STANCES


def register(commands: Commands) -> None:
    verdict = commands.add("verdict", cmd_verdict, help="record a verdict on a claim")
    verdict.add_argument("claim_id", type=int, metavar="CLAIM_ID")
    verdict.add_argument(
        "rating",
        metavar="RATING",
        help='a name on the scale ("False") or its workbench key (1 to 8, as in the TUI)',
    )
    verdict.add_argument("--note", help="the rationale")
    verdict.add_argument("--confidence", type=confidence, help="0..1 or a percentage (70%%)")
    verdict.add_argument("--state", default="submitted", choices=AUTHOR_STATES)
    verdict.add_argument(
        "--expect-version",
        type=int,
        metavar="N",
        help="refuse (exit 3) if the claim changed since version N",
    )
    approve = commands.add("approve", cmd_approve, help="approve a claim's verdict (editors)")
    approve.add_argument("claim_id", type=int, metavar="CLAIM_ID")
    approve.add_argument("--expect-version", type=int, metavar="N")
    label = commands.add("label", cmd_label, help="label a piece of evidence for its claim")
    label.add_argument("link_id", type=int, metavar="LINK_ID", help="as `verify show` lists")
    label.add_argument("stance", choices=(*STANCES, "none"), help="none clears the label")
    label.add_argument("--note", help="a note on the passage")
    label.add_argument("--expect-version", type=int, metavar="N")
    commands.add("undo", cmd_undo, help="take back your newest change (as u does in the TUI)")


def cmd_verdict(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.review import record_verdict

    rating = settings.rating(args.rating)
    view = record_verdict(
        open_database(settings.database_url),
        args.claim_id,
        rating,
        settings.analyst,
        rationale=args.note,
        confidence=args.confidence,
        state=args.state,
        expected_version=args.expect_version,
    )
    print(f"claim {view.claim_id}: {view.rating} by {view.analyst} at {iso_utc(view.at)}", file=out)
    return EXIT_OK


def cmd_approve(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.approval import approve

    db = open_database(settings.database_url)
    view = approve(
        db,
        args.claim_id,
        settings.analyst,
        args.expect_version,
        self_approval=settings.approval == "self",
    )
    print(
        f"claim {view.claim_id}: {view.rating} by {view.analyst} approved by {settings.analyst}",
        file=out,
    )
    return EXIT_OK


def cmd_label(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.review import label_evidence

    stance = None if args.stance == "none" else args.stance
    label_evidence(
        open_database(settings.database_url),
        args.link_id,
        stance,
        settings.analyst,
        note=args.note,
        expected_version=args.expect_version,
    )
    what = f"labelled {stance}" if stance else "label cleared"
    print(f"evidence {args.link_id}: {what} by {settings.analyst}", file=out)
    return EXIT_OK


def cmd_undo(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.review import undo_last

    undone = undo_last(open_database(settings.database_url), settings.analyst)
    print("nothing to undo" if undone is None else f"undone: {undone.summary}", file=out)
    return EXIT_OK
