"""``verify factchecks add|list|search``: published fact-checks, the archive each claim is
looked up in ("checked before"), beside the team's own earlier verdicts."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, TextIO

from verify.cli import console
from verify.cli.parser import EXIT_OK, Commands, positive
from verify.config import Settings
from verify.errors import InputError
from verify.services.database import open_database


def register(commands: Commands) -> None:
    group = commands.group("factchecks", help="the archive of published fact-checks")
    add = group.add(
        "add",
        cmd_add,
        help="import ClaimReview JSON-LD (.json, .jsonld), .jsonl, .csv or .tsv files and folders",
    )
    add.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    add.add_argument(
        "--no-match", action="store_true", help="do not refresh the claims' checked-before matches"
    )
    listing = group.add("list", cmd_list, help="list the archive, newest review first")
    listing.add_argument("--limit", type=int, default=50, metavar="N")
    listing.add_argument("--json", action="store_true")
    search = group.add("search", cmd_search, help="the fact-checks and team verdicts on a claim")
    search.add_argument("text", metavar="TEXT")
    search.add_argument("--top", type=positive, default=10, metavar="K")
    search.add_argument("--json", action="store_true")


def cmd_add(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.factchecks import add_factchecks

    report = add_factchecks(
        open_database(settings.database_url),
        args.paths,
        analyst=settings.analyst,
        refresh=not args.no_match,
        progress=console.progress(),
    )
    print(
        f"{report.files} files: {report.added} fact-checks added, "
        f"{report.already_stored} already stored",
        file=out,
    )
    if report.claims_refreshed:
        print(f"checked-before refreshed on {report.claims_refreshed} claims", file=out)
    return EXIT_OK


def _record(f: Any) -> dict[str, Any]:
    return {
        "id": f.id,
        "claim": f.claim,
        "rating": f.rating,
        "date": f.reviewed_at,
        "publisher": f.publisher,
        "url": f.url,
        "claimant": f.claimant,
        "language": f.language,
        "title": f.title,
    }


def cmd_list(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.factchecks import list_factchecks

    total, rows = list_factchecks(open_database(settings.database_url), args.limit)
    if args.json:
        json.dump({"total": total, "factchecks": [_record(f) for f in rows]}, out, indent=1)
        out.write("\n")
        return EXIT_OK
    if not total:
        print("no fact-checks yet: verify factchecks add FILE...", file=out)
        return EXIT_OK
    for f in rows:
        date = (f.reviewed_at or "")[:10]
        print(f"{f.id:>6}  {date:<10}  {f.rating:<14} {f.publisher or '-'}: {f.claim}", file=out)
    if total > len(rows):
        print(f"({len(rows)} of {total}; --limit N for more)", file=out)
    return EXIT_OK


def cmd_search(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.match.checked import THRESHOLD
    from verify.services.factchecks import search_archives

    if not args.text.strip():
        raise InputError("give the TEXT of a claim to look up")
    hits = search_archives(open_database(settings.database_url), args.text, args.top)
    records = []
    for hit in hits:
        if hit.factcheck is not None:
            records.append({"score": hit.score, "source": "archive", **_record(hit.factcheck)})
        elif hit.earlier is not None:
            v = hit.earlier.verdict
            records.append(
                {
                    "score": hit.score,
                    "source": "team",
                    "claim_id": hit.earlier.claim_id,
                    "article_id": hit.earlier.article_id,
                    "claim": hit.earlier.text,
                    "rating": v.rating,
                    "analyst": v.analyst,
                    "date": v.created_at.date().isoformat(),
                }
            )
    if args.json:
        json.dump({"query": args.text, "threshold": THRESHOLD, "results": records}, out, indent=1)
        out.write("\n")
        return EXIT_OK
    if not records:
        print("nothing in the archive or the team's verdicts matches", file=out)
    for r in records:
        mark = "*" if r["score"] >= THRESHOLD else " "
        if r["source"] == "team":
            who = f"by {r['analyst']}, article {r['article_id']}, claim {r['claim_id']}"
        else:
            who = ", ".join(p for p in ((r["date"] or "")[:10], r["publisher"]) if p)
        print(f"{r['score']:5.1f}{mark} {r['rating']}  ({who})", file=out)
        print(f"       {r['claim'][:300]}", file=out)
        if r.get("url"):
            print(f"       {r['url']}", file=out)
    if any(r["score"] >= THRESHOLD for r in records):
        print(f"* counts as checked before (score {THRESHOLD:g} or more)", file=out)
    return EXIT_OK
