"""HTML pages -> main text and metadata (trafilatura), page chrome dropped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from verify.read.disk import problem
from verify.sanitize import clean

_MAX_ATTRIBUTE_CHARS = 4096


def from_html(
    source: str, path: Path | str
) -> tuple[str, str | None, str | None, str | None, str | None]:
    """Main text and metadata of an HTML page via trafilatura, chrome dropped."""
    import trafilatura
    from lxml import etree
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
        default_doctype=False,
    )
    try:
        tree = lxml_html.document_fromstring(source.encode("utf-8"), parser=parser)
        _prune(tree)
        result = trafilatura.bare_extraction(
            tree,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
            deduplicate=False,
        )
    except (etree.LxmlError, ValueError, TypeError, RecursionError):
        # markup lxml cannot parse, or that trafilatura chokes on (it raises the built-in
        # errors; deep nesting recurses too far): the page has no readable text
        result = None
    text = getattr(result, "text", None) if result is not None else None
    if not text or not clean(text).strip():
        raise problem("no readable text in HTML", path, 1)
    return (
        text,
        getattr(result, "title", None),
        getattr(result, "url", None),
        getattr(result, "sitename", None),
        getattr(result, "date", None),
    )


def _prune(tree: Any) -> None:
    """Drop scripts (JSON-LD metadata kept), styles and templates; clean text; cut huge attributes.

    Control characters would make trafilatura give up (its XML steps refuse them), and a
    megabyte-long attribute makes its date search, regular expressions over the
    serialised page, slow.
    """
    doomed = []
    for element in tree.iter():
        tag = element.tag
        if not isinstance(tag, str):
            continue
        if tag in ("style", "template") or (
            tag == "script" and "ld+json" not in (element.get("type") or "").lower()
        ):
            doomed.append(element)
            continue
        for name, value in element.attrib.items():
            element.attrib[name] = clean(value) if len(value) <= _MAX_ATTRIBUTE_CHARS else ""
        if element.text:
            element.text = clean(element.text)
        if element.tail:
            element.tail = clean(element.tail)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()  # keeps the text that follows the element
