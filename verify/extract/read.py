"""Read article and evidence files into cleaned plain-text documents.

One job: bytes on disk -> :class:`Document`. Articles are .txt, .md/.markdown and
.html/.htm files; evidence is any of those plus .jsonl, .csv and .tsv files of records.
Every string that leaves this module has passed through :mod:`verify.sanitize`, and every
problem with a file is an :class:`~verify.errors.InputError` whose text is one line:
``path:line: message`` (``path: message`` where no line applies, e.g. a missing file).

Files are UTF-8 (a BOM is dropped). Whole-file formats are read at once, within
:data:`MAX_FILE_BYTES`; record files are streamed a line at a time and checked as they go,
so an error can surface after earlier records were yielded (the caller stores a file in
one transaction and rolls back).
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import json
import math
import os
import re
import stat
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import IO, Any

from verify.errors import InputError
from verify.sanitize import clean, clean_line

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Largest file read: 64 MiB. Bigger files are refused with an InputError naming the limit.

Large enough for a news article or an evidence export of ~100,000 records; small enough
that reading, cleaning and indexing one file stays within a few hundred MB of memory.
"""

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
EVIDENCE_SUFFIXES = (*ARTICLE_SUFFIXES, ".jsonl", ".csv", ".tsv")

_FORMAT = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
}
_MAX_META_CHARS = 2000  # titles, urls, publishers and ids are cut to this length
_SNIFF_BYTES = 8192
# Bytes that do not occur in text (NUL and C0 controls other than tab, newlines, form
# feed and ESC); more than a tenth of them at the start of a file means it is binary.
_BINARY_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20)])


@dataclass(frozen=True)
class Document:
    """One readable unit: a whole file, or one record of a .jsonl/.csv/.tsv file."""

    path: Path
    text: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published_at: str | None = None
    external_id: str | None = None
    line: int | None = None
    format: str = "txt"
    sha256: str = ""


# ---------------------------------------------------------------------------- public


def read_article(path: Path) -> Document:
    """Read an article (.txt, .md, .markdown, .html, .htm) into one Document."""
    path = Path(path)
    suffix = path.suffix.lower()
    if _is_folder(path):
        raise _error("is a folder, not a file", path)
    if suffix not in ARTICLE_SUFFIXES:
        kinds = ", ".join(ARTICLE_SUFFIXES)
        if suffix in EVIDENCE_SUFFIXES:
            message = f"{suffix} files hold evidence records; an article is one of {kinds}"
        else:
            message = f"unsupported file type {_suffix_shown(path)}; an article is one of {kinds}"
        raise _error(message, path)
    return _read_whole(path, _FORMAT[suffix])


def read_evidence(path: Path) -> Iterator[Document]:
    """Read an evidence file: one Document for a whole file, one per record otherwise.

    The file is checked (exists, readable, within the size limit) when called; records
    of .jsonl/.csv/.tsv files are then read, checked and yielded one at a time.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in EVIDENCE_SUFFIXES:
        raise _error(_unsupported(path), path)
    fmt = _FORMAT[suffix]
    if fmt in ("txt", "md", "html"):
        return iter([_read_whole(path, fmt)])
    _check_file(path)
    _open(path).close()  # unreadable files fail now, not on the first record
    if fmt == "jsonl":
        return _jsonl_records(path)
    return _table_records(path, fmt)


def evidence_files(paths: Iterable[Path]) -> list[Path]:
    """Expand files and folders into the evidence files to read, without duplicates.

    Folders are searched recursively in sorted order for files with a supported suffix;
    hidden files and folders (name starting with ".") are skipped and symlinked folders
    are not followed. A named file must have a supported suffix. A missing path, or a
    named folder holding no evidence file, is an InputError.
    """
    found: list[Path] = []
    seen: set[str] = set()
    for given in paths:
        path = Path(given)
        try:
            mode = path.stat().st_mode
        except (OSError, ValueError):
            raise _error("no such file or folder", path) from None
        if stat.S_ISDIR(mode):
            candidates = _folder_files(path)
            if not candidates:
                kinds = ", ".join(EVIDENCE_SUFFIXES)
                raise _error(f"no evidence files in this folder (looked for {kinds})", path)
        else:
            if path.suffix.lower() not in EVIDENCE_SUFFIXES:
                raise _error(_unsupported(path), path)
            candidates = [path]
        for candidate in candidates:
            key = os.path.realpath(candidate)
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return found


def normalise_date(value: str | None) -> str | None:
    """Return ``value`` as an ISO 8601 date or datetime string, or None if unparseable.

    Accepts ISO 8601 ("2026-03-03", "2026-03-03T10:00:00Z"), RFC 2822 e-mail dates,
    "2026/03/03", and English day-month or month-day dates with an optional weekday
    and time ("3 March 2026", "Tuesday, March 3rd, 2026", "Thu 8 Jan 2026 at 8:10pm";
    the time of such dates is dropped). Dates only are kept as dates.
    """
    if value is None:
        return None
    text = clean_line(value)
    if not text or len(text) > 80:
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).replace(microsecond=0).isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    return _worded_date(text.lower())


# ------------------------------------------------------------------- whole files


def _read_whole(path: Path, fmt: str) -> Document:
    data = _read_bytes(path)
    raw = _decode(data, path)
    title = url = publisher = published_at = external_id = None
    if fmt == "html":
        body, title, url, publisher, published_at = _from_html(raw, path)
    else:
        meta, body = _front_matter(clean(raw))
        if fmt == "md":
            body, title = _from_markdown(body)
        else:
            body = _unwrap(body)
        title = meta.get("title") or title
        url = meta.get("url")
        publisher = meta.get("publisher")
        published_at = meta.get("published_at")
        external_id = meta.get("id")
    text = _paragraphs(clean(body))
    if not text:
        message = "no readable text in HTML" if fmt == "html" else "no readable text"
        raise _error(message, path, 1)
    return Document(
        path=path,
        text=text,
        title=_meta(title),
        url=_meta(url),
        publisher=_meta(publisher),
        published_at=normalise_date(published_at),
        external_id=_meta(external_id),
        format=fmt,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _read_bytes(path: Path) -> bytes:
    _check_file(path)
    with _open(path) as handle:
        try:
            data = handle.read(MAX_FILE_BYTES + 1)
        except OSError as error:
            raise _error(f"cannot read file: {_reason(error)}", path) from None
    if len(data) > MAX_FILE_BYTES:
        raise _error(_too_large(len(data)), path)
    return data


def _decode(data: bytes, path: Path) -> str:
    """UTF-8 bytes of a whole file -> str, or an InputError naming the line."""
    _sniff(data[:_SNIFF_BYTES], path)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise _error("binary file, not text", path, data.count(b"\n", 0, nul) + 1)
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = data[start:].decode("utf-8")
    except UnicodeDecodeError as error:
        offset = start + error.start
        line = data.count(b"\n", 0, offset) + 1
        raise _error(_invalid_utf8(offset), path, line) from None
    if not text.strip():
        raise _error("empty file (only whitespace)", path, 1)
    return text


def _sniff(head: bytes, path: Path) -> None:
    """Refuse UTF-16/32 and binary content from the first bytes of a file."""
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise _error("UTF-32 text, not UTF-8: save the file as UTF-8", path, 1)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _error("UTF-16 text, not UTF-8: save the file as UTF-8", path, 1)
    nul = head.find(b"\x00")
    if nul >= 0:
        raise _error("binary file, not text", path, head.count(b"\n", 0, nul) + 1)
    odd = len(head) - len(head.translate(None, _BINARY_BYTES))
    if head and odd * 10 > len(head):
        raise _error("binary file, not text", path, 1)


# ------------------------------------------------------------ front matter, txt, md

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


def _front_matter(text: str) -> tuple[dict[str, str], str]:
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


def _from_markdown(source: str) -> tuple[str, str | None]:
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
            parts.append("\n" if _SENTENCE_END.search(last) else " ")
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
    except Exception:  # hostile markup is dropped, never a crash
        return ""


_SENTENCE_END = re.compile(r"[.!?:;…][\"'”’)\]]*$")
_LIST_ITEM = re.compile(r"(?:[-*+•–—]|\d{1,3}[.)])\s")


def _unwrap(text: str) -> str:
    """Join hard-wrapped lines back into paragraphs.

    Only for text that looks wrapped at a fixed width (longest line 50..100 characters,
    at least half the lines close to it): a line close to the width that does not end
    a sentence is joined with the next line, unless that one starts a list item.
    Text written one paragraph a line is left as it is.
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
        if joining and stripped and not _LIST_ITEM.match(stripped):
            out[-1] = f"{out[-1].rstrip()} {stripped}"
        else:
            out.append(line)
        joining = len(stripped) >= 0.75 * width and _SENTENCE_END.search(stripped) is None
    return "\n".join(out)


def _paragraphs(text: str) -> str:
    """One paragraph a line: whitespace runs folded, blank lines dropped."""
    if "\n" not in text:
        return " ".join(text.split())
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


# ---------------------------------------------------------------------------- html

_MAX_ATTRIBUTE_CHARS = 4096


def _from_html(
    source: str, path: Path
) -> tuple[str, str | None, str | None, str | None, str | None]:
    """Main text and metadata of an HTML page via trafilatura, chrome dropped."""
    import trafilatura
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
    except Exception:  # hostile markup must never crash an import: it has no readable text
        result = None
    text = getattr(result, "text", None) if result is not None else None
    if not text or not clean(text).strip():
        raise _error("no readable text in HTML", path, 1)
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


# ------------------------------------------------------------------ record files

_FIELD_NAMES = {
    "text": ("text",),
    "id": ("id",),
    "title": ("title",),
    "url": ("url",),
    "publisher": ("publisher",),
    "published_at": ("published_at", "published", "date"),
}
_COLUMN_ALIASES = {"vclaim": "text", "vclaim_id": "id"}  # CheckThat verified-claims TSV


def _jsonl_records(path: Path) -> Iterator[Document]:
    found = False
    for number, line in _text_lines(path):
        if not line.strip():
            continue
        try:
            value = json.loads(line, strict=False)
        except RecursionError:
            raise _error("not valid JSON: nested too deeply", path, number) from None
        except json.JSONDecodeError as error:
            reason = f"{error.msg} (column {error.colno})"
            raise _error(f"not valid JSON: {reason}", path, number) from None
        except ValueError as error:
            reason = clean_line(str(error)).split(";")[0][:120]
            raise _error(f"not valid JSON: {reason}", path, number) from None
        if not isinstance(value, dict):
            found_kind = _json_type(value)
            raise _error(
                f'record has no "text" (each line must be a JSON object, found {found_kind})',
                path,
                number,
            )
        fields: dict[str, object] = {}
        for field, names in _FIELD_NAMES.items():
            for name in names:
                if value.get(name) is not None:
                    fields[field] = value[name]
                    break
        found = True
        yield _record(fields, path, number, "jsonl")
    if not found:
        raise _error("empty file (no records)", path, 1)


def _table_records(path: Path, fmt: str) -> Iterator[Document]:
    if csv.field_size_limit() < MAX_FILE_BYTES:
        csv.field_size_limit(MAX_FILE_BYTES)
    lines = (line for _, line in _text_lines(path))
    # TSV is quoted as spreadsheets and pandas write it: a field may be quoted and hold
    # doubled quotes, tabs and newlines (the CheckThat verified claims do all three).
    # CSV is strict: an unclosed quote is an error, not a merge.
    reader = csv.reader(lines, delimiter="\t") if fmt == "tsv" else csv.reader(lines, strict=True)
    header: list[str] | None = None
    columns: dict[str, int] = {}
    found = False
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            name = fmt.upper()
            raise _error(f"not valid {name}: {clean_line(str(error))}", path, start) from None
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        if header is None:
            header = row
            columns = _columns(header, path, start)
            continue
        if len(row) != len(header):
            raise _error(f"row has {len(row)} fields, header has {len(header)}", path, start)
        found = True
        yield _record({field: row[index] for field, index in columns.items()}, path, start, fmt)
    if header is None:
        raise _error("empty file (no header row)", path, 1)
    if not found:
        raise _error("no records after the header row", path, max(reader.line_num, 1))


def _columns(header: list[str], path: Path, line: int) -> dict[str, int]:
    """Map our field names to column positions; the text column is required."""
    names = [clean_line(name).strip().lower() for name in header]
    columns: dict[str, int] = {}
    for field, aliases in _FIELD_NAMES.items():
        for alias in aliases:
            if alias in names:
                columns[field] = names.index(alias)
                break
    for alias, field in _COLUMN_ALIASES.items():
        if field not in columns and alias in names:
            columns[field] = names.index(alias)
    if "id" not in columns and names and names[0] == "" and len(names) > 1:
        columns["id"] = 0  # an unnamed first column is a row id (pandas writes them so)
    if "text" not in columns:
        shown = ", ".join(name[:40] or '""' for name in names[:20])
        if len(names) > 20:
            shown += ", …"
        raise _error(f'no "text" column (columns: {shown})', path, line)
    return columns


def _record(fields: Mapping[str, object], path: Path, line: int, fmt: str) -> Document:
    """Check a record's fields and build its Document."""
    raw_text = fields.get("text")
    if raw_text is None:
        raise _error('record has no "text"', path, line)
    if not isinstance(raw_text, str):
        raise _error(f'record has no "text" ("text" is {_json_type(raw_text)})', path, line)
    text = _paragraphs(clean(raw_text))
    if not text:
        raise _error('record has no "text" (it is empty)', path, line)
    values: dict[str, str | None] = {}
    for field in ("title", "url", "publisher", "published_at"):
        value = fields.get(field)
        if value is not None and not isinstance(value, str):
            raise _error(f'"{field}" must be a string, not {_json_type(value)}', path, line)
        values[field] = _meta(value)
    external_id = _external_id(fields.get("id"), path, line)
    # NUL cannot occur in cleaned text, so joining with it keeps the fields apart.
    digest = hashlib.sha256(
        "\0".join(v or "" for v in (external_id, values["title"], text, values["url"])).encode(
            "utf-8", "surrogatepass"
        )
    ).hexdigest()
    return Document(
        path=path,
        text=text,
        title=values["title"],
        url=values["url"],
        publisher=values["publisher"],
        published_at=normalise_date(values["published_at"]),
        external_id=external_id,
        line=line,
        format=fmt,
        sha256=digest,
    )


def _external_id(value: object, path: Path, line: int) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _error(f'"id" must be a string or number, not {_json_type(value)}', path, line)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _error('"id" must be a finite number', path, line)
        value = int(value) if value.is_integer() else value
    return _meta(str(value))


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _text_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(1-based line number, decoded line) of a file, each line checked as it is read."""
    with _open(path) as handle:
        try:
            _sniff(handle.read(_SNIFF_BYTES), path)
            handle.seek(0)
            offset = 0
            for number, raw in enumerate(handle, 1):
                if number == 1 and raw.startswith(codecs.BOM_UTF8):
                    raw = raw[len(codecs.BOM_UTF8) :]
                    offset = len(codecs.BOM_UTF8)
                if b"\x00" in raw:
                    raise _error("binary file, not text", path, number)
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as error:
                    raise _error(_invalid_utf8(offset + error.start), path, number) from None
                offset += len(raw)
                if offset > MAX_FILE_BYTES:
                    raise _error(_too_large(offset), path, number)
                yield number, line
        except OSError as error:
            raise _error(f"cannot read file: {_reason(error)}", path) from None


# -------------------------------------------------------------------- file system


def _check_file(path: Path) -> None:
    """Refuse a path that is missing, not a regular file, empty or over the limit."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise _error("no such file", path) from None
    except ValueError:  # e.g. an embedded NUL in the name
        raise _error("no such file", path) from None
    except OSError as error:
        raise _error(f"cannot read file: {_reason(error)}", path) from None
    if stat.S_ISDIR(info.st_mode):
        raise _error("is a folder, not a file", path)
    if not stat.S_ISREG(info.st_mode):
        raise _error("not a regular file", path)
    if info.st_size > MAX_FILE_BYTES:
        raise _error(_too_large(info.st_size), path)
    if info.st_size == 0:
        raise _error("empty file (0 bytes)", path, 1)


def _is_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(path.stat().st_mode)
    except (OSError, ValueError):
        return False


def _open(path: Path) -> IO[bytes]:
    try:
        return path.open("rb")
    except OSError as error:
        raise _error(f"cannot read file: {_reason(error)}", path) from None


def _folder_files(folder: Path) -> list[Path]:
    def refuse(error: OSError) -> None:
        where = Path(error.filename) if error.filename else folder
        raise _error(f"cannot read folder: {_reason(error)}", where)

    files: list[Path] = []
    for root, dirs, names in os.walk(folder, onerror=refuse):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        for name in names:
            candidate = Path(root, name)
            if (
                not name.startswith(".")
                and candidate.suffix.lower() in EVIDENCE_SUFFIXES
                and candidate.is_file()
            ):
                files.append(candidate)
    return sorted(files)


# ------------------------------------------------------------------------ helpers

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        1,
    )
    for name in names
}
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_TIME = r"(?:,?\s+(?:at\s+)?\d{1,2}(?:[:.]\d{2}){1,2}\s*(?:[ap]\.?m\.?)?(?:\s+[a-z]{2,5})?)?"
_DAY_MONTH = re.compile(rf"{_WEEKDAY}(\d{{1,2}}){_ORDINAL}\s+([a-z]+)\.?,?\s+(\d{{4}}){_TIME}")
_MONTH_DAY = re.compile(rf"{_WEEKDAY}([a-z]+)\.?\s+(\d{{1,2}}){_ORDINAL},?\s+(\d{{4}}){_TIME}")
_SLASHED = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")


def _worded_date(text: str) -> str | None:
    parts: tuple[str, str, str] | None = None
    if match := _DAY_MONTH.fullmatch(text):
        day, month, year = match.groups()
        parts = (year, month, day)
    elif match := _MONTH_DAY.fullmatch(text):
        month, day, year = match.groups()
        parts = (year, month, day)
    elif match := _SLASHED.fullmatch(text):
        parts = match.groups()  # type: ignore[assignment]
    if parts is None:
        return None
    year, month, day = parts
    number = int(month) if month.isdigit() else _MONTHS.get(month)
    if number is None:
        return None
    try:
        return date(int(year), number, int(day)).isoformat()
    except ValueError:
        return None


def _meta(value: object) -> str | None:
    """A metadata string cleaned to one line, cut to a sane length; empty -> None."""
    if value is None:
        return None
    text = clean_line(str(value))[:_MAX_META_CHARS]
    return text or None


def _error(message: str, path: Path, line: int | None = None) -> InputError:
    """An InputError whose text is guaranteed to be a single printable line."""
    shown = str(path)
    if not shown.isprintable():
        shown = repr(shown)[1:-1]
    return InputError(" ".join(message.split()), shown, line)


def _reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, IsADirectoryError):
        return "is a folder, not a file"
    return (error.strerror or type(error).__name__).lower()


def _too_large(size: int) -> str:
    return f"file too large: {_size(size)}, the limit is {_size(MAX_FILE_BYTES)}"


def _size(count: int) -> str:
    mib = 1024 * 1024
    if count >= mib:
        return f"{count // mib} MiB" if count % mib == 0 else f"{count / mib:.1f} MiB"
    return f"{count} bytes"


def _invalid_utf8(offset: int) -> str:
    return f"invalid UTF-8 at byte {offset}: save the file as UTF-8"


def _suffix_shown(path: Path) -> str:
    suffix = path.suffix
    return f'"{clean_line(suffix)}"' if suffix else "(no suffix)"


def _unsupported(path: Path) -> str:
    kinds = ", ".join(EVIDENCE_SUFFIXES)
    return f"unsupported file type {_suffix_shown(path)}; evidence is one of {kinds}"
