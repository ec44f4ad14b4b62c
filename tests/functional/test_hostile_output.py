"""Escape sequences fed through every field never reach a terminal or an export.

Hostile text goes in through each field a user or a file sets (the analyst's name, a
verdict's note, an article's URL, publisher and date, evidence file names and their
records' fields, the organisation in the config file), and is also planted straight
into the database, as an older version might have stored it. Then every command runs
as the installed program, and the bytes it writes are read.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from db.session import open_database

VERIFY = Path(sys.executable).parent / "verify"
HOSTILE = "\x1b]0;pwned\x07\x1b[31mRED\x1b[0m\x9b2J\u202eevil\x08\x05\rX"
# C0 controls but tab and newline, DEL, C1 controls (as UTF-8), bidirectional overrides
# and isolates (as UTF-8), and a carriage return that does not end a line.
UNSAFE = re.compile(
    rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]"
    rb"|\xe2\x81[\xa6-\xa9]|\r(?!\n)"
)

ARTICLE = """Ferry levy row in Norrhaven

Harbour minister Edda Lunn said on Tuesday that the ferry levy had raised 12 million crowns.
"""
EVIDENCE = "The ferry levy raised 9.5 million crowns in the last financial year.\n"


def _run(env: dict[str, str], url: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [str(VERIFY), "--db", url, *args], capture_output=True, env=env, timeout=120
    )


def _plant(url: str) -> None:
    """Raw values, as if stored before input was cleaned."""
    database = open_database(url)
    with database.write() as session:
        for statement in (
            "UPDATE article SET publisher = :h, url = :h, published_at = :h, title = :h",
            "UPDATE source SET path = :h, publisher = :h, url = :h, title = :h",
            "UPDATE verdict SET analyst = :h, rationale = :h",
            "UPDATE claim SET speaker = :h",
            "INSERT INTO audit_event (at, analyst, action, entity, claim_id) "
            "VALUES (CURRENT_TIMESTAMP, :h, :h, :h, 1)",
        ):
            session.execute(text(statement.replace(":h", "CAST(:h AS TEXT)")), {"h": HOSTILE})
    database.dispose()


def test_every_command_prints_clean_bytes_whatever_was_stored(db_url: str, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        f"[organisation]\nname = {json.dumps(HOSTILE)}\nurl = {json.dumps(HOSTILE)}\n"
    )
    env = {**os.environ, "VERIFY_CONFIG": str(config), "VERIFY_ANALYST": HOSTILE + "ana"}
    folder = tmp_path / "evidence"
    folder.mkdir()
    (folder / f"note{HOSTILE.replace(chr(0), '')}.txt").write_text(EVIDENCE)
    (folder / "records.jsonl").write_text(
        json.dumps({"text": EVIDENCE, "title": HOSTILE, "url": HOSTILE, "publisher": HOSTILE})
        + "\n"
    )
    article = tmp_path / "story.txt"
    article.write_text(ARTICLE)
    setup = [
        ("evidence", "add", str(folder), "--publisher", HOSTILE, "--url", HOSTILE),
        (
            "article",
            "add",
            str(article),
            "--url",
            HOSTILE,
            "--publisher",
            HOSTILE,
            "--published",
            HOSTILE,
            "--title",
            HOSTILE,
        ),
        ("verdict", "1", "False", "--note", HOSTILE),
        ("--analyst", HOSTILE + "bo", "verdict", "1", "Mixed", "--note", HOSTILE),
        ("assign", "1", "--to", HOSTILE),
    ]
    outputs = [_run(env, db_url, *args) for args in setup]
    assert [r.returncode for r in outputs[:4]] == [0, 0, 0, 0], [r.stderr for r in outputs]
    _plant(db_url)
    commands = [
        ("article", "list"),
        ("claims",),
        ("claims", "--json"),
        ("log",),
        ("log", "--claim", "1"),
        ("agreement",),
        ("analyst", "list"),
        ("evidence", "search", "ferry levy"),
        ("evidence", "search", "ferry levy", "--json"),
        ("match",),
        *(("export", "--format", f) for f in ("md", "html", "json", "csv", "claimreview")),
        ("export", "--format", "csv", "-o", "-"),
        ("verdict", "1", HOSTILE),  # refused, with the rating named in its error line
        ("export", "--format", "md", "-o", str(tmp_path / f"out{HOSTILE}" / "x.md")),
    ]
    for args in commands:
        run = _run(env, db_url, *args)
        outputs.append(run)
        assert b"Traceback" not in run.stderr, (args, run.stderr)
    for run in outputs:
        for stream in (run.stdout, run.stderr):
            found = UNSAFE.search(stream)
            assert found is None, (run.args[3:], stream[max(0, found.start() - 40) :][:80])
    exported = tmp_path / "report.csv"
    assert _run(env, db_url, "export", "--format", "csv", "-o", str(exported)).returncode == 0
    assert UNSAFE.search(exported.read_bytes()) is None
