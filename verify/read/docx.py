"""Word (.docx) files -> one Document whose text remembers where each paragraph starts.

python-docx (MIT licence) reads the body in order, paragraphs and tables alike; a table
row becomes one paragraph of cells joined by " | ". Paragraphs are numbered as Word
shows them, empty ones not counted, so a passage can say "¶ 12". An old binary .doc,
an encrypted file (both are OLE containers, not zip files), a cut-short zip or a zip
that is not a Word document is refused whole with one line.
"""

from __future__ import annotations

import hashlib
import html
import io
import re
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from verify.read.disk import problem, read_bytes
from verify.read.document import Document, meta_line
from verify.read.plain import title_line, useful_title
from verify.sanitize import clean

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

MAX_UNPACKED_BYTES = 256 * 1024 * 1024
"""A .docx whose parts unpack to more than this is refused (a zip bomb, not a document)."""

_TITLE_STYLES = ("title", "heading 1")

_PLACEHOLDER_AUTHORS = {"python-docx", "user", "author", "admin", "administrator"}

_COMPANY = re.compile(rb"<(?:\w+:)?Company>([^<]{1,500})</(?:\w+:)?Company>")


def read_docx(path: Path) -> Document:
    return docx_document(read_bytes(path), path)


def docx_document(data: bytes, path: Path | str) -> Document:
    """A .docx file's bytes -> Document; ``path`` (a file or a URL) names it in errors."""
    if data.startswith(_OLE_MAGIC):
        raise problem(
            "encrypted or old-format Word file (.doc): save it as an unprotected .docx", path
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise problem(
            "not a Word document, or a truncated one (not a valid .docx zip)", path
        ) from None
    if "word/document.xml" not in names:
        raise problem("not a Word document (.docx): it has no word/document.xml", path)
    if unpacked > MAX_UNPACKED_BYTES:
        raise problem("malformed Word document: it unpacks to more than 256 MiB", path)
    import docx
    from docx.opc.exceptions import OpcError
    from docx.table import Table
    from lxml.etree import LxmlError

    try:
        document = docx.Document(io.BytesIO(data))
        blocks: list[tuple[str, str]] = []  # (style name, text)
        for item in document.iter_inner_content():
            if isinstance(item, Table):
                blocks.extend(("", row) for row in _table_rows(item))
            else:
                style = item.style.name if item.style is not None else ""
                blocks.append((str(style or "").casefold(), item.text))
        props = document.core_properties
        title_meta, author, created = props.title, props.author, props.created
        company = _company(archive, names)
    except (OpcError, LxmlError, zipfile.BadZipFile, KeyError, ValueError) as error:
        # a broken package, XML lxml cannot parse, a missing part: one line, no traceback
        reason = " ".join(str(error).split())[:120] or type(error).__name__
        raise problem(f"malformed Word document: {reason}", path) from None
    numbered = [(style, " ".join(clean(text).split())) for style, text in blocks]
    numbered = [(style, text) for style, text in numbered if text]
    if not numbered:
        raise problem("no readable text in this Word document", path)
    title = useful_title(clean(title_meta or ""))
    first_style, first_text = numbered[0]
    skip = 0  # paragraphs before the body: the title's
    if title is not None and first_text.casefold() == title.casefold():
        skip = 1
    elif title is None and first_style in _TITLE_STYLES and len(numbered) > 1:
        title, skip = first_text, 1
    elif title is None:
        title, rest = title_line("\n".join(text for _, text in numbered[:2]))
        skip = 1 if title is not None and rest else 0
    text_parts: list[str] = []
    starts: list[int] = [0] * skip
    offset = 0
    for _, paragraph in numbered[skip:]:
        if text_parts:
            offset += 1
        starts.append(offset)
        text_parts.append(paragraph)
        offset += len(paragraph)
    if not text_parts:
        raise problem("no readable text in this Word document besides its title", path)
    author_name = clean(author or "").strip()
    if author_name.casefold() in _PLACEHOLDER_AUTHORS:
        author_name = ""
    return Document(
        path=path if isinstance(path, Path) else None,
        text="\n".join(text_parts),
        title=meta_line(title),
        publisher=meta_line(company),
        author=meta_line(author_name),
        published_at=created.date().isoformat() if isinstance(created, datetime) else None,
        format="docx",
        sha256=hashlib.sha256(data).hexdigest(),
        paragraph_starts=tuple(starts),
    )


def _table_rows(table: Any) -> list[str]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if not cells or cells[-1] != text:  # a merged cell is repeated per column
                cells.append(text)
        rows.append(" | ".join(cells))
    return rows


def _company(archive: zipfile.ZipFile, names: set[str]) -> str | None:
    """The Company of docProps/app.xml (who published the document), if set."""
    if "docProps/app.xml" not in names:
        return None
    found = _COMPANY.search(archive.read("docProps/app.xml")[:1_000_000])
    if found is None:
        return None
    return clean(html.unescape(found.group(1).decode("utf-8", "replace"))).strip() or None
