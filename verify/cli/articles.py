"""``verify article add|list|versions|blind``."""

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
    add.add_argument(
        "--update",
        type=identifier,
        metavar="ID",
        help="store the file as the next version of article ID (same URL: found by itself)",
    )
    article.add("list", cmd_list, help="list articles")
    listed = article.add("versions", cmd_versions, help="an article's versions")
    listed.add_argument("article_id", type=identifier, metavar="ID")
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
        update=args.update,
    )
    made = result.new_version
    if result.already_stored:
        print(
            f"article {result.article_id} already stored: {result.title} "
            f"(version {result.version}, {result.claims} claims)",
            file=out,
        )
    elif made is not None:
        print(
            f"article {made.article_id} version {made.number}: {made.title}: "
            f"{made.unchanged} unchanged, {made.changed} changed, {made.new} new, "
            f"{made.removed} removed",
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


def cmd_versions(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.versions import versions

    for v in versions(open_database(settings.database_url), args.article_id):
        counts = ", ".join(
            f"{n} {word}"
            for n, word in (
                (v.unchanged, "unchanged"),
                (v.changed, "changed"),
                (v.new, "new"),
                (v.removed, "removed"),
            )
            if n is not None
        )
        when = v.imported_at.strftime("%Y-%m-%d %H:%M")
        print(
            f"{v.number}\t{when}\t{v.imported_by}\t{v.sha256[:12]}\t{v.title}"
            + (f"\t{counts}" if counts else ""),
            file=out,
        )
    return EXIT_OK


def cmd_blind(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.blind import set_blind

    db = open_database(settings.database_url)
    set_blind(db, args.article_id, args.mode == "on", settings.analyst)
    print(f"article {args.article_id}: blind review {args.mode}", file=out)
    return EXIT_OK
