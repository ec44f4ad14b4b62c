"""The one shape of progress every long job reports: ``progress(done, total, what)``."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int, str], None]
"""Called as work advances: items done, items in all, and what is being done now."""
