"""Bad input through the real command line: exit code 2, one line naming the file and line,
and nothing in the database changed. Searching is never bad input, whatever the query."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.models import Article, AuditEvent, Claim, EvidenceLink, Passage, Source, Verdict
from db.session import Database, open_database
from tests.support.cli_run import Run, run_cli
from tests.support.databases import postgres_url
from tests.support.documents import docx_file, encrypted_pdf, pdf_bytes, write_pdf
from verify.read import disk

ARTICLE = """Ferry levy row in Norrhaven

Harbour minister Edda Lunn said on Tuesday that the ferry levy had raised 12 million crowns.

"We have never raised the levy twice in one year," Ms Lunn told the regional assembly.
"""

EVIDENCE = """Norrhaven treasury note

The ferry levy raised 9.5 million crowns in the last financial year.

The assembly raised the levy in March and again in October of the same year.
"""

VALID = "The assembly voted seven to two to keep the ferry levy at its present rate."

TABLES = (Article, Claim, Source, Passage, EvidenceLink, Verdict, AuditEvent)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def desk(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    """A database with an article, its claims, evidence, links and a verdict."""
    folder = tmp_path_factory.mktemp("desk")
    if request.param == "sqlite":
        urls: Iterator[str] = iter([f"sqlite:///{folder / 'desk.db'}"])
    else:
        urls = postgres_url("bad")
    url = next(urls)
    (folder / "treasury.txt").write_text(EVIDENCE, encoding="utf-8")
    (folder / "levy.txt").write_text(ARTICLE, encoding="utf-8")
    assert run_cli("--db", url, "evidence", "add", str(folder / "treasury.txt")).code == 0
    assert run_cli("--db", url, "article", "add", str(folder / "levy.txt")).code == 0
    claim_id = json.loads(run_cli("--db", url, "claims", "--json").out)[0]["id"]
    assert run_cli("--db", url, "--analyst", "ana", "verdict", str(claim_id), "False").code == 0
    database = open_database(url)
    yield database
    database.dispose()
    for _ in urls:
        pass


def counts(db: Database) -> dict[str, int]:
    with db.read() as session:
        return {
            table.__tablename__: int(session.scalar(select(func.count()).select_from(table)) or 0)
            for table in TABLES
        }


def assert_one_line(run: Run, *expected: str, code: int = 2) -> str:
    """Exit code 2 (or ``code``) and exactly one line on stderr holding every ``expected``
    text."""
    assert run.code == code, (run.code, run.err)
    lines = run.err.splitlines()
    assert len(lines) == 1 and run.err.endswith("\n"), run.err
    assert "Traceback" not in run.err
    for text in expected:
        assert text in lines[0], (text, lines[0])
    return lines[0]


# --- files ----------------------------------------------------------------------------


@dataclass(frozen=True)
class BadFile:
    name: str
    content: bytes | Callable[[Path], None]
    line: int | None
    says: str
    command: str = "evidence"


def nested(depth: int) -> bytes:
    return b"<html><body>" + b"<div>" * depth + b"</div>" * depth + b"</body></html>"


def html_of_only_a_script(path: Path) -> None:
    path.write_text(
        "<html><head><script>document.title = 'Norrhaven ferry levy';</script>"
        "</head><body><script>var rate = 'seven to two';</script></body></html>"
    )


def empty_folder(path: Path) -> None:
    path.mkdir()
    (path / "notes.odt").write_bytes(b"PK\x03\x04")
    (path / ".hidden.txt").write_text(VALID)


def folder(path: Path) -> None:
    path.mkdir()
    (path / "inside.txt").write_text(VALID)


PDF_PAGE = ["Norrhaven treasury note", VALID, "The levy raised 9.5 million crowns last year."]


def scanned_pdf(path: Path) -> None:
    write_pdf(path, [None, None])


def encrypted(path: Path) -> None:
    encrypted_pdf(path, [PDF_PAGE], "levy")


def truncated_pdf(path: Path) -> None:
    data = pdf_bytes([PDF_PAGE] * 3)
    path.write_bytes(data[: len(data) * 2 // 3])


def malformed_pdf(path: Path) -> None:
    data = pdf_bytes([PDF_PAGE])
    path.write_bytes(data.replace(b"/Type /Pages", b"/Type /Pag\xffes").replace(b"xref", b"xrxf"))


def truncated_docx(path: Path) -> None:
    docx_file(path, [VALID] * 5)
    path.write_bytes(path.read_bytes()[:4000])


def zip_not_docx(path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", VALID)


def nothing(path: Path) -> None:
    """Leave ``path`` missing."""


def jsonl(*records: object) -> bytes:
    return b"".join(json.dumps(r).encode() + b"\n" for r in records)


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4
LATIN1 = "Café and façade: the levy was raised.".encode("latin-1")

BAD_FILES = {
    "binary txt": BadFile("photo.txt", PNG, 3, "binary file"),
    "binary jsonl": BadFile("dump.jsonl", PNG, 3, "binary file"),
    "binary csv": BadFile("sheet.csv", PNG, 3, "binary file"),
    "binary article": BadFile("photo.html", PNG, 3, "binary file", "article"),
    "NUL byte in line 4": BadFile("nul.md", b"# Levy\n\nfine\nbro\x00ken\n", 4, "binary file"),
    "invalid UTF-8 txt": BadFile("latin.txt", b"Levy note\n\n" + LATIN1, 3, "invalid UTF-8"),
    "invalid UTF-8 md": BadFile("latin.md", b"# Levy\n" + LATIN1, 2, "invalid UTF-8"),
    "invalid UTF-8 html": BadFile(
        "latin.html", b"<p>fine</p>\n<p>" + LATIN1 + b"</p>", 2, "invalid UTF-8"
    ),
    "invalid UTF-8 jsonl": BadFile(
        "latin.jsonl",
        jsonl({"text": VALID}, {"text": VALID + "!"}) + b'{"text": "' + LATIN1 + b'"}\n',
        3,
        "invalid UTF-8",
    ),
    "invalid UTF-8 csv": BadFile(
        "latin.csv", b"id,text\n1,fine\n2," + LATIN1 + b"\n", 3, "invalid UTF-8"
    ),
    "invalid UTF-8 article": BadFile(
        "latin-article.txt", ARTICLE.encode() + LATIN1, 6, "invalid UTF-8", "article"
    ),
    "UTF-16 text": BadFile("wide.txt", VALID.encode("utf-16"), 1, "UTF-16"),
    "0-byte txt": BadFile("zero.txt", b"", 1, "empty file"),
    "0-byte jsonl": BadFile("zero.jsonl", b"", 1, "empty file"),
    "0-byte article": BadFile("zero.md", b"", 1, "empty file", "article"),
    "whitespace only": BadFile("blank.txt", b" \n\t\n   \r\n", 1, "empty file"),
    "whitespace-only jsonl": BadFile("blank.jsonl", b"\n  \n\n", 1, "empty file"),
    "JSONL line that is not JSON": BadFile(
        "broken.jsonl", jsonl({"text": VALID}) + b'{"text": "unclosed\n', 2, "not valid JSON"
    ),
    "JSONL record without text": BadFile(
        "notext.jsonl", jsonl({"text": VALID}, {"title": "Levy"}), 2, 'record has no "text"'
    ),
    "JSONL text of the wrong type": BadFile(
        "numtext.jsonl", jsonl({"text": 12}), 1, 'record has no "text"'
    ),
    "JSONL array line": BadFile(
        "array.jsonl", jsonl({"text": VALID}, [VALID]), 2, "found an array"
    ),
    "JSONL bad record after 500 good": BadFile(
        "late.jsonl",
        jsonl(*({"id": i, "text": f"{VALID} ({i})"} for i in range(500))) + b"not json at all\n",
        501,
        "not valid JSON",
    ),
    "CSV without a text column": BadFile(
        "nocol.csv", b"title,body\nLevy,Seven to two.\n", 1, 'no "text" column'
    ),
    "CSV row with a missing column": BadFile(
        "short.csv", b"id,text\n1,fine\n2\n", 3, "row has 1 fields, header has 2"
    ),
    "CSV row with an extra column": BadFile(
        "long.csv", b"id,text\n1,fine\n2,b,c\n", 3, "row has 3 fields, header has 2"
    ),
    "CSV with an unclosed quote": BadFile(
        "quote.csv", b'id,text\n1,"never closed\n2,b\n', 2, "not valid CSV"
    ),
    "TSV without a text column": BadFile("nocol.tsv", b"a\tb\nx\ty\n", 1, 'no "text" column'),
    "HTML of 100k nested tags": BadFile("deep.html", nested(100_000), 1, "no readable text"),
    "HTML article of 100k nested tags": BadFile(
        "deep-article.html", nested(100_000), 1, "no readable text", "article"
    ),
    "HTML with only a script": BadFile("script.html", html_of_only_a_script, 1, "no readable text"),
    "folder without evidence files": BadFile(
        "empty-folder", empty_folder, None, "no evidence files"
    ),
    "unsupported suffix": BadFile("report.odt", b"PK\x03\x04" + PNG, None, "unsupported file type"),
    "missing file": BadFile("gone.txt", nothing, None, "no such file"),
    "scanned PDF": BadFile("scan.pdf", scanned_pdf, None, "no text layer in this PDF (2 pages)"),
    "encrypted PDF": BadFile("locked.pdf", encrypted, None, "encrypted PDF"),
    "truncated PDF": BadFile("cut.pdf", truncated_pdf, None, "truncated PDF"),
    "malformed PDF": BadFile("broken.pdf", malformed_pdf, None, "malformed PDF"),
    "PDF that is not one": BadFile("fake.pdf", PNG, None, "not a PDF file"),
    "truncated Word file": BadFile("cut.docx", truncated_docx, None, "not a valid .docx"),
    "zip that is not a Word file": BadFile("notes.docx", zip_not_docx, None, "not a Word document"),
    "old or encrypted Word file": BadFile(
        "old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), None, "old-format Word"
    ),
    "article that is a folder": BadFile("story.txt", folder, None, "is a folder", "article"),
    "article without a suffix that is a folder": BadFile(
        "story", folder, None, "is a folder", "article"
    ),
    "article of an evidence format": BadFile(
        "records.jsonl", jsonl({"text": VALID}), None, "hold evidence records", "article"
    ),
    "missing article": BadFile("gone.md", nothing, None, "no such file", "article"),
}


@pytest.mark.parametrize("case", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_file_is_refused_in_one_line_naming_it_and_nothing_is_stored(
    desk: Database, tmp_path: Path, case: BadFile
) -> None:
    path = tmp_path / case.name
    if callable(case.content):
        case.content(path)
    else:
        path.write_bytes(case.content)
    before = counts(desk)

    run = run_cli("--db", desk.url, case.command, "add", str(path))

    where = f"{path}:{case.line}: " if case.line is not None else f"{path}: "
    assert_one_line(run, where, case.says)
    assert counts(desk) == before


@pytest.mark.parametrize("name", ["big.txt", "big.jsonl", "big.csv", "big-article.md"])
def test_a_file_over_the_size_limit_is_refused_naming_the_limit(
    desk: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setattr(disk, "MAX_FILE_BYTES", 1024)
    path = tmp_path / name
    if name.endswith(".jsonl"):
        path.write_bytes(jsonl(*({"text": f"{VALID} ({i})"} for i in range(40))))
    elif name.endswith(".csv"):
        path.write_text("id,text\n" + "".join(f"{i},{VALID}\n" for i in range(40)))
    else:
        path.write_text("\n\n".join([VALID] * 40))
    before = counts(desk)

    run = run_cli(
        "--db", desk.url, "article" if "article" in name else "evidence", "add", str(path)
    )

    assert_one_line(run, f"{path}: ", "file too large", "the limit is 1024 bytes")
    assert counts(desk) == before


def test_a_bad_file_after_good_ones_keeps_the_good_ones_and_names_the_bad_one(
    desk: Database, tmp_path: Path
) -> None:
    """Each file is whole or absent: the import stops at the bad file, the good one stays."""
    good = tmp_path / "a-good.txt"
    good.write_text(f"Norrhaven pier note {tmp_path.name}\n\n{VALID}")
    bad = tmp_path / "b-bad.jsonl"
    bad.write_bytes(jsonl({"text": VALID}) + b"{oops\n")
    before = counts(desk)

    run = run_cli("--db", desk.url, "evidence", "add", "--no-match", str(good), str(bad))

    assert_one_line(run, f"{bad}:2: ", "not valid JSON")
    after = counts(desk)
    assert after["source"] == before["source"] + 1
    with desk.read() as session:
        paths = set(session.scalars(select(Source.path).where(Source.id > 0)))
    assert str(good) in paths and str(bad) not in paths


def test_the_installed_command_prints_nothing_but_the_one_line(tmp_path: Path) -> None:
    """A real process: no warning, log record or traceback joins the error line."""
    verify = Path(sys.executable).parent / "verify"
    bad = tmp_path / "deep.html"
    bad.write_bytes(nested(100_000))
    garbage = tmp_path / "x.db"
    garbage.write_bytes(random.Random(3).randbytes(4096))
    url = f"sqlite:///{tmp_path / 'ok.db'}"
    for argv, says in (
        ([url, "evidence", "add", str(bad)], f"{bad}:1: no readable text"),
        ([f"sqlite:///{garbage}", "claims"], f"{garbage}: not a verify database"),
    ):
        done = subprocess.run(
            [str(verify), "--db", *argv], capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 2, done.stderr
        lines = done.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("verify: "), done.stderr
        assert says in lines[0] and done.stdout == ""


# --- the command line -----------------------------------------------------------------


def claim_id(desk: Database) -> str:
    with desk.read() as session:
        return str(session.scalar(select(func.min(Claim.id))))


BAD_ARGUMENTS: dict[str, tuple[Callable[[Database], list[str]], str]] = {
    "unknown rating": (
        lambda db: ["verdict", claim_id(db), "Pants on fire"],
        "unknown rating 'Pants on fire'",
    ),
    "rating off the scale": (lambda db: ["verdict", claim_id(db), "9"], "unknown rating '9'"),
    "non-numeric claim id": (
        lambda db: ["verdict", "first", "False"],
        "invalid int value: 'first'",
    ),
    "claim id that does not exist": (
        lambda db: ["verdict", "987654", "False"],
        "no claim with id 987654",
    ),
    "negative claim id": (lambda db: ["verdict", "-3", "False"], "no claim with id -3"),
    "confidence of 7": (
        lambda db: ["verdict", claim_id(db), "False", "--confidence", "7"],
        "confidence must be between 0 and 1",
    ),
    "confidence that is not a number": (
        lambda db: ["verdict", claim_id(db), "False", "--confidence", "high"],
        "confidence must be between 0 and 1 or a percentage (70%), not 'high'",
    ),
    "unknown verdict state": (
        lambda db: ["verdict", claim_id(db), "False", "--state", "final"],
        "invalid choice: 'final'",
    ),
    "unknown export format": (lambda db: ["export", "--format", "pdf"], "invalid choice: 'pdf'"),
    "unknown command": (lambda db: ["retract", "1"], "invalid choice: 'retract'"),
    "search without a query": (lambda db: ["evidence", "search", "   "], "give a QUERY"),
    "non-numeric --top": (
        lambda db: ["evidence", "search", "levy", "--top", "ten"],
        "must be a whole number of 1 or more, not 'ten'",
    ),
    "negative --top": (
        lambda db: ["evidence", "search", "levy", "--top", "-1"],
        "must be a whole number of 1 or more, not '-1'",
    ),
    "--top of 0 when matching": (
        lambda db: ["match", "--top", "0"],
        "must be a whole number of 1 or more, not '0'",
    ),
}


@pytest.mark.parametrize("case", BAD_ARGUMENTS.values(), ids=BAD_ARGUMENTS.keys())
def test_bad_arguments_are_refused_in_one_line_and_change_nothing(
    desk: Database, case: tuple[Callable[[Database], list[str]], str]
) -> None:
    build, says = case
    argv = build(desk)
    before = counts(desk)

    run = run_cli("--db", desk.url, "--analyst", "bo", *argv)

    assert_one_line(run, says)
    assert counts(desk) == before


def test_a_batch_search_file_with_a_bad_line_is_refused_naming_the_line(
    desk: Database, tmp_path: Path
) -> None:
    queries = tmp_path / "queries.jsonl"
    queries.write_bytes(jsonl({"id": 1, "text": "ferry levy"}) + b"{'id': 2}\n")

    run = run_cli("--db", desk.url, "evidence", "search", "--batch", str(queries))

    assert_one_line(run, f"{queries}:2: ", "not valid JSON")
    assert run.out == ""


# --- databases ------------------------------------------------------------------------


def regular_file_parent(tmp_path: Path) -> tuple[str, str]:
    blocker = tmp_path / "plain-file"
    blocker.write_text("not a folder")
    target = blocker / "x" / "y.db"
    return f"sqlite:///{target}", str(target)


def random_bytes_file(tmp_path: Path) -> tuple[str, str]:
    path = tmp_path / "x.db"
    path.write_bytes(random.Random(7).randbytes(64 * 1024))
    return f"sqlite:///{path}", str(path)


def sqlite_text_file(tmp_path: Path) -> tuple[str, str]:
    path = tmp_path / "notes.db"
    path.write_text("These are notes, not a database.\n" * 200)
    return f"sqlite:///{path}", str(path)


def folder_as_database(tmp_path: Path) -> tuple[str, str]:
    (tmp_path / "db-folder").mkdir()
    return f"sqlite:///{tmp_path / 'db-folder'}", str(tmp_path / "db-folder")


def postgres_nowhere(tmp_path: Path) -> tuple[str, str]:
    return "postgresql+psycopg://nobody@127.0.0.1:1/none", "127.0.0.1:1/none"


def not_a_url(tmp_path: Path) -> tuple[str, str]:
    return "just some words", "just some words"


def unsupported_database(tmp_path: Path) -> tuple[str, str]:
    return "mysql://root@127.0.0.1/verify", "mysql"


BAD_DATABASES = {
    "PostgreSQL server that does not answer": postgres_nowhere,
    "SQLite path under a regular file": regular_file_parent,
    "SQLite file of random bytes": random_bytes_file,
    "SQLite file of plain text": sqlite_text_file,
    "SQLite path that is a folder": folder_as_database,
    "not a database URL": not_a_url,
    "unsupported database": unsupported_database,
}


@pytest.mark.parametrize("make", BAD_DATABASES.values(), ids=BAD_DATABASES.keys())
@pytest.mark.parametrize(
    "argv",
    [["article", "list"], ["claims", "--json"], ["evidence", "add", "EVIDENCE"]],
    ids=["article list", "claims", "evidence add"],
)
def test_a_database_that_cannot_be_used_is_refused_in_one_line_and_left_as_it_was(
    tmp_path: Path, make: Callable[[Path], tuple[str, str]], argv: list[str]
) -> None:
    url, shown = make(tmp_path)
    evidence = tmp_path / "pier.txt"
    evidence.write_text(VALID)
    argv = [str(evidence) if a == "EVIDENCE" else a for a in argv]
    target = Path(shown)
    before = target.read_bytes() if target.is_file() else None
    siblings = sorted(os.listdir(tmp_path))

    run = run_cli("--db", url, *argv)

    # a server that does not answer is a failure (1), not bad input (2)
    assert_one_line(run, shown, code=1 if make is postgres_nowhere else 2)
    assert run.out == ""
    if before is not None:
        assert target.read_bytes() == before  # never converted or overwritten
    assert sorted(os.listdir(tmp_path)) == siblings  # no -wal, -shm or folders left behind


# --- searching is never bad input -----------------------------------------------------

HOSTILE_QUERIES = [
    '"',
    '""',
    '"""',
    "'",
    "''",
    "(",
    ")",
    "((",
    "))",
    "(()",
    "())",
    '"(levy',
    "levy)",
    "AND",
    "OR",
    "NOT",
    "AND OR NOT",
    "levy AND",
    "OR levy",
    "NOT levy",
    "NEAR",
    "NEAR(",
    "NEAR(levy ferry, 2)",
    "levy*",
    "*",
    "*levy",
    "^levy",
    "-levy",
    "+levy",
    "levy:",
    "text:levy",
    "title:(levy)",
    "{levy ferry}",
    "levy & ferry",
    "levy | ferry",
    "!levy",
    "levy <-> ferry",
    "levy:*",
    "levy:A",
    "\\",
    "\\\\levy",
    "%",
    "_",
    "levy%",
    ";",
    "'; DROP TABLE passage; --",
    '"); DELETE FROM source; --',
    "$1",
    ":q",
    "?",
    "@@",
    "levy\tferry",
    '(ferry OR levy) AND NOT ("raised"',
    "(((((((((((levy",
    "🙂",
    "ﬁ",
    "\u202eyvel",
    "lev\u200by",
]


def test_searches_made_of_quotes_operators_and_parentheses_succeed(desk: Database) -> None:
    """A query is words to look for, never query syntax (``--`` ends the options)."""
    before = counts(desk)
    for query in HOSTILE_QUERIES:
        run = run_cli("--db", desk.url, "evidence", "search", "--", query)
        assert run.code == 0, (query, run.err)
        assert run.err == "", (query, run.err)
        run = run_cli("--db", desk.url, "evidence", "search", "--json", "--", query)
        assert run.code == 0, (query, run.err)
        assert json.loads(run.out)["query"] == query
    assert counts(desk) == before


def test_a_search_with_an_operator_still_finds_the_words_around_it(desk: Database) -> None:
    for query in (
        "ferry AND levy",
        '"ferry levy',
        "(ferry levy",
        "NEAR(ferry levy",
        "ferry* levy:*",
        "ferry & levy |",
        "levy'; DROP TABLE passage; --",
    ):
        run = run_cli("--db", desk.url, "evidence", "search", "--json", query)
        assert run.code == 0, (query, run.err)
        found = [result["text"] for result in json.loads(run.out)["results"]]
        assert any("ferry levy" in text for text in found), (query, found)


def test_a_batch_of_hostile_searches_gives_one_result_line_each(
    desk: Database, tmp_path: Path
) -> None:
    queries = tmp_path / "queries.jsonl"
    queries.write_bytes(jsonl(*({"id": i, "text": q} for i, q in enumerate(HOSTILE_QUERIES))))

    run = run_cli("--db", desk.url, "evidence", "search", "--batch", str(queries))

    assert run.code == 0, run.err
    lines = [json.loads(line) for line in run.out.splitlines()]
    assert [line["id"] for line in lines] == list(range(len(HOSTILE_QUERIES)))


CLAIMS_OF_OPERATORS = """Levy row (part "two

Harbour minister Edda Lunn said on Tuesday that the "ferry levy" (AND the pier fee raised \
12 million crowns OR more* NEAR( the quay.

"We have never raised the levy twice" NOT once) said Ms Lunn: col:text ^levy -fee +crowns \
{ferry} levy:* & | ! <-> 'quote' \\" in 2024.

The treasury said 9.5 million crowns ((((were raised)), up 20 % on 2023; DROP TABLE claim; --.
"""


def test_an_article_whose_claims_are_made_of_quotes_and_operators_imports_and_matches(
    desk: Database, tmp_path: Path
) -> None:
    path = tmp_path / f"operators-{desk.dialect}.txt"
    path.write_text(CLAIMS_OF_OPERATORS + f"\nFiled from {tmp_path.name}.\n")

    run = run_cli("--db", desk.url, "article", "add", str(path))

    assert run.code == 0, run.err
    assert "Traceback" not in run.err
    article_id = int(run.out.split()[1].rstrip(":"))
    claims = json.loads(
        run_cli("--db", desk.url, "claims", "--article", str(article_id), "--json").out
    )
    assert len(claims) >= 2
    assert run_cli("--db", desk.url, "match", "--article", str(article_id)).code == 0
    with desk.read() as session:
        linked = session.scalar(
            select(func.count())
            .select_from(EvidenceLink)
            .join(Claim, Claim.id == EvidenceLink.claim_id)
            .where(Claim.article_id == article_id)
        )
    assert linked, "claims with operators in them found no evidence"
    assert (
        run_cli("--db", desk.url, "--analyst", "ana", "verdict", str(claims[0]["id"]), "Mixed").code
        == 0
    )
