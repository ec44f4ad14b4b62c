"""``verify evidence add|search``: the team's evidence store."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TextIO

from verify.cli import console
from verify.cli.parser import EXIT_OK, Commands, positive
from verify.config import Settings
from verify.errors import InputError
from verify.read.web import is_url
from verify.services.database import Database, open_database


def register(commands: Commands) -> None:
    evidence = commands.group("evidence", help="import and search the evidence store")
    add = evidence.add(
        "add", cmd_add, help="import files, folders and web pages, then re-match claims"
    )
    add.add_argument("paths", nargs="+", metavar="PATH|URL")
    add.add_argument("--publisher")
    add.add_argument("--url")
    add.add_argument("--no-match", action="store_true", help="do not re-match claims")
    search = evidence.add("search", cmd_search, help="search the evidence store")
    search.add_argument("query", nargs="?")
    search.add_argument("--top", type=positive, default=10, metavar="K")
    search.add_argument("--json", action="store_true")
    search.add_argument(
        "--batch",
        type=Path,
        metavar="FILE",
        help='JSON lines {"id": ..., "text": ...}; one JSON line of results '
        "each (no stance hints, for speed)",
    )


def cmd_add(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.evidence.ingest import import_paths
    from verify.match.link import match_claims
    from verify.services.analysts import check_member

    console.say_if_embedding_model_is_made()
    db = open_database(settings.database_url)
    check_member(db, settings.analyst, "importing evidence")
    report = import_paths(
        db,
        [given if is_url(given) else Path(given) for given in args.paths],
        publisher=args.publisher,
        url=args.url,
        progress=console.progress(),
        analyst=settings.analyst,
    )
    for link in report.skipped_links:
        console.note(f"{link}: skipped, a symlink leading out of the folder")
    print(
        f"{report.files} files: {report.sources_added} sources added "
        f"({report.passages_added} passages), {report.sources_skipped} already stored",
        file=out,
    )
    if report.skipped:
        print(f"skipped {len(report.skipped)} files:", file=out)
        for path, why in report.skipped:
            print(f"  {console.shown(path)}: {why}", file=out)
    if report.sources_added and not args.no_match:
        n = match_claims(db, progress=console.progress())
        if n:
            print(f"re-matched {n} claims", file=out)
    return EXIT_OK


def cmd_search(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.evidence.search import search_evidence
    from verify.report.wording import numbers_line

    console.say_if_embedding_model_is_made()
    db = open_database(settings.database_url)
    if args.batch is not None:
        return _search_batch(db, args.batch, args.top, out)
    if not args.query or not args.query.strip():
        raise InputError("give a QUERY or --batch FILE")
    results = [r.as_json() for r in search_evidence(db, args.query, args.top)]
    if args.json:
        json.dump({"query": args.query, "results": results}, out, ensure_ascii=False)
        out.write("\n")
        return EXIT_OK
    if not results:
        print("no passage matches", file=out)
    for r in results:
        title = r["source"]["title"] or r["source"]["path"] or ""
        ext = f" [{r['source']['external_id']}]" if r["source"]["external_id"] else ""
        sure = r["stance_confidence"]
        hint = f"{r['stance_hint']} {sure:.2f}" if r["stance_hint"] != "none" and sure else "none"
        print(f"{r['score']:5.1f}  {hint:<16} {title}{ext}", file=out)
        numbers = numbers_line(r["numbers"])
        if numbers:
            print(f"       {numbers}", file=out)
        print(f"       {r['text'][:300]}", file=out)
    return EXIT_OK


def _search_batch(db: Database, path: Path, top: int, out: TextIO) -> int:
    from verify.evidence.search import search_batch
    from verify.sanitize import clean

    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read queries: {exc}", path) from exc
    queries = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"not valid JSON: {exc.msg}", path, number) from exc
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputError('query has no "text"', path, number)
        queries.append((record.get("id"), clean(record["text"])))
    found = search_batch(db, [text for _, text in queries], top, with_stance=False)
    for (qid, _), results in zip(queries, found, strict=True):
        json.dump({"id": qid, "results": [r.as_json() for r in results]}, out, ensure_ascii=False)
        out.write("\n")
    return EXIT_OK
