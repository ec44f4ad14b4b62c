"""A real terminal for end-to-end tests: the installed ``verify`` in tmux, keys typed
as a person types them, the screen read back with capture-pane."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from tests.support.screen_wait import wait_for

TMUX = shutil.which("tmux")
VERIFY = Path(sys.executable).parent / "verify"


class Terminal:
    """One tmux session on its own server socket, so nothing else is touched."""

    def __init__(self, command: str, width: int = 80, height: int = 24) -> None:
        self.socket = f"verify-test-{uuid.uuid4().hex[:8]}"
        self.name = "verify"
        # The test process may carry COLUMNS and LINES (80x24), which would override the
        # pane's real size for the program: they are left out of its environment.
        command = f"env -u COLUMNS -u LINES {command}"
        self._tmux(
            "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), command
        )

    def _tmux(self, *args: str) -> subprocess.CompletedProcess[str]:
        assert TMUX is not None
        return subprocess.run(
            [TMUX, "-L", self.socket, *args], capture_output=True, text=True, check=False
        )

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", self.name).stdout

    def keys(self, *keys: str) -> None:
        for key in keys:
            self._tmux("send-keys", "-t", self.name, key)
            time.sleep(0.15)

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-t", self.name, "-l", text)
        time.sleep(0.2)

    def alive(self) -> bool:
        return self._tmux("has-session", "-t", self.name).returncode == 0

    def wait_for(self, test: Callable[[str], bool], what: str, timeout: float = 60) -> str:
        return wait_for(self.screen, test, what, timeout)

    def close(self) -> None:
        self._tmux("kill-server")
