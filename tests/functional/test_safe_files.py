"""Exports and backups never follow a planted symlink or replace what is not a file;
a folder import never reads a symlink that leads out of the folder."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from db.session import open_database
from tests.support.cli_run import run_cli
from verify.demo import load_demo


@pytest.fixture
def url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'desk.db'}"
    database = open_database(url)
    load_demo(database)
    database.dispose()
    return url


def one_line(run, code: int = 2) -> str:  # type: ignore[no-untyped-def]
    assert run.code == code, run.err
    assert len(run.err.splitlines()) == 1 and "Traceback" not in run.err
    return run.err


@pytest.mark.parametrize("command", [("export", "--format", "md", "-o"), ("db", "backup")])
def test_a_planted_symlink_at_the_target_is_refused_and_its_target_untouched(
    url: str, tmp_path: Path, command: tuple[str, ...]
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    target = tmp_path / "out.md"
    target.symlink_to(victim)
    err = one_line(run_cli("--db", url, *command, str(target)))
    assert "symbolic link" in err
    assert victim.read_text() == "precious" and target.is_symlink()


@pytest.mark.parametrize("command", [("export", "--format", "md", "-o"), ("db", "backup")])
@pytest.mark.parametrize("kind", ["folder", "fifo", "device"])
def test_a_target_that_is_not_a_regular_file_is_refused_in_one_line(
    url: str, tmp_path: Path, command: tuple[str, ...], kind: str
) -> None:
    if kind == "folder":
        target, says = tmp_path / "folder", "is a folder"
        target.mkdir()
    elif kind == "fifo":
        target, says = tmp_path / "pipe", "is a FIFO"
        os.mkfifo(target)
    else:
        target, says = Path("/dev/null"), "is a device"
    before = target.lstat()
    err = one_line(run_cli("--db", url, *command, str(target)))
    assert says in err
    after = target.lstat()
    assert stat.S_IFMT(after.st_mode) == stat.S_IFMT(before.st_mode)
    assert after.st_ino == before.st_ino


def test_re_exporting_over_a_private_file_keeps_it_private(url: str, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("old")
    os.chmod(target, 0o600)
    assert run_cli("--db", url, "export", "--format", "md", "-o", str(target)).code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text().startswith("#")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


@pytest.mark.parametrize("target", ["", ".", "/"])
def test_an_export_to_no_file_name_or_a_folder_is_one_line(url: str, target: str) -> None:
    one_line(run_cli("--db", url, "export", "--format", "md", "-o", target))


def test_dash_writes_the_export_to_stdout(url: str, tmp_path: Path) -> None:
    run = run_cli("--db", url, "export", "--format", "json", "-o", "-")
    assert run.code == 0 and run.out.startswith("{")
    assert not (Path.cwd() / "-").exists()


def test_a_backup_into_a_missing_folder_is_one_line(url: str, tmp_path: Path) -> None:
    err = one_line(run_cli("--db", url, "db", "backup", str(tmp_path / "nope" / "b.db")))
    assert "no such folder" in err


def test_folder_import_skips_symlinks_out_of_the_folder_and_says_so(
    url: str, tmp_path: Path
) -> None:
    private = tmp_path / "private"
    private.mkdir()
    secret = private / "diary.txt"
    secret.write_text("The secret ferry levy plan is to raise it to forty crowns.\n")
    folder = tmp_path / "evidence"
    folder.mkdir()
    (folder / "note.txt").write_text("The ferry levy raised 9.5 million crowns last year.\n")
    (folder / "diary.txt").symlink_to(secret)
    (folder / "passwd.csv").symlink_to("/etc/passwd")
    (folder / "alias.txt").symlink_to(folder / "note.txt")  # inside: read once
    run = run_cli("--db", url, "evidence", "add", str(folder))
    assert run.code == 0, run.err
    assert "1 files: 1 sources added" in run.out
    assert f"{folder / 'diary.txt'}: skipped" in run.err
    assert f"{folder / 'passwd.csv'}: skipped" in run.err
    found = run_cli("--db", url, "evidence", "search", "secret plan forty crowns", "--json")
    assert all("forty crowns" not in r["text"] for r in json.loads(found.out)["results"])


def test_an_error_line_never_quotes_the_file(url: str, tmp_path: Path) -> None:
    link = tmp_path / "records.csv"
    link.symlink_to("/etc/passwd")
    run = run_cli("--db", url, "evidence", "add", str(link))
    err = one_line(run)
    first_row = Path("/etc/passwd").read_text().splitlines()[0]
    assert first_row not in err and first_row.split(":")[0] + ":" not in err
