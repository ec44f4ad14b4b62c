"""Record files (.jsonl, .csv, .tsv): one Document per record, checked as it is read.

Records are streamed a line at a time, so an error can surface after earlier records
were yielded (the caller stores a file in one transaction and rolls back)."""

from __future__ import annotations

import csv
import hashlib
import json
import math
from collections.abc import Iterator, Mapping
from pathlib import Path

from verify.read import disk
from verify.read.dates import normalise_date
from verify.read.disk import problem, text_lines
from verify.read.document import Document, meta_line
from verify.read.plain import paragraphs
from verify.sanitize import clean, clean_line

_FIELD_NAMES = {
    "text": ("text",),
    "id": ("id",),
    "title": ("title",),
    "url": ("url",),
    "publisher": ("publisher",),
    "published_at": ("published_at", "published", "date"),
}


_COLUMN_ALIASES = {"vclaim": "text", "vclaim_id": "id"}  # CheckThat verified-claims TSV


def json_lines(path: Path) -> Iterator[tuple[int, object]]:
    """(line number, parsed value) of each non-blank line of a JSON-lines file.

    Invalid JSON is an InputError naming the line; a file with no value is one too.
    """
    found = False
    for number, line in text_lines(path):
        if not line.strip():
            continue
        try:
            value = json.loads(line, strict=False)
        except RecursionError:
            raise problem("not valid JSON: nested too deeply", path, number) from None
        except json.JSONDecodeError as error:
            reason = f"{error.msg} (column {error.colno})"
            raise problem(f"not valid JSON: {reason}", path, number) from None
        except ValueError as error:
            reason = clean_line(str(error)).split(";")[0][:120]
            raise problem(f"not valid JSON: {reason}", path, number) from None
        found = True
        yield number, value
    if not found:
        raise problem("empty file (no records)", path, 1)


def jsonl_records(path: Path) -> Iterator[Document]:
    for number, value in json_lines(path):
        if not isinstance(value, dict):
            found_kind = json_type(value)
            raise problem(
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
        yield _record(fields, path, number, "jsonl")


def table_rows(path: Path, fmt: str) -> Iterator[tuple[int, list[str]]]:
    """(first line, fields) of each row of a .csv/.tsv file, the header row first.

    Blank rows are skipped; a row whose field count differs from the header's, a file
    without a header or without a row after it, is an InputError naming the line.
    """
    if csv.field_size_limit() < disk.MAX_FILE_BYTES:
        csv.field_size_limit(disk.MAX_FILE_BYTES)
    lines = (line for _, line in text_lines(path))
    # TSV is quoted as spreadsheets and pandas write it: a field may be quoted and hold
    # doubled quotes, tabs and newlines (the CheckThat verified claims do all three).
    # CSV is strict: an unclosed quote is an error, not a merge.
    reader = csv.reader(lines, delimiter="\t") if fmt == "tsv" else csv.reader(lines, strict=True)
    header: list[str] | None = None
    found = False
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            name = fmt.upper()
            raise problem(f"not valid {name}: {clean_line(str(error))}", path, start) from None
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        if header is None:
            header = row
        elif len(row) != len(header):
            raise problem(f"row has {len(row)} fields, header has {len(header)}", path, start)
        else:
            found = True
        yield start, row
    if header is None:
        raise problem("empty file (no header row)", path, 1)
    if not found:
        raise problem("no records after the header row", path, max(reader.line_num, 1))


def table_records(path: Path, fmt: str) -> Iterator[Document]:
    columns: dict[str, int] | None = None
    for line, row in table_rows(path, fmt):
        if columns is None:
            columns = _columns(row, path, line)
            continue
        yield _record({field: row[index] for field, index in columns.items()}, path, line, fmt)


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
        raise problem(f'no "text" column (columns: {shown})', path, line)
    return columns


def _record(fields: Mapping[str, object], path: Path, line: int, fmt: str) -> Document:
    """Check a record's fields and build its Document."""
    raw_text = fields.get("text")
    if raw_text is None:
        raise problem('record has no "text"', path, line)
    if not isinstance(raw_text, str):
        raise problem(f'record has no "text" ("text" is {json_type(raw_text)})', path, line)
    text = paragraphs(clean(raw_text))
    if not text:
        raise problem('record has no "text" (it is empty)', path, line)
    values: dict[str, str | None] = {}
    for field in ("title", "url", "publisher", "published_at"):
        value = fields.get(field)
        if value is not None and not isinstance(value, str):
            raise problem(f'"{field}" must be a string, not {json_type(value)}', path, line)
        values[field] = meta_line(value)
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
        raise problem(f'"id" must be a string or number, not {json_type(value)}', path, line)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise problem('"id" must be a finite number', path, line)
        value = int(value) if value.is_integer() else value
    return meta_line(str(value))


def json_type(value: object) -> str:
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
