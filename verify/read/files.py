"""Article and evidence files -> :class:`Document`: the format chosen by suffix.

Files are UTF-8 (a BOM is dropped). Whole-file formats are read at once, within
:data:`verify.read.disk.MAX_FILE_BYTES`; record files are streamed (:mod:`verify.read.records`).
Every string that leaves this package has passed through :mod:`verify.sanitize`."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from verify.progress import Progress
from verify.read.dates import normalise_date
from verify.read.disk import (
    check_file,
    decode,
    folder_files,
    is_folder,
    open_file,
    problem,
    read_bytes,
    suffix_shown,
    unsupported,
)
from verify.read.document import (
    ARTICLE_SUFFIXES,
    EVIDENCE_SUFFIXES,
    FORMAT,
    TRANSCRIPT_SUFFIXES,
    Document,
    Turn,
    meta_line,
)
from verify.read.docx import read_docx
from verify.read.html import from_html
from verify.read.markdown import from_markdown
from verify.read.pdf import read_pdf
from verify.read.plain import front_matter, paragraphs, title_line, unwrap, useful_title
from verify.read.records import jsonl_records, table_records
from verify.read.transcript import (
    captions_to_text,
    file_lines,
    find_turns,
    looks_like_transcript,
    starts_turn,
)
from verify.sanitize import clean, clean_line

ARTICLE = "article"
TRANSCRIPT = "transcript"
KINDS = (ARTICLE, TRANSCRIPT)


def read_article(path: Path, kind: str | None = None) -> Document:
    """Read an article or transcript (.txt, .md, .markdown, .html, .htm, .vtt, .srt).

    ``kind`` says whether the file is an "article" or a "transcript"; None tells them
    apart by shape (:func:`verify.read.transcript.looks_like_transcript`). Captions
    (.vtt, .srt) are transcripts. A transcript's Document carries its turns.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if kind is not None and kind not in KINDS:
        raise problem(f"unknown kind {kind!r}: an article or a transcript", path)
    if is_folder(path):
        raise problem("is a folder, not a file", path)
    if suffix in TRANSCRIPT_SUFFIXES:
        return _read_captions(path, FORMAT[suffix], kind)
    if suffix not in ARTICLE_SUFFIXES:
        kinds = ", ".join((*ARTICLE_SUFFIXES, *TRANSCRIPT_SUFFIXES))
        if suffix in EVIDENCE_SUFFIXES:
            message = f"{suffix} files hold evidence records; an article is one of {kinds}"
        else:
            message = f"unsupported file type {suffix_shown(path)}; an article is one of {kinds}"
        raise problem(message, path)
    return _read_whole(path, FORMAT[suffix], title_is_text=True, kind=kind)


def read_evidence(path: Path, progress: Progress | None = None) -> Iterator[Document]:
    """Read an evidence file: one Document for a whole file, one per record otherwise.

    The file is checked (exists, readable, within the size limit) when called; records
    of .jsonl/.csv/.tsv files are then read, checked and yielded one at a time. A
    title line of a text file is the title, not text. ``progress`` is told of the pages
    of a PDF as they are read.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in EVIDENCE_SUFFIXES:
        raise problem(unsupported(path), path)
    fmt = FORMAT[suffix]
    if fmt == "pdf":
        return iter([read_pdf(path, progress)])
    if fmt == "docx":
        return iter([read_docx(path)])
    if fmt in ("txt", "md", "html"):
        return iter([_read_whole(path, fmt, title_is_text=False)])
    check_file(path)
    open_file(path).close()  # unreadable files fail now, not on the first record
    if fmt == "jsonl":
        return jsonl_records(path)
    return table_records(path, fmt)


def evidence_files(paths: Iterable[Path], skipped: list[Path] | None = None) -> list[Path]:
    """Expand files and folders into the evidence files to read, without duplicates.

    Folders are searched recursively in sorted order for files with a supported suffix;
    hidden files and folders (name starting with ".") are skipped, symlinked folders
    are not followed, and symlinks leading out of the folder are not read (they are
    added to ``skipped``). A named file must have a supported suffix. A missing path, or a
    named folder holding no evidence file, is an InputError.
    """
    return files_in(paths, EVIDENCE_SUFFIXES, "evidence files", unsupported, skipped)


def files_in(
    paths: Iterable[Path],
    suffixes: tuple[str, ...],
    what: str,
    unsupported_message: Callable[[Path], str],
    skipped: list[Path] | None = None,
) -> list[Path]:
    """Files and folders -> the files with one of ``suffixes`` (as :func:`evidence_files`
    describes); ``what`` names them in the error for a folder holding none; symlinks out
    of a folder go to ``skipped``."""
    found: list[Path] = []
    seen: set[str] = set()
    for given in paths:
        path = Path(given)
        try:
            mode = path.stat().st_mode
        except (OSError, ValueError):
            raise problem("no such file or folder", path) from None
        if stat.S_ISDIR(mode):
            candidates = folder_files(path, suffixes, skipped)
            if not candidates:
                kinds = ", ".join(suffixes)
                raise problem(f"no {what} in this folder (looked for {kinds})", path)
        else:
            if path.suffix.lower() not in suffixes:
                raise problem(unsupported_message(path), path)
            candidates = [path]
        for candidate in candidates:
            key = os.path.realpath(candidate)
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return found


def _read_whole(
    path: Path, fmt: str, *, title_is_text: bool, kind: str | None = ARTICLE
) -> Document:
    """A whole text, Markdown or HTML file. Without a title in its metadata, a .txt
    file's first line is its title when it reads as one. ``title_is_text`` keeps that
    line (or a Markdown heading or an HTML page's title repeated as its first line) in
    the text, as an article does; evidence drops it, as the title is no passage.
    ``kind`` as for :func:`read_article`."""
    data = read_bytes(path)
    return read_markup(decode(data, path), path, fmt, data, title_is_text=title_is_text, kind=kind)


def read_markup(
    raw: str,
    path: Path | str,
    fmt: str,
    data: bytes,
    *,
    title_is_text: bool,
    url: str | None = None,
    kind: str | None = ARTICLE,
) -> Document:
    """Decoded text, Markdown or HTML -> a Document; ``data`` is what its hash is of."""
    title = publisher = published_at = external_id = None
    spoken = kind == TRANSCRIPT
    if fmt == "html":
        body, title, page_url, publisher, published_at = from_html(raw, path)
        url = url or page_url
    else:
        meta, body = front_matter(clean(raw))
        if fmt == "md":
            body, title = from_markdown(body)
        else:
            spoken = spoken or (kind is None and looks_like_transcript(body))
            # a turn's label starts a paragraph even in a file wrapped at a fixed width
            body = unwrap(body, keep=starts_turn if spoken else None)
        title = meta.get("title") or title
        url = url or meta.get("url")
        publisher = meta.get("publisher")
        published_at = meta.get("published_at")
        external_id = meta.get("id")
    text = paragraphs(clean(body))
    if not text:
        message = "no readable text in HTML" if fmt == "html" else "no readable text"
        raise problem(message, path, 1)
    spoken = spoken or (kind is None and looks_like_transcript(text))
    title = useful_title(clean_line(title)) if title else None
    if title is None and fmt == "txt" and not (spoken and starts_turn(text.split("\n", 1)[0])):
        title, rest = title_line(text)
        if title is not None and not title_is_text:
            text = rest
    elif title is not None and not title_is_text:
        first, _, rest = text.partition("\n")
        if rest and first.casefold() == title.casefold():
            text = rest
    turns = _turns(text, path, raw if fmt != "html" else None) if spoken else ()
    return Document(
        path=path if isinstance(path, Path) else None,
        text=text,
        title=meta_line(title),
        url=meta_line(url),
        publisher=meta_line(publisher),
        published_at=normalise_date(published_at),
        external_id=meta_line(external_id),
        format=fmt,
        sha256=hashlib.sha256(data).hexdigest(),
        turns=turns,
    )


def _turns(text: str, path: Path | str, raw: str | None) -> tuple[Turn, ...]:
    """A transcript's turns, their lines counted in the file (``raw``) where it has them."""
    turns = find_turns(text)
    if not any(t.speaker for t in turns):
        raise problem("no speaker turns found: a transcript's turns open with 'NAME: '", path, 1)
    return tuple(file_lines(turns, text, raw)) if raw is not None else tuple(turns)


def _read_captions(path: Path, fmt: str, kind: str | None) -> Document:
    data = read_bytes(path)
    raw = clean(decode(data, path))
    if not re.search(r"-->", raw):
        raise problem(f"no caption timings ('-->') in this .{fmt} file", path, 1)
    text = paragraphs(captions_to_text(raw))
    if not text:
        raise problem("no readable text in the captions", path, 1)
    spoken = kind != ARTICLE
    return Document(
        path=path,
        text=text,
        format=fmt,
        sha256=hashlib.sha256(data).hexdigest(),
        turns=_turns(text, path, None) if spoken else (),
    )
