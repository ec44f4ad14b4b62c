"""Untrusted text on its way to the screen: never markup, never a control character.

Stored text was cleaned at import (:func:`verify.sanitize.clean`); this cleans it
again as it is drawn, so a row written by another tool cannot reach the terminal
with an escape sequence either. Everything becomes a ``rich.text.Text``, which no
widget reads as markup.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

from verify.sanitize import clean, clean_line


def plain(value: str | None) -> str:
    """``value`` with control characters and escape sequences removed; tabs as spaces."""
    if not value:
        return ""
    return clean(value).replace("\t", "    ")


def line(value: str | None) -> str:
    """:func:`plain`, folded to one line."""
    if not value:
        return ""
    return clean_line(value)


def text(value: str | None, style: str = "") -> Text:
    """Untrusted ``value`` as literal text."""
    return Text(plain(value), style=style, end="")


def one_line(value: str | None, style: str = "") -> Text:
    return Text(line(value), style=style, end="", no_wrap=True)


def say(node: Any, message: str, *, title: str = "", **options: Any) -> None:
    """``node.notify`` for a message that may quote untrusted text (a name, a title, an
    error about a file): cleaned, one line, and never read as markup."""
    node.notify(line(message), title=line(title), markup=False, **options)
