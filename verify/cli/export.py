"""``verify export``: a verdict report in one of the report formats."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from verify.cli.parser import EXIT_OK, Commands
from verify.config import Settings
from verify.report import FORMATS
from verify.services.database import open_database


def register(commands: Commands) -> None:
    export = commands.add("export", cmd_export, help="write a verdict report")
    export.add_argument("--format", required=True, choices=FORMATS)
    export.add_argument("--article", type=int, metavar="ID")
    export.add_argument("-o", "--output", type=Path, metavar="FILE")
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
    if args.output is None:
        out.write(document)
        return EXIT_OK
    save(document, args.output)
    print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK
