"""``verify claims``: every claim with the verdict you may see."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from verify.cli.parser import EXIT_OK, Commands, identifier
from verify.config import Settings
from verify.services.database import open_database


def register(commands: Commands) -> None:
    claims = commands.add("claims", cmd_claims, help="list claims")
    claims.add_argument("--article", type=identifier, metavar="ID")
    claims.add_argument("--json", action="store_true")
    show = commands.add(
        "show", cmd_show, help="a claim in context, its ranked evidence, its verdict history"
    )
    show.add_argument("claim_id", type=int, metavar="CLAIM_ID")
    show.add_argument("--json", action="store_true")


def cmd_claims(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.claims import claim_records
    from verify.services.correction import hidden_counts, hidden_note

    db = open_database(settings.database_url)
    records = claim_records(db, args.article, settings.analyst)
    if args.json:
        json.dump(records, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return EXIT_OK
    if records:
        print(f"{'id':>5}  {'verdict':<13} {'assignee':<10} {'kind':<9} claim", file=out)
    else:
        where = "" if args.article is None else f" in article {args.article}"
        print(f"no claims{where}", file=out)
    for r in records:
        verdict = r["verdict"]["rating"] if r["verdict"] else "-"
        speaker = f"{r['speaker']}: " if r["speaker"] else ""
        if r["turn"]:  # a transcript's claim: where its turn is, then who speaks
            speaker = f"[{r['turn']}] {speaker}"
        assignee = r["assigned_to"] or "-"
        print(
            f"{r['id']:>5}  {verdict:<13} {assignee:<10} {r['kind']:<9} {speaker}{r['text']}",
            file=out,
        )
        if r["changed_in"] is not None:
            print(f"{'':>32}changed in version {r['changed_in']}", file=out)
        for e in r["checked_before"]:
            if e["source"] == "team":
                said = f"{e['rating']}, by {e['analyst']}, article {e['article_id']}"
            else:
                said = ", ".join(p for p in (e["rating"], e["date"], e["publisher"]) if p)
            link = f" {e['url']}" if e["url"] else ""
            print(f"{'':>32}checked before: {said} (score {e['score']:.0f}){link}", file=out)
    hidden = hidden_note(hidden_counts(db, args.article))
    if hidden:
        print(f"hidden: {hidden}", file=out)
    return EXIT_OK


def cmd_show(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.claims import claim_show

    record = claim_show(open_database(settings.database_url), args.claim_id, settings.analyst)
    if args.json:
        json.dump(record, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return EXIT_OK
    speaker = f"{record['speaker']}: " if record["speaker"] else ""
    assignee = record["assigned_to"] or "nobody"
    print(f"claim {record['id']} (version {record['version']}, {record['status']})", file=out)
    print(f"article {record['article_id']}: {record['article_title']}", file=out)
    print(f"assigned to {assignee}", file=out)
    print(f"claim: {speaker}{record['text']}", file=out)
    if record["version_note"]:
        print(record["version_note"], file=out)
    print(f"context: {' '.join(record['context'].split())}", file=out)
    if not record["evidence"]:
        print("evidence: none matched", file=out)
    else:
        print("evidence (link id, score, hint, label):", file=out)
    for e in record["evidence"]:
        label = e["label"] or "-"
        if e["labelled_by"]:
            label += f" ({e['labelled_by']})"
        print(
            f"  {e['rank']:>2}. link {e['link_id']:<6} {e['score']:5.1f}  "
            f"{e['hint']:<11} {label:<20} {e['source'] or ''}",
            file=out,
        )
        print(f"      {' '.join(e['text'].split())[:300]}", file=out)
        if e["note"]:
            print(f"      note: {e['note']}", file=out)
    if not record["verdicts"]:
        print("verdicts: none yet", file=out)
    else:
        print("verdicts, oldest first:", file=out)
    for v in record["verdicts"]:
        sure = f" {v['confidence']:.0%}" if v["confidence"] is not None else ""
        approved = f" approved by {v['approved_by']}" if v["approved_by"] else ""
        said = f"{v['analyst']}: {v['rating']}{sure} ({v['state']}){approved}"
        print(f"  {v['at']}  {said}", file=out)
        if v["rationale"]:
            print(f"      {' '.join(v['rationale'].split())}", file=out)
    return EXIT_OK
