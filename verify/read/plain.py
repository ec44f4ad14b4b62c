"""Plain text: front matter, hard-wrapped lines, one paragraph a line."""

from __future__ import annotations

import re
from collections.abc import Callable

_FRONT_KEYS = {
    "title": "title",
    "url": "url",
    "publisher": "publisher",
    "published_at": "published_at",
    "published": "published_at",
    "date": "published_at",
    "id": "id",
    "author": "",  # recognised, not kept
}


_KEY_VALUE = re.compile(r"([A-Za-z][A-Za-z0-9_-]*)\s*:\s*(.*)")


_MAX_FRONT_LINES = 40


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split optional front matter from the body.

    Two forms: YAML-style (a first line ``---``, ``key: value`` lines, a closing ``---``
    or ``...``; unknown keys ignored), or bare ``key: value`` lines with known keys only,
    ended by a line ``---``. Anything else is body text.
    """
    lines = text.split("\n", _MAX_FRONT_LINES + 2)
    fenced = bool(lines) and lines[0].strip() == "---"
    first = 1 if fenced else 0
    for end in range(first, min(len(lines) - 1, _MAX_FRONT_LINES + first) + 1):
        if lines[end].strip() in (("---", "...") if fenced else ("---",)):
            break
    else:
        return {}, text
    meta: dict[str, str] = {}
    for raw in lines[first:end]:
        line = raw.strip()
        if not line or (fenced and (line.startswith("#") or raw[:1] in (" ", "\t", "-"))):
            continue
        match = _KEY_VALUE.fullmatch(line)
        key = _FRONT_KEYS.get(match.group(1).lower()) if match else None
        if match is None or (key is None and not fenced):
            return {}, text
        value = _unquote_value(match.group(2).strip())
        if key and value and key not in meta:
            meta[key] = value
    if not fenced and not meta:
        return {}, text
    return meta, "\n".join(lines[end + 1 :])


def _unquote_value(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1].strip()
    return value


SENTENCE_END = re.compile(r"[.!?:;…][\"'”’)\]]*$")


_LIST_ITEM = re.compile(r"(?:[-*+•–—]|\d{1,3}[.)])\s")


def unwrap(text: str, keep: Callable[[str], bool] | None = None) -> str:
    """Join hard-wrapped lines back into paragraphs.

    Only for text that looks wrapped at a fixed width (longest line 50..100 characters,
    at least half the lines close to it): a line close to the width that does not end
    a sentence is joined with the next line, unless that one starts a list item.
    Text written one paragraph a line is left as it is. A line for which ``keep`` is true
    (a transcript's speaker label) is never joined onto the line above.
    """
    lines = text.split("\n")
    lengths = [len(line.strip()) for line in lines if line.strip()]
    if len(lengths) < 4:
        return text
    width = max(lengths)
    near = [length for length in lengths if length >= 0.75 * width]
    if not 50 <= width <= 100 or len(near) * 2 < len(lengths):
        return text
    out: list[str] = []
    joining = False
    for line in lines:
        stripped = line.strip()
        kept = keep is not None and keep(stripped)
        if joining and stripped and not _LIST_ITEM.match(stripped) and not kept:
            out[-1] = f"{out[-1].rstrip()} {stripped}"
        else:
            out.append(line)
        joining = len(stripped) >= 0.75 * width and SENTENCE_END.search(stripped) is None
    return "\n".join(out)


def paragraphs(text: str) -> str:
    """One paragraph a line: whitespace runs folded, blank lines dropped."""
    if "\n" not in text:
        return " ".join(text.split())
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


_NOT_A_TITLE_END = re.compile(r"[.,;:…][\"'”’)\]]*$")


_FILE_NAME = re.compile(r".*\.(?:pdf|docx?|odt|rtf|txt|md|html?|xlsx?|pptx?)", re.IGNORECASE)


_PLACEHOLDER_TITLES = {"untitled", "title", "document", "word document", "no title", "none"}


def reads_as_title(line: str) -> bool:
    """Whether a first line reads as a title (of a document or an article): 2 to 20
    words and at most 160 characters, starting with a capital letter, a digit or a
    quote, not a list item, and not ending as a sentence or a clause does (".", ",",
    ";", ":", also before a closing quote or bracket). The one rule for titles in text."""
    line = line.strip()
    return (
        2 <= len(line.split()) <= 20
        and len(line) <= 160
        and (line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘")
        and not _LIST_ITEM.match(line)
        and not _NOT_A_TITLE_END.search(line)
    )


def title_line(text: str) -> tuple[str | None, str]:
    """Split ``text`` (one paragraph a line) into a first line that reads as a title
    (:func:`reads_as_title`) and is followed by more text, and the rest; ``(None, text)``
    when it does not."""
    first, _, rest = text.lstrip("\n").partition("\n")
    first = first.strip()
    if not rest.strip() or not reads_as_title(first):
        return None, text
    return first, rest


def useful_title(value: str | None) -> str | None:
    """A title from a document's metadata, or None when it is empty or says nothing: a
    file name ("report.docx", "Microsoft Word - report.docx") or a placeholder."""
    if value is None:
        return None
    title = " ".join(value.split())
    if (
        not title
        or title.casefold() in _PLACEHOLDER_TITLES
        or _FILE_NAME.fullmatch(title)
        or title.startswith("Microsoft Word - ")
        or (("/" in title or "\\" in title) and " " not in title)
    ):
        return None
    return title
