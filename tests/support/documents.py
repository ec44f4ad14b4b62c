"""PDF and Word files the tests make themselves: no fixture file comes from outside.

:func:`pdf_bytes` writes a small, valid PDF 1.4 by hand (text pages in Helvetica, an
optional Info dictionary, an optional page with an image and no text, as a scan has);
:func:`docx_file` writes a .docx with python-docx.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from pathlib import Path


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _page_stream(lines: Sequence[str]) -> bytes:
    """One text line per entry, top down, 14 points apart; an empty entry is a blank line."""
    parts = ["BT", "/F1 11 Tf", "14 TL", "56 780 Td"]
    for line in lines:
        parts.append(f"({_escape(line)}) Tj T*" if line else "T*")
    parts.append("ET")
    return "\n".join(parts).encode("latin-1")


_SCAN_STREAM = b"q 400 0 0 300 100 400 cm /Im1 Do Q"


def pdf_bytes(
    pages: Sequence[Sequence[str] | None],
    *,
    info: dict[str, str] | None = None,
    compress: bool = False,
) -> bytes:
    """A PDF whose page ``i`` shows ``pages[i]``'s lines; ``None`` is a scanned page
    (an image, no text). ``info`` fills the Info dictionary (``Title``, ``Author``...)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in once the pages are known
    pages_id = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    image_data = zlib.compress(bytes([200]) * (8 * 8))
    image = add(
        b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
        % len(image_data)
        + image_data
        + b"\nendstream"
    )
    kids = []
    for lines in pages:
        data = _SCAN_STREAM if lines is None else _page_stream(lines)
        extra = b""
        if compress:
            data = zlib.compress(data)
            extra = b" /Filter /FlateDecode"
        content = add(b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 842] "
                b"/Resources << /Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R >> >> "
                b"/Contents %d 0 R >>" % (pages_id, font, image, content)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    info_id = None
    if info:
        entries = " ".join(f"/{key} ({_escape(value)})" for key, value in info.items())
        info_id = add(f"<< {entries} >>".encode("latin-1"))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, catalog)
    if info_id:
        trailer += b" /Info %d 0 R" % info_id
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def write_pdf(path: Path, pages: Sequence[Sequence[str] | None], **options: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pdf_bytes(pages, **options))  # type: ignore[arg-type]
    return path


def encrypted_pdf(path: Path, pages: Sequence[Sequence[str]], password: str) -> Path:
    """A copy of a made PDF encrypted with a user password (RC4, which needs no extra
    package to write or to read)."""
    from io import BytesIO

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(BytesIO(pdf_bytes(pages))))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="RC4-128")
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def docx_file(
    path: Path,
    paragraphs: Sequence[str],
    *,
    title: str | None = None,
    author: str | None = None,
    created: str | None = None,
    heading: str | None = None,
    table: Sequence[Sequence[str]] | None = None,
) -> Path:
    """A .docx of ``paragraphs`` (an optional Title-styled ``heading`` first, an optional
    table last), with core properties ``title``, ``author`` and ``created`` (ISO date)."""
    from datetime import datetime

    import docx

    document = docx.Document()
    if heading:
        document.add_heading(heading, level=0)
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    props = document.core_properties
    props.title = title or ""
    props.author = author or ""
    if created:
        props.created = datetime.fromisoformat(created)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path
