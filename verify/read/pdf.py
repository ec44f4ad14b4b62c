"""PDF files -> one Document whose text remembers where each page starts (pypdf).

pypdf (BSD licence, pure Python) rather than PyMuPDF (AGPL) or pdfminer.six (slower, and
pdfplumber builds on it). A PDF gives lines, not paragraphs: each page's lines are
joined back into paragraphs (:func:`reflow`), pages never run into each other, so every
passage keeps the page it starts on. A file without a text layer (a scan), encrypted
with a password, cut short or malformed is refused whole with one line.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import warnings
from datetime import datetime
from pathlib import Path
from typing import Any

from verify.progress import Progress
from verify.read.disk import problem, read_bytes
from verify.read.document import Document, meta_line
from verify.read.plain import SENTENCE_END, paragraphs, title_line, useful_title
from verify.sanitize import clean

# pypdf reports what it repairs through logging; with no handler, Python would print it
# on stderr, over a CLI's output or the TUI's screen. A refused file says why in one line.
logging.getLogger("pypdf").addHandler(logging.NullHandler())
logging.getLogger("pypdf").propagate = False

_PAGE_NUMBER = re.compile(
    r"(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?|[-–—]\s*\d{1,4}\s*[-–—]", re.IGNORECASE
)


def read_pdf(path: Path, progress: Progress | None = None) -> Document:
    """Read a PDF's text layer page by page; ``progress`` is told after each page."""
    return pdf_document(read_bytes(path), path, progress)


def pdf_document(data: bytes, path: Path | str, progress: Progress | None = None) -> Document:
    """A PDF's bytes -> Document; ``path`` (a file or a URL) names it in errors."""
    head = data[:1024]
    if b"%PDF-" not in head:
        raise problem("not a PDF file (no %PDF header)", path)
    if b"%%EOF" not in data[-2048:]:
        raise problem("truncated PDF: the file ends before its end marker", path)
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    pages: list[str] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                try:  # a PDF with only an owner password opens with an empty one
                    opened = bool(reader.decrypt(""))
                except (DependencyError, NotImplementedError):
                    opened = False
                if not opened:
                    raise problem("encrypted PDF: it needs a password; save a copy without", path)
            total = len(reader.pages)
            for number, page in enumerate(reader.pages, 1):
                pages.append(page.extract_text() or "")
                if progress:
                    progress(number, total, "pages")
            info = _info(reader)
    except FileNotDecryptedError:
        raise problem("encrypted PDF: it needs a password; save a copy without", path) from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        reason = " ".join(str(error).split())[:120] or type(error).__name__
        raise problem(f"malformed PDF: {reason}", path) from None
    except RecursionError:
        raise problem("malformed PDF: objects nested too deeply", path) from None
    if not pages:
        raise problem("malformed PDF: it has no pages", path)
    texts = [reflow(clean(page)) for page in pages]
    if not any(texts):
        raise problem(
            f"no text layer in this PDF ({len(pages)} pages): a scan? run OCR on it first", path
        )
    title = useful_title(info.get("title"))
    if title is None:
        title, texts[_first_text(texts)] = title_line(texts[_first_text(texts)])
    else:
        first = _first_text(texts)
        texts[first] = _drop_title(texts[first], title)
    text, starts = _join_pages(texts)
    if not text:
        raise problem("no readable text in this PDF besides its title", path)
    return Document(
        path=path if isinstance(path, Path) else None,
        text=text,
        title=meta_line(title),
        publisher=meta_line(info.get("publisher")),
        author=meta_line(info.get("author")),
        published_at=info.get("date"),
        format="pdf",
        sha256=hashlib.sha256(data).hexdigest(),
        page_starts=starts,
    )


def reflow(page: str) -> str:
    """A page's lines joined back into paragraphs, one a line.

    A line ends its paragraph when it is clearly shorter than the page's longest line
    and ends a sentence or is short of words (a heading). Words hyphenated at a line's
    end are joined; lines holding only a page number are dropped.
    """
    lines = [" ".join(line.split()) for line in page.split("\n")]
    lines = [line for line in lines if line and not _PAGE_NUMBER.fullmatch(line)]
    if not lines:
        return ""
    width = max(len(line) for line in lines)
    out: list[str] = []
    current = ""
    for line in lines:
        if not current:
            current = line
        elif current.endswith("-") and current[-2:-1].isalpha() and line[:1].islower():
            current = current[:-1] + line
        else:
            current = f"{current} {line}"
        short = len(line) < 0.8 * width
        if short and (SENTENCE_END.search(line) or len(line.split()) < 8):
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return paragraphs("\n".join(out))


def _first_text(texts: list[str]) -> int:
    return next(i for i, text in enumerate(texts) if text)


def _drop_title(text: str, title: str) -> str:
    """``text`` without its first line when that line is the title (it is not a passage)."""
    first, _, rest = text.partition("\n")
    if " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        return rest
    return text


def _join_pages(texts: list[str]) -> tuple[str, tuple[int, ...]]:
    """Pages joined by newlines, and the offset at which each page's text starts."""
    parts: list[str] = []
    starts: list[int] = []
    offset = 0
    for page in texts:
        if parts and page:
            offset += 1  # the newline between pages
        starts.append(offset)
        if page:
            parts.append(page)
            offset += len(page)
    return "\n".join(parts), tuple(starts)


def _info(reader: Any) -> dict[str, str]:
    """Title, author, publisher and date from the document's Info and XMP metadata."""
    from xml.parsers.expat import ExpatError

    from pypdf.errors import PyPdfError

    found: dict[str, str] = {}
    meta = reader.metadata
    if meta is not None:
        for key, name in (("title", "/Title"), ("author", "/Author"), ("publisher", "/Publisher")):
            value = meta.get(name)
            if isinstance(value, str) and value.strip():
                found[key] = clean(value)
        try:
            created = meta.creation_date
        except (ValueError, TypeError):
            created = None
        if isinstance(created, datetime):
            found["date"] = created.date().isoformat()
    try:
        xmp = reader.xmp_metadata
    except (PyPdfError, ExpatError, ValueError, KeyError):
        # a broken XMP packet is not worth refusing the file for
        xmp = None
    if xmp is not None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                publishers = xmp.dc_publisher or []
                titles = xmp.dc_title or {}
            except (ExpatError, ValueError, KeyError, AttributeError):
                publishers, titles = [], {}  # fields of an odd shape: left out
        if publishers and "publisher" not in found:
            found["publisher"] = clean(str(publishers[0]))
        if titles and "title" not in found:
            found["title"] = clean(str(next(iter(titles.values()))))
    return found
