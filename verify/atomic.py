"""Writing a file whole or not at all, without being led somewhere else.

Exports and backups go to a temporary file created exclusively (``O_EXCL``, never
following a symlink) in the target's own folder, which is renamed onto the target
once complete. The target must be a regular file or not exist yet: a folder, device,
FIFO, socket or symlink is refused in one line. A file that is replaced keeps its mode.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from verify.errors import InputError

_KINDS = {
    stat.S_IFDIR: "is a folder",
    stat.S_IFCHR: "is a device",
    stat.S_IFBLK: "is a device",
    stat.S_IFIFO: "is a FIFO (named pipe)",
    stat.S_IFSOCK: "is a socket",
    stat.S_IFLNK: "is a symbolic link",
}


def _umask_mode(default: int) -> int:
    mask = os.umask(0)
    os.umask(mask)
    return default & ~mask


def check_target(target: Path | str) -> tuple[Path, int | None]:
    """The target as a path and the mode of the file it replaces (None: a new file).

    Raises InputError for an empty name, a missing folder, or a target that is not a
    regular file.
    """
    if str(target) in ("", "."):
        raise InputError("no file name given")
    path = Path(target)
    try:
        info = path.lstat()
    except FileNotFoundError:
        if not path.parent.is_dir():
            raise InputError("no such folder", path.parent) from None
        return path, None
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}", path) from None
    kind = stat.S_IFMT(info.st_mode)
    if kind != stat.S_IFREG:
        raise InputError(
            f"{_KINDS.get(kind, 'is not a regular file')}: refusing to replace it", path
        )
    return path, stat.S_IMODE(info.st_mode)


@contextmanager
def replacing(target: Path | str, new_mode: int | None = None) -> Iterator[tuple[int, Path]]:
    """(descriptor, path) of a new temporary file that replaces ``target`` on success.

    ``new_mode`` is the mode of a file that did not exist (default: 0666 less the
    umask); a replaced file keeps its own. Raises InputError naming the target when it
    cannot be written; nothing is left behind on failure.
    """
    path, mode = check_target(target)
    if mode is None:
        mode = _umask_mode(0o666) if new_mode is None else new_mode
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.part")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(temporary, flags | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}", path) from None
    try:
        yield fd, temporary
        os.fchmod(fd, mode)
        os.fsync(fd)
        os.close(fd)
        fd = -1
        check_target(path)  # still a regular file or absent, just before the rename
        os.replace(temporary, path)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}", path) from None
    finally:
        if fd >= 0:
            os.close(fd)
        temporary.unlink(missing_ok=True)


def write_text(target: Path | str, document: str) -> None:
    """Write ``document`` (UTF-8, line ends as given) to ``target`` whole or not at all."""
    with replacing(target) as (fd, _):
        data = document.encode("utf-8", "surrogatepass")
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
