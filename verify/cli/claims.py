"""``verify claims``: every claim with the verdict you may see."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from verify.cli.parser import EXIT_OK, Commands
from verify.config import Settings
from verify.services.database import open_database


def register(commands: Commands) -> None:
    claims = commands.add("claims", cmd_claims, help="list claims")
    claims.add_argument("--article", type=int, metavar="ID")
    claims.add_argument("--json", action="store_true")


def cmd_claims(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.claims import claim_records

    records = claim_records(open_database(settings.database_url), args.article, settings.analyst)
    if args.json:
        json.dump(records, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return EXIT_OK
    for r in records:
        verdict = r["verdict"]["rating"] if r["verdict"] else "-"
        speaker = f"{r['speaker']}: " if r["speaker"] else ""
        print(f"{r['id']:>5}  {verdict:<13} {r['kind']:<9} {speaker}{r['text']}", file=out)
        for e in r["checked_before"]:
            if e["source"] == "team":
                said = f"{e['rating']}, by {e['analyst']}, article {e['article_id']}"
            else:
                said = ", ".join(p for p in (e["rating"], e["date"], e["publisher"]) if p)
            link = f" {e['url']}" if e["url"] else ""
            print(f"{'':>21}checked before: {said} (score {e['score']:.0f}){link}", file=out)
    return EXIT_OK
