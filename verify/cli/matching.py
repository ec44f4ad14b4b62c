"""``verify match``: claims against the evidence store."""

from __future__ import annotations

import argparse
from typing import TextIO

from verify.cli import console
from verify.cli.parser import EXIT_OK, Commands, positive
from verify.config import Settings
from verify.services.database import open_database


def register(commands: Commands) -> None:
    match = commands.add("match", cmd_match, help="match claims against the evidence store")
    match.add_argument("--article", type=int, metavar="ID")
    match.add_argument("--top", type=positive, default=10, metavar="K")


def cmd_match(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.match.link import match_claims

    console.say_if_embedding_model_is_made()
    from verify.services.claims import match_summary

    db = open_database(settings.database_url)
    n = match_claims(db, article_id=args.article, top_k=args.top, progress=console.progress())
    if not n:
        print("no claims to match", file=out)
        return EXIT_OK
    for row in match_summary(db, args.article):
        print(row.line(), file=out)
    print(f"matched {n} claims", file=out)
    return EXIT_OK
