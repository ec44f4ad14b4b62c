"""``verify article add|list|blind``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from verify.cli import console
from verify.cli.parser import EXIT_OK, Commands, identifier, positive
from verify.config import Settings
from verify.read.files import KINDS
from verify.read.web import is_url
from verify.services.database import open_database


def register(commands: Commands) -> None:
    article = commands.group("article", help="import and list articles")
    add = article.add(
        "add", cmd_add, help="import an article or transcript, extract its claims, match them"
    )
    add.add_argument(
        "file", metavar="FILE|URL", help="a .txt, .md or .html file, or an http(s) URL"
    )
    add.add_argument(
        "--kind",
        choices=KINDS,
        help="read the file as an article or a transcript (default: told by its shape)",
    )
    add.add_argument(
        "--hosts",
        metavar="NAMES",
        help="a transcript's moderators and interviewers, comma-separated (default: found)",
    )
    add.add_argument(
        "--speaker",
        metavar="NAME",
        help="an interview's interviewee, who answers its A: turns (default: found)",
    )
    add.add_argument("--title")
    add.add_argument("--url")
    add.add_argument("--publisher")
    add.add_argument("--published", metavar="DATE")
    add.add_argument(
        "--top", type=positive, default=10, metavar="K", help="evidence kept per claim"
    )
    article.add("list", cmd_list, help="list articles")
    blind = article.add("blind", cmd_blind, help="blind review: verdicts hidden until two are in")
    blind.add_argument("article_id", type=identifier, metavar="ID")
    blind.add_argument("mode", choices=("on", "off"))


def cmd_add(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.article import import_article

    console.say_if_embedding_model_is_made()
    result = import_article(
        open_database(settings.database_url),
        args.file if is_url(args.file) else Path(args.file),
        title=args.title,
        url=args.url,
        publisher=args.publisher,
        published=args.published,
        top_k=args.top,
        progress=console.progress(),
        analyst=settings.analyst,
        kind=args.kind,
        hosts=[name.strip() for name in (args.hosts or "").split(",") if name.strip()],
        interviewee=args.speaker,
    )
    if result.already_stored:
        print(
            f"article {result.article_id} already stored: {result.title} ({result.claims} claims)",
            file=out,
        )
    else:
        print(
            f"{result.kind} {result.article_id}: {result.title}: {result.claims} claims", file=out
        )
    return EXIT_OK


def cmd_list(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.browse import articles

    found = articles(open_database(settings.database_url))
    if not found:
        print("no articles yet: verify article add FILE", file=out)
    for article in found:
        print(f"{article.id}\t{article.claims} claims\t{article.title}", file=out)
    return EXIT_OK


def cmd_blind(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.blind import set_blind

    db = open_database(settings.database_url)
    set_blind(db, args.article_id, args.mode == "on", settings.analyst)
    print(f"article {args.article_id}: blind review {args.mode}", file=out)
    return EXIT_OK
