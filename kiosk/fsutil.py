"""Private files and folders: 0700 folders, 0600 files, renames that survive a power cut.

The data dir holds sealed applications, the ID-number hash key, logs and
backups. Each file is created with its final mode in the ``open`` call itself
(``O_CREAT`` with 0600), so a umask of 022 never leaves a moment where it is
0644, and folders are set to 0700 even when they already existed. A rename
is durable only once the folder holding it is fsynced: ``replace_durably``
does both.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) and make it 0700, even if it already existed."""
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    if path.stat().st_mode & 0o777 != DIR_MODE:
        os.chmod(path, DIR_MODE)
    return path


def touch_private(path: Path) -> bool:
    """Create an empty 0600 file if none exists; True when it was created here.

    SQLite gives its -wal and -shm files the mode of the database file, so a
    database created this way keeps all three at 0600.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return False
    os.close(fd)
    return True


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to a new 0600 file beside ``path``, fsync it, rename it into place."""
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    replace_durably(partial, path)


def fsync_dir(path: Path) -> None:
    """Make the names in ``path`` (a rename, a new file) durable."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_durably(source: Path, target: Path) -> None:
    """``source.replace(target)``, then fsync the folder(s) so the rename survives."""
    source.replace(target)
    fsync_dir(target.parent)
    if source.parent != target.parent:
        fsync_dir(source.parent)


def is_disk_full(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)
