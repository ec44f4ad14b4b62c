"""The code keeps its own rules: layers point one way, and ruff finds nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    found = BIN / name
    return str(found) if found.exists() else (shutil.which(name) or name)


def _lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(
        [_tool("lint-imports"), "--no-cache"], cwd=tree, capture_output=True, text=True, env=env
    )


def test_layers_point_one_way() -> None:
    """tui -> services -> domain -> read -> text -> db, and nothing points back."""
    run = _lint_imports(ROOT)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("verify/services/browse.py", "import textual", "only verify.tui imports textual"),
        ("verify/services/agreement.py", "import verify.tui.app", "layers"),
        ("verify/tui/app.py", "import db.session", "TUI builds no SQL"),
        ("verify/cli/claims.py", "import db.claims", "CLI never reaches db"),
        ("verify/match/score.py", "import verify.services.review", "layers"),
        ("db/claims.py", "import verify.config", "db knows nothing"),
        ("verify/text.py", "import verify.match.score", "layers"),
        ("verify/text.py", "import textual", "only verify.tui imports textual"),
    ],
)
def test_a_forbidden_import_breaks_the_contracts(
    tmp_path: Path, module: str, line: str, contract: str
) -> None:
    """The contracts bite: the same tree with one forbidden import fails lint-imports."""
    for part in ("verify", "db"):
        shutil.copytree(ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / module
    source = target.read_text(encoding="utf-8")
    target.write_text(source + f"\n{line}  # injected by the test\n", encoding="utf-8")
    run = _lint_imports(tmp_path)
    assert run.returncode != 0, run.stdout[-3000:]
    broken = [line for line in run.stdout.splitlines() if line.endswith(" BROKEN")]
    assert len(broken) == 1 and contract in broken[0], run.stdout[-3000:]


def test_ruff_finds_nothing() -> None:
    run = subprocess.run(
        [_tool("ruff"), "check", "--output-format", "concise", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout[-3000:]


def test_ruff_format_changes_nothing() -> None:
    run = subprocess.run(
        [_tool("ruff"), "format", "--check", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout[-3000:]
