"""Database and file failures after opening: one line, the documented exit code, nothing
half-stored and no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from db.session import open_database
from tests.support.cli_run import Run, run_cli
from tests.support.databases import postgres_url
from verify.demo import load_demo


def one_line(run: Run, code: int) -> str:
    assert run.code == code, (run.code, run.err)
    assert len(run.err.splitlines()) == 1 and "Traceback" not in run.err, run.err
    return run.err


@pytest.fixture
def pg_url() -> str:
    yield from postgres_url("fail")


def test_a_line_too_long_for_postgres_full_text_is_stored_whole_or_refused_in_one_line(
    pg_url: str, tmp_path: Path
) -> None:
    words = " ".join(f"w{n:07d}x{n * 7919 % 100003:06d}" for n in range(160_000))
    big = tmp_path / "one-line.txt"
    big.write_text(words + "\n")
    run = run_cli("--db", pg_url, "evidence", "add", str(big))
    found = run_cli("--db", pg_url, "evidence", "search", "w0000001x0007919", "--json")
    if run.code == 0:  # passages are capped in length: it all landed, in one piece
        assert run.err.count("\n") <= 1
    else:
        assert "nothing was stored" in one_line(run, 2)
        assert json.loads(found.out)["results"] == []


def test_a_read_only_postgres_session_writes_nothing_and_says_so(pg_url: str) -> None:
    database = open_database(pg_url)
    load_demo(database)
    database.dispose()
    read_only = pg_url + "%20-cdefault_transaction_read_only%3Don"
    err = one_line(run_cli("--db", read_only, "verdict", "1", "False"), 1)
    assert "read-only" in err
    assert json.loads(run_cli("--db", pg_url, "claims", "--json").out)[0]["verdict"] is None


@pytest.mark.parametrize(
    "config, says",
    [
        ('[[scale]]\nname = "False"\nkey = "1"\nvalue = "one"\n', "whole number"),
        ('[[scale]]\nname = "False"\nkey = "1"\nvalue = inf\n', "whole number"),
        ('organisation = "x"\n', "[organisation] must be a table"),
        ("keys = 3\n", "[keys] must be a table"),
        ("analyst = 3\n", "analyst must be a string"),
    ],
)
def test_a_bad_config_value_is_one_line_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: str, says: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(config)
    monkeypatch.setenv("VERIFY_CONFIG", str(path))
    err = one_line(run_cli("--db", f"sqlite:///{tmp_path / 'x.db'}", "claims"), 2)
    assert str(path) in err and says in err


def test_two_analysts_importing_one_article_at_once_store_it_once(
    db_url: str, tmp_path: Path
) -> None:
    import threading

    from verify.services.article import import_article

    article = tmp_path / "story.txt"
    article.write_text(
        "Ferry levy row\n\nHarbour minister Edda Lunn said the levy raised 12 million crowns.\n"
    )
    database = open_database(db_url)
    start = threading.Barrier(2)
    results: list[object] = []

    def one() -> None:
        start.wait()
        try:
            results.append(import_article(database, article))
        except Exception as exc:  # the test fails on any of these
            results.append(exc)

    threads = [threading.Thread(target=one) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    database.dispose()
    assert not [r for r in results if isinstance(r, Exception)], results
    assert len({r.article_id for r in results}) == 1  # type: ignore[attr-defined]
    listed = run_cli("--db", db_url, "article", "list").out.strip().splitlines()
    assert len(listed) == 1
