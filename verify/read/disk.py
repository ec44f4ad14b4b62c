"""Bytes on disk: the checks every file passes, decoding, and one-line errors.

Every problem with a file is an :class:`~verify.errors.InputError` whose text is one
line: ``path:line: message`` (``path: message`` where no line applies)."""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from verify.errors import InputError
from verify.read.document import EVIDENCE_SUFFIXES
from verify.sanitize import clean_line

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Largest file read: 64 MiB. Bigger files are refused with an InputError naming the limit.

Large enough for a news article or an evidence export of ~100,000 records; small enough
that reading, cleaning and indexing one file stays within a few hundred MB of memory.
"""


SNIFF_BYTES = 8192


_BINARY_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20)])


def read_bytes(path: Path) -> bytes:
    check_file(path)
    with open_file(path) as handle:
        try:
            data = handle.read(MAX_FILE_BYTES + 1)
        except OSError as error:
            raise problem(f"cannot read file: {os_reason(error)}", path) from None
    if len(data) > MAX_FILE_BYTES:
        raise problem(too_large(len(data)), path)
    return data


def decode(data: bytes, path: Path) -> str:
    """UTF-8 bytes of a whole file -> str, or an InputError naming the line."""
    sniff(data[:SNIFF_BYTES], path)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise problem("binary file, not text", path, data.count(b"\n", 0, nul) + 1)
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = data[start:].decode("utf-8")
    except UnicodeDecodeError as error:
        offset = start + error.start
        line = data.count(b"\n", 0, offset) + 1
        raise problem(invalid_utf8(offset), path, line) from None
    if not text.strip():
        raise problem("empty file (only whitespace)", path, 1)
    return text


def sniff(head: bytes, path: Path) -> None:
    """Refuse UTF-16/32 and binary content from the first bytes of a file."""
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise problem("UTF-32 text, not UTF-8: save the file as UTF-8", path, 1)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise problem("UTF-16 text, not UTF-8: save the file as UTF-8", path, 1)
    nul = head.find(b"\x00")
    if nul >= 0:
        raise problem("binary file, not text", path, head.count(b"\n", 0, nul) + 1)
    odd = len(head) - len(head.translate(None, _BINARY_BYTES))
    if head and odd * 10 > len(head):
        raise problem("binary file, not text", path, 1)


def text_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(1-based line number, decoded line) of a file, each line checked as it is read."""
    with open_file(path) as handle:
        try:
            sniff(handle.read(SNIFF_BYTES), path)
            handle.seek(0)
            offset = 0
            for number, raw in enumerate(handle, 1):
                if number == 1 and raw.startswith(codecs.BOM_UTF8):
                    raw = raw[len(codecs.BOM_UTF8) :]
                    offset = len(codecs.BOM_UTF8)
                if b"\x00" in raw:
                    raise problem("binary file, not text", path, number)
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as error:
                    raise problem(invalid_utf8(offset + error.start), path, number) from None
                offset += len(raw)
                if offset > MAX_FILE_BYTES:
                    raise problem(too_large(offset), path, number)
                yield number, line
        except OSError as error:
            raise problem(f"cannot read file: {os_reason(error)}", path) from None


def check_file(path: Path) -> None:
    """Refuse a path that is missing, not a regular file, empty or over the limit."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise problem("no such file", path) from None
    except ValueError:  # e.g. an embedded NUL in the name
        raise problem("no such file", path) from None
    except OSError as error:
        raise problem(f"cannot read file: {os_reason(error)}", path) from None
    if stat.S_ISDIR(info.st_mode):
        raise problem("is a folder, not a file", path)
    if not stat.S_ISREG(info.st_mode):
        raise problem("not a regular file", path)
    if info.st_size > MAX_FILE_BYTES:
        raise problem(too_large(info.st_size), path)
    if info.st_size == 0:
        raise problem("empty file (0 bytes)", path, 1)


def is_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(path.stat().st_mode)
    except (OSError, ValueError):
        return False


def open_file(path: Path) -> IO[bytes]:
    try:
        return path.open("rb")
    except OSError as error:
        raise problem(f"cannot read file: {os_reason(error)}", path) from None


def folder_files(folder: Path, suffixes: tuple[str, ...] = EVIDENCE_SUFFIXES) -> list[Path]:
    """The files under ``folder`` with one of ``suffixes``, sorted; hidden entries skipped."""

    def refuse(error: OSError) -> None:
        where = Path(error.filename) if error.filename else folder
        raise problem(f"cannot read folder: {os_reason(error)}", where)

    files: list[Path] = []
    for root, dirs, names in os.walk(folder, onerror=refuse):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        for name in names:
            candidate = Path(root, name)
            if (
                not name.startswith(".")
                and candidate.suffix.lower() in suffixes
                and candidate.is_file()
            ):
                files.append(candidate)
    return sorted(files)


def skipped_in_folders(
    paths: list[Path], suffixes: tuple[str, ...] = EVIDENCE_SUFFIXES
) -> list[tuple[Path, str]]:
    """What :func:`folder_files` passes over in the folders among ``paths``, and why:
    hidden files and folders, and files of a type it does not read."""
    skipped: list[tuple[Path, str]] = []
    for folder in paths:
        if not Path(folder).is_dir():
            continue
        for root, dirs, names in os.walk(folder):
            for name in sorted(dirs):
                if name.startswith("."):
                    skipped.append((Path(root, name), "hidden folder"))
            dirs[:] = [name for name in dirs if not name.startswith(".")]
            for name in sorted(names):
                candidate = Path(root, name)
                if name.startswith("."):
                    skipped.append((candidate, "hidden file"))
                elif candidate.suffix.lower() not in suffixes:
                    skipped.append((candidate, f"unsupported file type {suffix_shown(candidate)}"))
                elif not candidate.is_file():
                    skipped.append((candidate, "not a regular file"))
    return skipped


def problem(message: str, path: Path | str, line: int | None = None) -> InputError:
    """An InputError whose text is guaranteed to be a single printable line."""
    shown = str(path)
    if not shown.isprintable():
        shown = repr(shown)[1:-1]
    return InputError(" ".join(message.split()), shown, line)


def os_reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, IsADirectoryError):
        return "is a folder, not a file"
    return (error.strerror or type(error).__name__).lower()


def too_large(size: int) -> str:
    return f"file too large: {_size(size)}, the limit is {_size(MAX_FILE_BYTES)}"


def _size(count: int) -> str:
    mib = 1024 * 1024
    if count >= mib:
        return f"{count // mib} MiB" if count % mib == 0 else f"{count / mib:.1f} MiB"
    return f"{count} bytes"


def invalid_utf8(offset: int) -> str:
    return f"invalid UTF-8 at byte {offset}: save the file as UTF-8"


def suffix_shown(path: Path) -> str:
    suffix = path.suffix
    return f'"{clean_line(suffix)}"' if suffix else "(no suffix)"


def unsupported(path: Path) -> str:
    kinds = ", ".join(EVIDENCE_SUFFIXES)
    return f"unsupported file type {suffix_shown(path)}; evidence is one of {kinds}"
