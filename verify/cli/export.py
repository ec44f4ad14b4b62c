"""``verify export``: a verdict report in one of the report formats."""

from __future__ import annotations

import argparse
from typing import TextIO

from verify.cli import console
from verify.cli.parser import EXIT_OK, Commands, identifier
from verify.config import Settings
from verify.report import FORMATS
from verify.services.database import open_database


def register(commands: Commands) -> None:
    export = commands.add("export", cmd_export, help="write a verdict report")
    export.add_argument("--format", required=True, choices=FORMATS)
    export.add_argument("--article", type=identifier, metavar="ID")
    export.add_argument("-o", "--output", metavar="FILE", help="the file to write; - for stdout")
    export.add_argument(
        "--include-unapproved",
        action="store_true",
        help="claimreview: include verdicts not yet approved",
    )
    export.add_argument("--bom", action="store_true", help="csv: start with a UTF-8 BOM")


def cmd_export(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.report import export, save

    document = export(
        open_database(settings.database_url),
        settings,
        args.format,
        article_id=args.article,
        include_unapproved=args.include_unapproved,
        bom=args.bom,
    )
    if args.output is None or args.output == "-":
        out.write(document)
        return EXIT_OK
    save(document, args.output)
    console.note(f"wrote {args.output}")
    return EXIT_OK
