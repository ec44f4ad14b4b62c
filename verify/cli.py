"""The command line: parse, call a service, print. Nothing else lives here."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from db.engine import DatabaseError
from db.models import iso_utc
from db.schema import SchemaError
from db.session import Database, open_database
from verify.config import Settings, default_database_url, load_settings
from verify.errors import InputError, VerifyError

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_CONFLICT = 0, 1, 2, 3


class UsageError(Exception):
    """argparse's complaint, raised instead of exiting so main() owns the exit code."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="verify",
        description="A keyboard-driven workbench for fact-check teams. "
        "Without a command, opens the workbench.",
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database URL (default: $VERIFY_DB, "
        "the config file, or a SQLite file in your user data folder)",
    )
    parser.add_argument(
        "--analyst",
        metavar="NAME",
        help="your name on verdicts (default: $VERIFY_ANALYST or login)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    demo = sub.add_parser("demo", help="load the bundled demo into its own database and open it")
    demo.add_argument(
        "--no-tui",
        action="store_true",
        help="print the claims with their best evidence instead of opening the TUI",
    )
    sub.add_parser("tui", help="open the workbench")

    article = sub.add_parser("article", help="import and list articles")
    article_sub = article.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=_Parser
    )
    add = article_sub.add_parser("add", help="import an article, extract its claims, match them")
    add.add_argument("file", type=Path)
    add.add_argument("--title")
    add.add_argument("--url")
    add.add_argument("--publisher")
    add.add_argument("--published", metavar="DATE")
    add.add_argument("--top", type=int, default=10, metavar="K", help="evidence kept per claim")
    article_sub.add_parser("list", help="list articles")
    blind = article_sub.add_parser("blind", help="blind review: verdicts hidden until two are in")
    blind.add_argument("article_id", type=int, metavar="ID")
    blind.add_argument("mode", choices=("on", "off"))

    evidence = sub.add_parser("evidence", help="import and search the evidence store")
    ev_sub = evidence.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=_Parser
    )
    ev_add = ev_sub.add_parser("add", help="import files and folders, then re-match claims")
    ev_add.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    ev_add.add_argument("--publisher")
    ev_add.add_argument("--url")
    ev_add.add_argument("--no-match", action="store_true", help="do not re-match claims")
    search = ev_sub.add_parser("search", help="search the evidence store")
    search.add_argument("query", nargs="?")
    search.add_argument("--top", type=int, default=10, metavar="K")
    search.add_argument("--json", action="store_true")
    search.add_argument(
        "--batch",
        type=Path,
        metavar="FILE",
        help='JSON lines {"id": ..., "text": ...}; one JSON line of results '
        "each (no stance hints, for speed)",
    )

    match = sub.add_parser("match", help="match claims against the evidence store")
    match.add_argument("--article", type=int, metavar="ID")
    match.add_argument("--top", type=int, default=10, metavar="K")

    claims = sub.add_parser("claims", help="list claims")
    claims.add_argument("--article", type=int, metavar="ID")
    claims.add_argument("--json", action="store_true")

    verdict = sub.add_parser("verdict", help="record a verdict on a claim")
    verdict.add_argument("claim_id", type=int, metavar="CLAIM_ID")
    verdict.add_argument(
        "rating", metavar="RATING", help='a name on the scale ("False") or its value (1)'
    )
    verdict.add_argument("--note", help="the rationale")
    verdict.add_argument("--confidence", type=float, help="0..1")
    verdict.add_argument("--state", default="submitted", choices=("draft", "submitted"))
    verdict.add_argument(
        "--expect-version",
        type=int,
        metavar="N",
        help="refuse (exit 3) if the claim changed since version N",
    )

    approve = sub.add_parser("approve", help="approve a claim's verdict (editors)")
    approve.add_argument("claim_id", type=int, metavar="CLAIM_ID")
    approve.add_argument("--expect-version", type=int, metavar="N")

    analyst = sub.add_parser("analyst", help="the team: analysts and editors")
    analyst_sub = analyst.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=_Parser
    )
    analyst_add = analyst_sub.add_parser("add", help="add a member or change their role")
    analyst_add.add_argument("name")
    analyst_add.add_argument("--role", choices=("analyst", "editor"), default="analyst")
    analyst_sub.add_parser("list", help="list the team")

    assign = sub.add_parser("assign", help="assign claims, or take the next unassigned one")
    assign.add_argument("claim_ids", nargs="*", type=int, metavar="CLAIM_ID")
    assign.add_argument("--to", metavar="NAME", help="assignee (default: you)")
    assign.add_argument("--unassign", action="store_true")
    assign.add_argument("--next", action="store_true", help="take the next unassigned claim")
    assign.add_argument("--article", type=int, metavar="ID")

    agreement = sub.add_parser("agreement", help="percent agreement and Cohen's kappa")
    agreement.add_argument("--article", type=int, metavar="ID")

    log = sub.add_parser("log", help="the audit trail")
    log.add_argument("--claim", type=int, metavar="ID")
    log.add_argument("--limit", type=int, default=200)

    database = sub.add_parser("db", help="upgrade or back up the database")
    db_sub = database.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=_Parser
    )
    db_sub.add_parser("upgrade", help="move an older database to this version's schema")
    backup = db_sub.add_parser("backup", help="copy a live SQLite database consistently")
    backup.add_argument("file", type=Path)

    export = sub.add_parser("export", help="write a verdict report")
    export.add_argument(
        "--format", required=True, choices=("md", "html", "json", "csv", "claimreview")
    )
    export.add_argument("--article", type=int, metavar="ID")
    export.add_argument("-o", "--output", type=Path, metavar="FILE")
    export.add_argument(
        "--include-unapproved",
        action="store_true",
        help="claimreview: include verdicts not yet approved",
    )
    export.add_argument("--bom", action="store_true", help="csv: start with a UTF-8 BOM")
    return parser


def _progress(stream: TextIO) -> Callable[[int, int, str], None] | None:
    if not stream.isatty():
        return None

    def show(done: int, total: int, what: str) -> None:
        label = what.replace("\n", " ")[:50]
        stream.write(f"\r\x1b[K{done}/{total} {label}" if total else "")
        if done >= total:
            stream.write("\r\x1b[K")
        stream.flush()

    return show


def _open(settings: Settings) -> Database:
    return open_database(settings.database_url)


def _say_if_embedding_model_is_made() -> None:
    """One line before the pause of the embeddings' first use (no line when off)."""
    from verify.match import embed

    if embed.needs_making():
        print(
            "making the embedding model from its packaged weights (first use only, a few seconds)…",
            file=sys.stderr,
        )


# --- commands -------------------------------------------------------------------------


def cmd_article_add(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.article import import_article

    _say_if_embedding_model_is_made()
    db = _open(settings)
    result = import_article(
        db,
        args.file,
        title=args.title,
        url=args.url,
        publisher=args.publisher,
        published=args.published,
        top_k=args.top,
        progress=_progress(sys.stderr),
        analyst=settings.analyst,
    )
    if result.already_stored:
        print(
            f"article {result.article_id} already stored: {result.title} ({result.claims} claims)",
            file=out,
        )
    else:
        print(f"article {result.article_id}: {result.title}: {result.claims} claims", file=out)
    return EXIT_OK


def cmd_article_list(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from db import claims as store

    db = _open(settings)
    with db.read() as session:
        for article in store.articles(session):
            count = len(store.claim_ids(session, article.id))
            print(f"{article.id}\t{count} claims\t{article.title}", file=out)
    return EXIT_OK


def cmd_evidence_add(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.evidence.ingest import import_paths
    from verify.match.link import match_claims

    _say_if_embedding_model_is_made()
    db = _open(settings)
    report = import_paths(
        db,
        args.paths,
        publisher=args.publisher,
        url=args.url,
        progress=_progress(sys.stderr),
        analyst=settings.analyst,
    )
    print(
        f"{report.files} files: {report.sources_added} sources added "
        f"({report.passages_added} passages), {report.sources_skipped} already stored",
        file=out,
    )
    if report.sources_added and not args.no_match:
        n = match_claims(db, progress=_progress(sys.stderr))
        if n:
            print(f"re-matched {n} claims", file=out)
    return EXIT_OK


def _search_results(
    db: Database, text: str, top: int, with_stance: bool = True
) -> list[dict[str, Any]]:
    from verify.evidence.search import search_evidence

    return [r.as_json() for r in search_evidence(db, text, top, with_stance)]


def cmd_evidence_search(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    _say_if_embedding_model_is_made()
    db = _open(settings)
    if args.batch is not None:
        return _search_batch(db, args.batch, args.top, out)
    if not args.query or not args.query.strip():
        raise InputError("give a QUERY or --batch FILE")
    results = _search_results(db, args.query, args.top)
    if args.json:
        json.dump({"query": args.query, "results": results}, out, ensure_ascii=False)
        out.write("\n")
        return EXIT_OK
    if not results:
        print("no passage matches", file=out)
    for r in results:
        title = r["source"]["title"] or r["source"]["path"] or ""
        ext = f" [{r['source']['external_id']}]" if r["source"]["external_id"] else ""
        print(f"{r['score']:5.1f}  {r['stance_hint']:<11} {title}{ext}", file=out)
        print(f"       {r['text'][:300]}", file=out)
    return EXIT_OK


def _search_batch(db: Database, path: Path, top: int, out: TextIO) -> int:
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
    from verify.evidence.search import search_batch

    found = search_batch(db, [text for _, text in queries], top, with_stance=False)
    for (qid, _), results in zip(queries, found, strict=True):
        json.dump({"id": qid, "results": [r.as_json() for r in results]}, out, ensure_ascii=False)
        out.write("\n")
    return EXIT_OK


def cmd_match(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.match.link import match_claims

    _say_if_embedding_model_is_made()
    db = _open(settings)
    n = match_claims(db, article_id=args.article, top_k=args.top, progress=_progress(sys.stderr))
    print(f"matched {n} claims", file=out)
    return EXIT_OK


def claim_records(db: Database, article_id: int | None, analyst: str) -> list[dict[str, Any]]:
    from db import claims as store
    from verify.services.blind import visible_verdicts

    with db.read() as session:
        found = store.claims(session, article_id=article_id)
    verdicts = visible_verdicts(db, found, analyst)
    records = []
    for c in found:
        v = verdicts.get(c.id)
        records.append(
            {
                "id": c.id,
                "article_id": c.article_id,
                "text": c.text,
                "speaker": c.speaker,
                "sentence": c.sentence,
                "start": c.start,
                "end": c.end,
                "kind": c.kind,
                "checkworthiness": c.checkworthiness,
                "status": c.status,
                "assigned_to": c.assigned_to,
                "version": c.version,
                "verdict": None
                if v is None
                else {
                    "rating": v.rating,
                    "rating_value": v.rating_value,
                    "confidence": v.confidence,
                    "rationale": v.rationale,
                    "analyst": v.analyst,
                    "state": v.state,
                    "approved_by": v.approved_by,
                    "at": iso_utc(v.created_at),
                },
            }
        )
    return records


def cmd_claims(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    db = _open(settings)
    records = claim_records(db, args.article, settings.analyst)
    if args.json:
        json.dump(records, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return EXIT_OK
    for r in records:
        verdict = r["verdict"]["rating"] if r["verdict"] else "-"
        speaker = f"{r['speaker']}: " if r["speaker"] else ""
        print(f"{r['id']:>5}  {verdict:<13} {r['kind']:<9} {speaker}{r['text']}", file=out)
    return EXIT_OK


def cmd_verdict(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.review import record_verdict

    rating = settings.rating(args.rating)
    db = _open(settings)
    view = record_verdict(
        db,
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

    view = approve(_open(settings), args.claim_id, settings.analyst, args.expect_version)
    print(
        f"claim {view.claim_id}: {view.rating} by {view.analyst} approved by {settings.analyst}",
        file=out,
    )
    return EXIT_OK


def cmd_analyst_add(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.analysts import add_analyst

    member = add_analyst(_open(settings), args.name, args.role, settings.analyst)
    print(f"{member.name}: {member.role}", file=out)
    return EXIT_OK


def cmd_analyst_list(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.analysts import team

    members = team(_open(settings))
    if not members:
        print("no analysts yet: verify analyst add NAME --role analyst|editor", file=out)
    for member in members:
        print(f"{member.name}\t{member.role}", file=out)
    return EXIT_OK


def cmd_assign(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.assignment import assign, take_next

    db = _open(settings)
    if args.next:
        claim_id = take_next(db, settings.analyst, args.article)
        print(
            "no unassigned open claim left" if claim_id is None else f"claim {claim_id} is yours",
            file=out,
        )
        return EXIT_OK
    if not args.claim_ids:
        raise InputError("give CLAIM_ID... or --next")
    to = None if args.unassign else (args.to or settings.analyst)
    n = assign(db, args.claim_ids, to, settings.analyst)
    print(f"{n} claims {'unassigned' if to is None else 'assigned to ' + to}", file=out)
    return EXIT_OK


def cmd_agreement(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.agreement import agreement

    rows = agreement(_open(settings), args.article)
    if not rows:
        print("no claim has verdicts from two analysts yet", file=out)
    for row in rows:
        kappa = "n/a" if row.kappa is None else f"{row.kappa:.2f}"
        print(
            f"article {row.article_id} {row.first} / {row.second}: {row.claims} claims, "
            f"{row.percent:.0f}% agreement, Cohen's kappa {kappa}",
            file=out,
        )
    return EXIT_OK


def cmd_log(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.audit import history

    for event in history(_open(settings), args.claim, args.limit):
        print(event.line(), file=out)
    return EXIT_OK


def cmd_db_upgrade(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from db.schema import upgrade

    db = open_database(settings.database_url, check_schema=False)
    before, after = upgrade(db.engine)
    print(
        f"schema version {before} -> {after}"
        if before != after
        else f"schema version {after}: up to date",
        file=out,
    )
    return EXIT_OK


def cmd_db_backup(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from db.backup import backup

    db = open_database(settings.database_url, check_schema=False)
    size = backup(db, args.file)
    print(f"wrote {args.file} ({size:,} bytes)", file=out)
    return EXIT_OK


def cmd_article_blind(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.blind import set_blind

    set_blind(_open(settings), args.article_id, args.mode == "on", settings.analyst)
    print(f"article {args.article_id}: blind review {args.mode}", file=out)
    return EXIT_OK


def cmd_export(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.report import export

    db = _open(settings)
    document = export(
        db,
        settings,
        args.format,
        article_id=args.article,
        include_unapproved=args.include_unapproved,
        bom=args.bom,
    )
    if args.output is None:
        out.write(document)
        return EXIT_OK
    tmp = args.output.with_name(args.output.name + ".part")
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as handle:
            handle.write(document)
        tmp.replace(args.output)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(f"cannot write: {exc.strerror}", args.output) from exc
    print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_demo(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.demo import load_demo

    db = _open(settings)
    summary = load_demo(db, progress=_progress(sys.stderr))
    if args.no_tui:
        print(summary.describe(db), file=out)
        return EXIT_OK
    return _run_tui(db, settings)


def cmd_tui(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    return _run_tui(_open(settings), settings)


def _run_tui(db: Database, settings: Settings) -> int:
    from verify.tui.app import run

    return run(db, settings)


COMMANDS: dict[tuple[str, str | None], Callable[[argparse.Namespace, Settings, TextIO], int]] = {
    ("demo", None): cmd_demo,
    ("tui", None): cmd_tui,
    ("article", "add"): cmd_article_add,
    ("article", "list"): cmd_article_list,
    ("evidence", "add"): cmd_evidence_add,
    ("evidence", "search"): cmd_evidence_search,
    ("match", None): cmd_match,
    ("claims", None): cmd_claims,
    ("verdict", None): cmd_verdict,
    ("export", None): cmd_export,
    ("approve", None): cmd_approve,
    ("analyst", "add"): cmd_analyst_add,
    ("analyst", "list"): cmd_analyst_list,
    ("assign", None): cmd_assign,
    ("agreement", None): cmd_agreement,
    ("log", None): cmd_log,
    ("db", "upgrade"): cmd_db_upgrade,
    ("db", "backup"): cmd_db_backup,
    ("article", "blind"): cmd_article_blind,
}


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit code (0 done, 1 failed, 2 bad input, 3 conflict)."""
    out = out or sys.stdout
    try:
        args = build_parser().parse_args(argv)
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    command = args.command or "tui"
    try:
        db_url = args.db
        if command == "demo" and not db_url:
            db_url = default_database_url("demo.db")
        settings = load_settings(db=db_url, analyst=args.analyst)
        handler = COMMANDS[(command, getattr(args, "action", None))]
        return handler(args, settings, out)
    except VerifyError as exc:
        print(f"verify: {exc}", file=sys.stderr)
        return exc.exit_code
    except (DatabaseError, SchemaError) as exc:
        print(f"verify: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("verify: interrupted; nothing half-written was kept", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
