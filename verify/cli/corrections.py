"""``verify claim edit|split|merge|add|drop``: correcting what the machine extracted."""

from __future__ import annotations

import argparse
import re
from typing import TextIO

from verify.cli.parser import EXIT_OK, Commands
from verify.config import Settings
from verify.errors import InputError
from verify.services.database import Database, open_database


def register(commands: Commands) -> None:
    claim = commands.group("claim", help="correct a claim: edit, split, merge, add, drop")
    edit = claim.add("edit", cmd_edit, help="change a claim's text or speaker")
    edit.add_argument("claim_id", type=int, metavar="CLAIM_ID")
    edit.add_argument("--text")
    speaker = edit.add_mutually_exclusive_group()
    speaker.add_argument("--speaker")
    speaker.add_argument("--no-speaker", action="store_true", help="the claim has no speaker")
    edit.add_argument("--expect-version", type=int, metavar="N")

    split = claim.add("split", cmd_split, help="split a claim in two")
    split.add_argument("claim_id", type=int, metavar="CLAIM_ID")
    split.add_argument(
        "--at",
        required=True,
        metavar="OFFSET|TEXT",
        help="where the second claim begins: a character offset into the claim's text, "
        "or the words it begins with",
    )
    split.add_argument("--expect-version", type=int, metavar="N")

    merge = claim.add("merge", cmd_merge, help="merge two claims of one article into one")
    merge.add_argument("claim_ids", type=int, nargs=2, metavar="CLAIM_ID")

    add = claim.add("add", cmd_add, help="add a claim the machine missed")
    add.add_argument("article_id", type=int, metavar="ARTICLE_ID")
    where = add.add_mutually_exclusive_group(required=True)
    where.add_argument(
        "--span", metavar="START:END", help="character offsets into the article's text"
    )
    where.add_argument("--text", help="the claim's exact words, found once in the article")
    add.add_argument("--speaker")

    drop = claim.add("drop", cmd_drop, help='mark a claim "not a claim" (undo brings it back)')
    drop.add_argument("claim_id", type=int, metavar="CLAIM_ID")
    drop.add_argument("--expect-version", type=int, metavar="N")


def _matched(db: Database, claim_ids: tuple[int, ...], out: TextIO) -> None:
    from verify.services.claims import match_summary

    for row in match_summary(db, ids=list(claim_ids)):
        print(f"  {row.line()}", file=out)


def cmd_edit(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.correction import edit_claim

    db = open_database(settings.database_url)
    done = edit_claim(
        db,
        args.claim_id,
        settings.analyst,
        text=args.text,
        speaker=args.speaker,
        clear_speaker=args.no_speaker,
        expected_version=args.expect_version,
    )
    print(done.summary, file=out)
    if args.text is not None:
        _matched(db, done.claim_ids, out)
    return EXIT_OK


def cmd_split(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.correction import split_claim

    at: int | str = int(args.at) if re.fullmatch(r"\d+", args.at) else args.at
    db = open_database(settings.database_url)
    done = split_claim(
        db, args.claim_id, at, settings.analyst, expected_version=args.expect_version
    )
    print(done.summary, file=out)
    _matched(db, done.claim_ids, out)
    return EXIT_OK


def cmd_merge(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.correction import merge_claims

    db = open_database(settings.database_url)
    first, second = args.claim_ids
    done = merge_claims(db, first, second, settings.analyst)
    print(done.summary, file=out)
    _matched(db, done.claim_ids, out)
    return EXIT_OK


def _span(text: str) -> tuple[int, int]:
    found = re.fullmatch(r"\s*(\d+)\s*:\s*(\d+)\s*", text)
    if not found:
        raise InputError(f"--span {text!r}: give START:END, two character offsets")
    return int(found.group(1)), int(found.group(2))


def cmd_add(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.correction import add_claim, find_span

    db = open_database(settings.database_url)
    if args.span is not None:
        start, end = _span(args.span)
    else:
        start, end = find_span(db, args.article_id, args.text)
    done = add_claim(db, args.article_id, start, end, settings.analyst, speaker=args.speaker)
    print(done.summary, file=out)
    _matched(db, done.claim_ids, out)
    return EXIT_OK


def cmd_drop(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.correction import drop_claim

    done = drop_claim(
        open_database(settings.database_url),
        args.claim_id,
        settings.analyst,
        expected_version=args.expect_version,
    )
    print(f"{done.summary}; `verify undo` or u in the workbench brings it back", file=out)
    return EXIT_OK
