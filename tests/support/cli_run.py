"""Running the real command line in-process and capturing what a user would see."""

from __future__ import annotations

import io
from contextlib import redirect_stderr
from dataclasses import dataclass

from verify.cli import main


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(*argv: str) -> Run:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stderr(err):
        code = main(list(argv), out=out)
    return Run(code, out.getvalue(), err.getvalue())
