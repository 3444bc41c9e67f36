"""Writing a file onto a USB drive that a stranger may have prepared.

A stick comes from anyone: a name on it can be a symbolic link to a kiosk
file (the database, a key, the PIN's hash), and an export that opened that
name wrote through the link and overwrote its target. Here no link is ever
followed: the folder is reached from its mount point one component at a time
with ``O_NOFOLLOW | O_DIRECTORY`` (a link anywhere on the way is refused, so
the path cannot resolve outside the mount); the file is written under a fresh
name created with ``O_CREAT | O_EXCL | O_NOFOLLOW`` in that folder, synced,
and renamed over the final name, which replaces a link there instead of
writing through it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from kiosk.errors import KioskError

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


class UnsafeExportPath(KioskError):
    """The folder or the name leads through a link or out of the drive."""

    key = "error.export.unsafe"


def mount_of(path: Path) -> Path:
    """The mount point ``path`` lies under, judged on the path as written."""
    current = Path(os.path.abspath(path))
    while not os.path.ismount(current) and current != current.parent:
        current = current.parent
    return current


def _open_folder(folder: Path) -> int:
    """A descriptor of ``folder``, reached from its mount without following a link."""
    absolute = Path(os.path.abspath(folder))
    mount = mount_of(absolute)
    fd = os.open(mount, _DIR_FLAGS)
    try:
        for part in absolute.relative_to(mount).parts:
            if part in ("", ".", ".."):
                raise UnsafeExportPath(f"{folder}: '{part}' in the path", path=str(folder))
            try:
                child = os.open(part, _DIR_FLAGS, dir_fd=fd)
            except OSError as exc:
                if exc.errno in (errno.ELOOP, errno.ENOTDIR):
                    raise UnsafeExportPath(
                        f"{folder}: {part} is a link or not a folder", path=str(folder)
                    ) from exc
                raise
            os.close(fd)
            fd = child
    except BaseException:
        os.close(fd)
        raise
    return fd


def write_export(folder: Path, name: str, write: Callable[[BinaryIO], None]) -> Path:
    """Write ``folder/name`` through ``write(file)`` without following any link.

    Raises UnsafeExportPath for a name that is not one plain file name, or a
    folder reached through a link; OSError for the drive's own failures (full,
    read-only, pulled out), which the caller turns into its typed error.
    """
    if not name or name in (".", "..") or "/" in name or "\0" in name:
        raise UnsafeExportPath(f"{name!r} is not a file name", path=str(folder))
    dir_fd = _open_folder(folder)
    temp = f".{name}.{secrets.token_hex(4)}.part"
    try:
        fd = os.open(temp, _NEW_FILE, 0o600, dir_fd=dir_fd)
        try:
            with os.fdopen(fd, "wb") as handle:
                write(handle)
                handle.flush()
                os.fsync(handle.fileno())
            # rename replaces the directory entry: a link named ``name`` is
            # replaced, its target is never opened
            os.replace(temp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
            os.fsync(dir_fd)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp, dir_fd=dir_fd)
            raise
    finally:
        os.close(dir_fd)
    return folder / name
