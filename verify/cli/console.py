"""What a command says on stderr while it works: progress on a terminal, the model's first use."""

from __future__ import annotations

import sys
from typing import TextIO

from verify.progress import Progress


def progress(stream: TextIO = sys.stderr) -> Progress | None:
    """A one-line counter on ``stream`` when it is a terminal; nothing otherwise."""
    if not stream.isatty():
        return None

    def show(done: int, total: int, what: str) -> None:
        label = what.replace("\n", " ")[:50]
        stream.write(f"\r\x1b[K{done}/{total} {label}" if total else "")
        if done >= total:
            stream.write("\r\x1b[K")
        stream.flush()

    return show


def say_if_embedding_model_is_made() -> None:
    """One line before the pause of the embeddings' first use (no line when off)."""
    from verify.match import embed

    if embed.needs_making():
        print(
            "making the embedding model from its packaged weights (first use only, a few seconds)…",
            file=sys.stderr,
        )


def shown(path: object) -> str:
    """A path as one printable line (control characters escaped)."""
    text = str(path)
    return text if text.isprintable() else repr(text)[1:-1]
