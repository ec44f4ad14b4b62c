"""``verify queue``: open work per analyst."""

from __future__ import annotations

import argparse
from typing import TextIO

from verify.cli.parser import EXIT_OK, Commands
from verify.config import Settings
from verify.services.database import open_database


def register(commands: Commands) -> None:
    commands.add(
        "queue",
        cmd_queue,
        help="open work per analyst: assigned claims still waiting for their verdict "
        "(--analyst NAME: only theirs)",
    )


def cmd_queue(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from verify.services.queue import queues

    only = getattr(args, "analyst", None)
    found = queues(open_database(settings.database_url), only)
    if not found.queues:
        print("no claim is assigned to anyone yet: verify assign --next takes one", file=out)
    for queue in found.queues:
        print(f"{queue.analyst}: {len(queue.open)} open, {queue.done} done", file=out)
        for item in queue.open:
            speaker = f"{item.speaker}: " if item.speaker else ""
            where = f"article {item.article_id}"
            print(f"  {item.claim_id:>5}  {where}  {speaker}{item.text}", file=out)
    print(f"unassigned open claims: {found.unassigned}", file=out)
    return EXIT_OK
