"""The code type-checks: mypy finds nothing in db/ and verify/ (configured in pyproject)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_mypy_finds_no_error_in_db_and_verify(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache"), "db", "verify"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout[-5000:] + run.stderr[-2000:]
    assert "Success: no issues found" in run.stdout, run.stdout[-2000:]


def test_mypy_fails_on_an_injected_error(tmp_path: Path) -> None:
    """The check bites: the same tree with one ill-typed line fails it."""
    for part in ("db", "verify"):
        shutil.copytree(ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "db" / "claims.py"
    target.write_text(
        target.read_text(encoding="utf-8") + '\n\nWRONG: int = "not a number"\n', encoding="utf-8"
    )
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache"), "db", "verify"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert run.returncode != 0
    assert "db/claims.py" in run.stdout and "[assignment]" in run.stdout, run.stdout[-2000:]
