"""Markdown -> plain text."""

from __future__ import annotations

import re
from typing import Any

from verify.read.plain import SENTENCE_END


def from_markdown(source: str) -> tuple[str, str | None]:
    """Markdown -> plain text: one block a paragraph, markup dropped, list markers kept.

    Links keep their text, images are dropped, code keeps its content, tables become
    rows of cells joined by " | ", raw HTML keeps its text (not scripts or styles).
    Returns the text and the first heading's text when the document starts with an h1.
    """
    from markdown_it import MarkdownIt  # a dependency of rich, hence of textual

    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    blocks: list[str] = []
    heading: str | None = None
    pending = ""  # list marker for the next block
    in_h1 = False
    cells: list[str] | None = None  # the cells of the table row being read
    for token in parser.parse(source):
        kind = token.type
        if kind == "list_item_open":
            pending = "- " if token.markup in ("-", "*", "+") else f"{token.info}{token.markup} "
        elif kind == "heading_open":
            in_h1 = token.tag == "h1"
        elif kind == "heading_close":
            in_h1 = False
        elif kind == "tr_open":
            cells = []
        elif kind == "tr_close" and cells is not None:
            blocks.append(" | ".join(cells))
            cells = None
        elif kind == "inline":
            text = _markdown_inline(token.children or [])
            if cells is not None:
                cells.append(" ".join(text.split()))
                continue
            if in_h1 and not blocks:
                heading = " ".join(text.split())
            blocks.append(pending + text)
            pending = ""
        elif kind in ("fence", "code_block"):
            blocks.append(pending + token.content)
            pending = ""
        elif kind == "html_block":
            text = _html_fragment_text(token.content)
            if text.strip():
                blocks.append(pending + text)
                pending = ""
    return "\n\n".join(block for block in blocks if block.strip()), heading


def _markdown_inline(children: list[Any]) -> str:
    """Text of an inline run; a soft line break stays a line break only after a sentence."""
    parts: list[str] = []
    last = ""  # the text before a line break, to tell whether it ended a sentence
    hidden = False  # inside an inline <script> or <style>
    for child in children:
        if child.type == "html_inline":
            if _OPENS_HIDDEN.match(child.content):
                hidden = True
            elif _CLOSES_HIDDEN.match(child.content):
                hidden = False
        elif hidden:
            continue
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
            last = child.content.rstrip() or last
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "softbreak":
            parts.append("\n" if SENTENCE_END.search(last) else " ")
    return "".join(parts)


_OPENS_HIDDEN = re.compile(r"<(?:script|style)\b", re.IGNORECASE)


_CLOSES_HIDDEN = re.compile(r"</(?:script|style)\b", re.IGNORECASE)


def _html_fragment_text(fragment: str) -> str:
    """Text of a raw HTML block inside Markdown, without scripts, styles or tags."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
        etree.strip_elements(root, "script", "style", "template", with_tail=False)
        return str(root.text_content())
    except (etree.LxmlError, ValueError):  # hostile markup is dropped, never a crash
        return ""
