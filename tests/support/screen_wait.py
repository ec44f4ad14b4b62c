"""Waiting for a terminal screen to show something, as a person watching it would."""

from __future__ import annotations

import time
from collections.abc import Callable


def wait_for(
    read: Callable[[], str],
    test: Callable[[str], bool],
    what: str,
    timeout: float = 60,
    every: float = 0.25,
) -> str:
    """Read the screen until ``test`` accepts it; fail naming ``what`` with the last screen."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        screen = read()
        if test(screen):
            return screen
        time.sleep(every)
    raise AssertionError(f"the screen never showed {what}:\n{read()}")
