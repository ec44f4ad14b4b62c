"""``verify analyst add|list``, ``verify assign`` and ``verify agreement``: the team."""

from __future__ import annotations

import argparse
from typing import TextIO

from verify.cli.parser import EXIT_OK, Commands
from verify.config import Settings
from verify.errors import InputError
from verify.services.analysts import ROLES
from verify.services.database import open_database


def register(commands: Commands) -> None:
    analyst = commands.group("analyst", help="the team: analysts and editors")
    add = analyst.add("add", cmd_analyst_add, help="add a member or change their role")
    add.add_argument("name")
    add.add_argument("--role", choices=ROLES, default="analyst")
    analyst.add("list", cmd_analyst_list, help="list the team")

    assign = commands.add(
        "assign", cmd_assign, help="assign claims, or take the next unassigned one"
    )
    assign.add_argument("claim_ids", nargs="*", type=int, metavar="CLAIM_ID")
    assign.add_argument("--to", metavar="NAME", help="assignee (default: you)")
    assign.add_argument("--unassign", action="store_true")
    assign.add_argument("--next", action="store_true", help="take the next unassigned claim")
    assign.add_argument("--article", type=int, metavar="ID")

    agreement = commands.add("agreement", cmd_agreement, help="percent agreement and Cohen's kappa")
    agreement.add_argument("--article", type=int, metavar="ID")


def cmd_analyst_add(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.analysts import add_analyst

    db = open_database(settings.database_url)
    member = add_analyst(db, args.name, args.role, settings.analyst)
    print(f"{member.name}: {member.role}", file=out)
    return EXIT_OK


def cmd_analyst_list(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.analysts import team

    members = team(open_database(settings.database_url))
    if not members:
        print("no analysts yet: verify analyst add NAME --role analyst|editor", file=out)
    for member in members:
        print(f"{member.name}\t{member.role}", file=out)
    return EXIT_OK


def cmd_assign(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.assignment import assign, take_next

    db = open_database(settings.database_url)
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

    rows = agreement(open_database(settings.database_url), args.article)
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
